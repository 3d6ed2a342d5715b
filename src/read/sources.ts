import { createReadStream } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { WARCParser, type WARCRecord } from "warcio";
import { createGunzip } from "node:zlib";
import type { RawDoc, ReadFailure } from "../types.js";
import { declaredCharset, decodeBytes, ReadError } from "./decode.js";
import { looksLikeHtml, readHtml } from "./html.js";

export type ReadItem = { doc: RawDoc } | { failure: ReadFailure };

export interface ReadOptions {
  /** pages larger than this are refused, so that one huge page cannot exhaust memory */
  maxPageBytes?: number;
  /** told how many bytes of input files have been read, as reading goes on (for progress and ETA) */
  onBytes?: (bytes: number) => void;
}

const DEFAULT_MAX_PAGE = 16 * 1024 * 1024;
const PAGE_EXTENSIONS = /\.(txt|html?|jsonl|warc|warc\.gz)$/i;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** One page's bytes to a RawDoc: HTML is recognised by name or content and reduced to its text lines. */
export function pageFromBytes(bytes: Uint8Array, path: string | null, url: string | null, hint: "html" | "text" | null): RawDoc {
  if (bytes.byteLength === 0) throw new ReadError("空文件");
  const charset = hint !== "text" ? declaredCharset(bytes) : null;
  const { text, encoding } = decodeBytes(bytes, charset);
  return pageFromText(text, path, url, hint, encoding);
}

export function pageFromText(text: string, path: string | null, url: string | null, hint: "html" | "text" | null, encoding = "utf-8"): RawDoc {
  if (text.trim() === "") throw new ReadError("没有文字内容");
  if (hint === "html" || (hint === null && looksLikeHtml(text))) {
    const page = readHtml(text);
    return { path, url, text: page.text, encoding, htmlTitle: page.title, htmlRemoved: page.removed };
  }
  return { path, url, text, encoding };
}

function failure(path: string, error: unknown): ReadItem {
  const problem = error instanceof ReadError ? error.message : error instanceof Error ? error.message : String(error);
  return { failure: { path, problem } };
}

async function* readJsonLines(lines: AsyncIterable<string>, path: string, maxPageBytes: number, onBytes?: (bytes: number) => void): AsyncGenerator<ReadItem> {
  let n = 0;
  for await (const line of lines) {
    n++;
    onBytes?.(Buffer.byteLength(line) + 1);
    if (line.trim() === "") continue;
    const where = `${path}:${n}`;
    if (line.length > maxPageBytes) {
      yield failure(where, new ReadError(`页面过大(${mb(line.length)},上限 ${mb(maxPageBytes)})`));
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      yield failure(where, new ReadError("不是有效的 JSON 行"));
      continue;
    }
    const item = value as { text?: unknown; html?: unknown; url?: unknown; id?: unknown };
    const url = typeof item.url === "string" ? item.url : null;
    const id = typeof item.id === "string" || typeof item.id === "number" ? String(item.id) : String(n);
    const docPath = `${path}#${id}`;
    try {
      if (typeof item.html === "string") yield { doc: pageFromText(item.html, docPath, url, "html") };
      else if (typeof item.text === "string") yield { doc: pageFromText(item.text, docPath, url, "text") };
      else yield failure(where, new ReadError("JSON 行缺少 text 或 html 字段"));
    } catch (error) {
      yield failure(where, error);
    }
  }
}

/** A record that ends before its declared length: the file was cut off. */
function isCut(parser: WARCParser, record: WARCRecord): boolean {
  const declared = Number(record.warcHeaders.headers.get("Content-Length") ?? NaN);
  // _warcHeadersLength is where the record's WARC headers end, counted from the start of the file.
  const headers = parser._warcHeadersLength - parser.offset;
  return Number.isFinite(declared) && parser.recordLength < headers + declared;
}

async function* readWarc(stream: Readable, path: string, maxPageBytes: number): AsyncGenerator<ReadItem> {
  let n = 0;
  const cut = (detail: string) => failure(path, new ReadError(`WARC 文件不完整或已损坏(已读 ${n} 条响应记录): ${detail}`));
  try {
    const parser = new WARCParser(stream);
    for await (const record of parser) {
      if (record.warcType !== "response") continue;
      n++;
      const url = record.warcTargetURI ?? null;
      const where = `${path}#${n}`;
      const contentType = record.httpHeaders?.headers.get("content-type") ?? "";
      const bytes = await record.readFully(true);
      if (isCut(parser, record)) {
        yield cut("最后一条记录被截断");
        return;
      }
      if (contentType && !/html|text/i.test(contentType)) continue;
      if (bytes.byteLength > maxPageBytes) {
        yield failure(where, new ReadError(`页面过大(${mb(bytes.byteLength)},上限 ${mb(maxPageBytes)})`));
        continue;
      }
      const declared = contentType.match(/charset=([\w-]+)/i)?.[1] ?? null;
      try {
        const { text, encoding } = decodeBytes(bytes, declared ?? declaredCharset(bytes));
        yield { doc: pageFromText(text, where, url, /html/i.test(contentType) || looksLikeHtml(text) ? "html" : "text", encoding) };
      } catch (error) {
        yield failure(where, error);
      }
    }
  } catch (error) {
    yield cut(error instanceof Error ? error.message : String(error));
  }
}

/** A gzipped WARC is unzipped by zlib, which (unlike the WARC parser) notices a cut-off file. */
function warcStream(source: Readable, gzipped: boolean): Readable {
  if (!gzipped) return source;
  const gunzip = createGunzip();
  source.on("error", (error) => gunzip.destroy(error));
  return source.pipe(gunzip);
}

async function* readFileInput(path: string, maxPageBytes: number, onBytes?: (bytes: number) => void): AsyncGenerator<ReadItem> {
  if (/\.jsonl$/i.test(path)) {
    yield* readJsonLines(createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Infinity }), path, maxPageBytes, onBytes);
    return;
  }
  const info = await stat(path);
  onBytes?.(info.size);
  if (/\.warc(\.gz)?$/i.test(path)) {
    yield* readWarc(warcStream(createReadStream(path), /\.gz$/i.test(path)), path, maxPageBytes);
    return;
  }
  if (info.size > maxPageBytes) {
    yield failure(path, new ReadError(`页面过大(${mb(info.size)},上限 ${mb(maxPageBytes)})`));
    return;
  }
  const hint = /\.html?$/i.test(path) ? "html" : /\.txt$/i.test(path) ? "text" : null;
  try {
    yield { doc: pageFromBytes(await readFile(path), path, null, hint) };
  } catch (error) {
    yield failure(path, error);
  }
}

/** The files a folder holds that are read as pages, in reading order (subfolders walked, names sorted). */
async function* pageFiles(path: string): AsyncGenerator<string> {
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) yield* pageFiles(child);
    else if (entry.isFile() && PAGE_EXTENSIONS.test(entry.name) && !entry.name.endsWith(".gold.json")) yield child;
  }
}

async function* readFolder(path: string, maxPageBytes: number, onBytes?: (bytes: number) => void): AsyncGenerator<ReadItem> {
  let files = 0;
  for await (const file of pageFiles(path)) {
    files++;
    yield* readFileInput(file, maxPageBytes, onBytes);
  }
  if (files === 0) yield failure(path, new ReadError("文件夹里没有可读的页面(.txt .html .htm .jsonl .warc .warc.gz)"));
}

/** How many bytes the inputs hold (folders walked), to estimate the time left; null when one is stdin. */
export async function inputBytes(inputs: string[]): Promise<number | null> {
  let total = 0;
  for (const input of inputs) {
    if (input === "-") return null;
    try {
      const info = await stat(input);
      if (!info.isDirectory()) total += info.size;
      else for await (const file of pageFiles(input)) total += (await stat(file)).size;
    } catch {
      // a missing input is reported when it is read
    }
  }
  return total;
}

async function* readStdin(stdin: Readable, maxPageBytes: number): AsyncGenerator<ReadItem> {
  const iterator = stdin[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) {
    yield failure("-", new ReadError("标准输入为空"));
    return;
  }
  const head = Buffer.from(first.value as Buffer);
  async function* rest(): AsyncGenerator<Buffer> {
    yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value as Buffer;
  }
  const start = head.subarray(0, 64).toString("latin1").trimStart();
  if (start.startsWith("WARC/") || (head[0] === 0x1f && head[1] === 0x8b)) {
    yield* readWarc(warcStream(Readable.from(rest()), head[0] === 0x1f && head[1] === 0x8b), "-", maxPageBytes);
  } else if (start.startsWith("{")) {
    yield* readJsonLines(createInterface({ input: Readable.from(rest()), crlfDelay: Infinity }), "-", maxPageBytes);
  } else {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of rest()) {
      size += chunk.length;
      if (size > maxPageBytes) {
        yield failure("-", new ReadError(`页面过大(超过上限 ${mb(maxPageBytes)})`));
        return;
      }
      chunks.push(chunk);
    }
    try {
      yield { doc: pageFromBytes(Buffer.concat(chunks), "-", null, null) };
    } catch (error) {
      yield failure("-", error);
    }
  }
}

/** Every page of every input, in input order: files, folders (recursively, sorted), '-' for standard input. */
export async function* readInputs(inputs: string[], options: ReadOptions = {}, stdin: Readable = process.stdin): AsyncGenerator<ReadItem> {
  const maxPageBytes = options.maxPageBytes ?? DEFAULT_MAX_PAGE;
  for (const input of inputs) {
    if (input === "-") {
      yield* readStdin(stdin, maxPageBytes);
      continue;
    }
    let info;
    try {
      info = await stat(input);
    } catch {
      yield failure(input, new ReadError("找不到该文件或文件夹"));
      continue;
    }
    try {
      if (info.isDirectory()) yield* readFolder(input, maxPageBytes, options.onBytes);
      else yield* readFileInput(input, maxPageBytes, options.onBytes);
    } catch (error) {
      yield failure(input, error);
    }
  }
}
