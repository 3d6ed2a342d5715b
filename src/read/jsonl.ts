import { jsonLineCaptureTime } from "./captured.js";
import { ReadError } from "./decode.js";
import { failure, mb, type ReadItem } from "./items.js";
import { boundedLines } from "./lines.js";
import { pageFromText, withCaptured } from "./page.js";

// JSON lines: one document a line, an object with `text` or `html` (and optional `url`, `id`, and a capture
// time: `captured`, `fetched`, `crawled_at` or `crawl_time`, see captured.ts). Each line
// that is not such an object is one failure naming the line; the lines after it are read.

/** What a JSON line's field holds, named for a message: 缺少 when absent, its type when it is not a string. */
function fieldProblem(item: { [key: string]: unknown }): string {
  const wrong = (["text", "html"] as const).filter((key) => item[key] !== undefined && item[key] !== null);
  if (wrong.length === 0) return "JSON 行缺少 text 或 html 字段";
  return wrong.map((key) => `JSON 行的 ${key} 字段不是字符串(是 ${jsonType(item[key])})`).join(";");
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return "数组";
  if (value === null) return "null";
  return { number: "数字", boolean: "布尔值", object: "对象", string: "字符串" }[typeof value as string] ?? typeof value;
}

/** The pages of a JSONL stream, in order, each bad line one failure in its place. */
export async function* readJsonLines(source: AsyncIterable<Buffer | string>, path: string, maxPageBytes: number, onBytes?: (bytes: number) => void): AsyncGenerator<ReadItem> {
  let n = 0;
  let items = 0;
  for await (const read of boundedLines(source, maxPageBytes)) {
    n++;
    const where = `${path}:${n}`;
    if ("tooLong" in read) {
      onBytes?.(read.tooLong + 1);
      items++;
      yield failure(where, new ReadError(`页面过大(${mb(read.tooLong)},上限 ${mb(maxPageBytes)})`));
      continue;
    }
    const line = read.text;
    onBytes?.(read.bytes);
    if (line.trim() === "") continue;
    items++;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      yield failure(where, new ReadError("不是有效的 JSON 行"));
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      yield failure(where, new ReadError(`JSON 行不是对象(是 ${jsonType(value)})`));
      continue;
    }
    const item = value as { text?: unknown; html?: unknown; url?: unknown; id?: unknown };
    const url = typeof item.url === "string" ? item.url : null;
    const id = typeof item.id === "string" || typeof item.id === "number" ? String(item.id) : String(n);
    const docPath = `${path}#${id}`;
    try {
      const captured = jsonLineCaptureTime(value as { [key: string]: unknown });
      if (typeof item.html === "string") yield { doc: withCaptured(pageFromText(item.html, docPath, url, "html"), captured) };
      else if (typeof item.text === "string") yield { doc: withCaptured(pageFromText(item.text, docPath, url, "text"), captured) };
      else yield failure(where, new ReadError(fieldProblem(item)));
    } catch (error) {
      yield failure(where, error);
    }
  }
  if (items === 0) yield failure(path, new ReadError(n === 0 ? "空文件" : "JSONL 文件里没有页面(只有空行)"));
}

/**
 * Whether standard input is JSON lines: it begins with an object, or its first line is any other JSON value
 * (a null or an array line is then one bad line, not the end of the input). A page beginning "[要闻]" is text.
 */
export function startsJsonLines(head: Buffer): boolean {
  const start = head.subarray(0, 64).toString("latin1").trimStart();
  if (start.startsWith("{")) return true;
  if (!/^(\[|null\b)/.test(start)) return false;
  const newline = head.indexOf(0x0a);
  try {
    JSON.parse(head.subarray(0, newline === -1 ? head.length : newline).toString("utf8"));
    return true;
  } catch {
    return false;
  }
}
