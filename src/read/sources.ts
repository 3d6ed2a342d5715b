import { createReadStream } from "node:fs";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { sep } from "node:path";
import { Readable } from "node:stream";
import { WARCParser, type WARCRecord } from "warcio";
import { createGunzip } from "node:zlib";
import type { RawDoc, ReadFailure } from "../types.js";
import { fileProblem, shownPath } from "./paths.js";
import { declaredCharset, decodeBytes, ReadError } from "./decode.js";
import { looksLikeHtml, readHtml } from "./html.js";
import { boundedLines } from "./lines.js";

export type ReadItem = { doc: RawDoc } | { failure: ReadFailure };

export interface ReadOptions {
  /** pages larger than this are refused, so that one huge page cannot exhaust memory */
  maxPageBytes?: number;
  /** told how many bytes of input files have been read, as reading goes on (for progress and ETA) */
  onBytes?: (bytes: number) => void;
  /** told of each WARC response that is not a page (a 404, robots.txt, CSS, a script): counted, not read */
  onSkip?: (path: string, reason: string) => void;
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
    return { path, url, text: page.text, encoding, htmlTitle: page.title, htmlRemoved: page.removed, htmlLinkShare: page.linkShare };
  }
  return { path, url, text, encoding };
}

function failure(path: string, error: unknown): ReadItem {
  const problem = error instanceof ReadError ? error.message : (fileProblem(error) ?? (error instanceof Error ? error.message : String(error)));
  return { failure: { path, problem } };
}

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

async function* readJsonLines(source: AsyncIterable<Buffer | string>, path: string, maxPageBytes: number, onBytes?: (bytes: number) => void): AsyncGenerator<ReadItem> {
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
      if (typeof item.html === "string") yield { doc: pageFromText(item.html, docPath, url, "html") };
      else if (typeof item.text === "string") yield { doc: pageFromText(item.text, docPath, url, "text") };
      else yield failure(where, new ReadError(fieldProblem(item)));
    } catch (error) {
      yield failure(where, error);
    }
  }
  if (items === 0) yield failure(path, new ReadError(n === 0 ? "空文件" : "JSONL 文件里没有页面(只有空行)"));
}

/** A record that ends before its declared length: the file was cut off. */
function isCut(parser: WARCParser, record: WARCRecord): boolean {
  const declared = Number(record.warcHeaders.headers.get("Content-Length") ?? NaN);
  // _warcHeadersLength is where the record's WARC headers end, counted from the start of the file.
  const headers = parser._warcHeadersLength - parser.offset;
  return Number.isFinite(declared) && parser.recordLength < headers + declared;
}

/**
 * Why a WARC response is not a page, or null when it is one: only successful HTML responses are pages.
 * A 404's error page, robots.txt, a style sheet or a script is what a crawl also fetched, not news.
 */
function notAPage(record: WARCRecord, body: Uint8Array): string | null {
  const status = Number(record.httpHeaders?.statusCode ?? 200);
  if (!(status >= 200 && status < 300)) return `HTTP ${status}`;
  const contentType = (record.httpHeaders?.headers.get("content-type") ?? "").trim();
  if (contentType) return /html/i.test(contentType) ? null : contentType.split(";")[0]!.trim().toLowerCase();
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, 2048)).toString("latin1");
  return looksLikeHtml(head) ? null : "无类型且不像网页";
}

interface Reading {
  maxPageBytes: number;
  onBytes?: (bytes: number) => void;
  onSkip?: (path: string, reason: string) => void;
}

async function* readWarc(stream: Readable, path: string, reading: Reading): AsyncGenerator<ReadItem> {
  let records = 0;
  let responses = 0;
  let pages = 0;
  let failed = false;
  const cut = (detail: string) => {
    failed = true;
    return failure(path, new ReadError(`WARC 文件不完整或已损坏(已读 ${responses} 条响应记录): ${detail}`));
  };
  try {
    const parser = new WARCParser(stream);
    for await (const record of parser) {
      // The parser takes any text for a record; one that does not begin "WARC/" means this is no WARC file.
      if (!record.warcHeaders.statusline.startsWith("WARC/")) {
        if (records > 0) yield cut(`第 ${records + 1} 条记录不以 WARC/ 开头`);
        break;
      }
      records++;
      if (!record.warcType || !record.warcHeaders.headers.get("Content-Length")) {
        yield cut(`第 ${records} 条记录的头不完整`);
        return;
      }
      if (record.warcType !== "response") {
        await record.skipFully();
        if (isCut(parser, record)) {
          yield cut("最后一条记录被截断");
          return;
        }
        continue;
      }
      responses++;
      const url = record.warcTargetURI ?? null;
      const where = `${path}#${responses}`;
      // A record's declared length is known before its body is read: an oversized one is never held in memory.
      const declaredLength = Number(record.warcHeaders.headers.get("Content-Length"));
      if (declaredLength > reading.maxPageBytes) {
        await record.skipFully();
        if (isCut(parser, record)) {
          yield cut("最后一条记录被截断");
          return;
        }
        const skip = notAPage(record, new Uint8Array()); // an untyped body too large to look at is not taken for a page
        if (skip) reading.onSkip?.(where, skip);
        else {
          pages++;
          yield failure(where, new ReadError(`页面过大(${mb(declaredLength)},上限 ${mb(reading.maxPageBytes)})`));
        }
        continue;
      }
      const bytes = await record.readFully(true);
      if (isCut(parser, record)) {
        yield cut("最后一条记录被截断");
        return;
      }
      const skip = notAPage(record, bytes);
      if (skip) {
        reading.onSkip?.(where, skip);
        continue;
      }
      pages++;
      if (bytes.byteLength > reading.maxPageBytes) {
        yield failure(where, new ReadError(`页面过大(${mb(bytes.byteLength)},上限 ${mb(reading.maxPageBytes)})`));
        continue;
      }
      const contentType = record.httpHeaders?.headers.get("content-type") ?? "";
      const declared = contentType.match(/charset\s*=\s*["']?([\w-]+)/i)?.[1] ?? null;
      try {
        const { text, encoding } = decodeBytes(bytes, declared ?? declaredCharset(bytes));
        yield { doc: pageFromText(text, where, url, "html", encoding) };
      } catch (error) {
        yield failure(where, error);
      }
    }
  } catch (error) {
    const problem = fileProblem(error);
    yield problem ? failure(path, new ReadError(problem)) : records === 0 ? notWarc(path) : cut(error instanceof Error ? error.message : String(error));
    return;
  }
  if (records === 0) yield notWarc(path);
  else if (failed) return;
  else if (pages === 0) yield failure(path, new ReadError(`WARC 文件里没有成功的网页响应(共 ${records} 条记录,${responses} 条响应)`));
}

function notWarc(path: string): ReadItem {
  return failure(path, new ReadError("不是 WARC 文件:没有找到 WARC 记录"));
}

/** A gzipped WARC is unzipped by zlib, which (unlike the WARC parser) notices a cut-off file. */
function warcStream(source: Readable, gzipped: boolean): Readable {
  if (!gzipped) return source;
  const gunzip = createGunzip();
  source.on("error", (error) => gunzip.destroy(error));
  return source.pipe(gunzip);
}

type FilePath = string | Buffer;

async function* readFileInput(path: FilePath, shown: string, reading: Reading): AsyncGenerator<ReadItem> {
  const info = await stat(path);
  if (info.size === 0) {
    yield failure(shown, new ReadError("空文件"));
    return;
  }
  if (/\.jsonl$/i.test(shown)) {
    yield* readJsonLines(createReadStream(path), shown, reading.maxPageBytes, reading.onBytes);
    return;
  }
  reading.onBytes?.(info.size);
  if (/\.warc(\.gz)?$/i.test(shown)) {
    yield* readWarc(warcStream(createReadStream(path), /\.gz$/i.test(shown)), shown, reading);
    return;
  }
  if (info.size > reading.maxPageBytes) {
    yield failure(shown, new ReadError(`页面过大(${mb(info.size)},上限 ${mb(reading.maxPageBytes)})`));
    return;
  }
  const hint = /\.html?$/i.test(shown) ? "html" : /\.txt$/i.test(shown) ? "text" : null;
  try {
    yield { doc: pageFromBytes(await readFile(path), shown, null, hint) };
  } catch (error) {
    yield failure(shown, error);
  }
}

/** One entry of a folder: the bytes of its path (names need not be UTF-8) and the path as shown to people. */
interface Entry {
  path: Buffer;
  shown: string;
}

type Walked = { file: Entry } | { failure: ReadFailure };

function childOf(folder: Entry, name: Buffer): Entry {
  return { path: Buffer.concat([folder.path, Buffer.from(sep), name]), shown: folder.shown + sep + shownPath(name) };
}

/**
 * The files a folder holds that are read as pages, in reading order (subfolders walked, names sorted by
 * their bytes). Links are followed, each folder walked once whatever links lead to it again; an entry
 * that cannot be read is one failure and the walk goes on.
 */
async function* pageFiles(folder: Entry, seen: Set<string> = new Set()): AsyncGenerator<Walked> {
  let names: Buffer[];
  try {
    const real = await realpath(folder.path);
    if (seen.has(real)) return;
    seen.add(real);
    names = (await readdir(folder.path, { encoding: "buffer" })).sort(Buffer.compare);
  } catch (error) {
    yield { failure: { path: folder.shown, problem: fileProblem(error) ?? String(error) } };
    return;
  }
  for (const name of names) {
    const child = childOf(folder, name);
    let info;
    try {
      info = await stat(child.path); // follows links
    } catch (error) {
      const dangling = (error as NodeJS.ErrnoException).code === "ENOENT";
      yield { failure: { path: child.shown, problem: dangling ? "链接指向的文件不存在" : (fileProblem(error) ?? String(error)) } };
      continue;
    }
    if (info.isDirectory()) yield* pageFiles(child, seen);
    else if (info.isFile() && PAGE_EXTENSIONS.test(child.shown) && !child.shown.endsWith(".gold.json")) yield { file: child };
  }
}

async function* readFolder(path: string, reading: Reading): AsyncGenerator<ReadItem> {
  let files = 0;
  for await (const walked of pageFiles({ path: Buffer.from(path), shown: path })) {
    if ("failure" in walked) {
      yield walked;
      continue;
    }
    files++;
    yield* readAlone(walked.file.path, walked.file.shown, reading);
  }
  if (files === 0) yield failure(path, new ReadError("文件夹里没有可读的页面(.txt .html .htm .jsonl .warc .warc.gz)"));
}

/** One file of many: whatever goes wrong in it is its own failure, and the others are still read. */
async function* readAlone(path: FilePath, shown: string, reading: Reading): AsyncGenerator<ReadItem> {
  try {
    yield* readFileInput(path, shown, reading);
  } catch (error) {
    yield failure(shown, error);
  }
}

/** How many bytes the inputs hold (folders walked), to estimate the time left; null when one is stdin. */
export async function inputBytes(inputs: string[]): Promise<number | null> {
  let total = 0;
  for (const input of inputs) {
    if (input === "-") return null;
    try {
      const info = await stat(input);
      if (!info.isDirectory()) total += info.size;
      else
        for await (const walked of pageFiles({ path: Buffer.from(input), shown: input })) {
          if ("file" in walked) total += (await stat(walked.file.path).catch(() => ({ size: 0 }))).size;
        }
    } catch {
      // a missing input is reported when it is read
    }
  }
  return total;
}

/**
 * Whether standard input is JSON lines: it begins with an object, or its first line is any other JSON value
 * (a null or an array line is then one bad line, not the end of the input). A page beginning "[要闻]" is text.
 */
function startsJsonLines(head: Buffer): boolean {
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

async function* readStdin(stdin: Readable, reading: Reading): AsyncGenerator<ReadItem> {
  const { maxPageBytes } = reading;
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
    yield* readWarc(warcStream(Readable.from(rest()), head[0] === 0x1f && head[1] === 0x8b), "-", reading);
  } else if (startsJsonLines(head)) {
    yield* readJsonLines(rest(), "-", maxPageBytes);
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
  const reading: Reading = { maxPageBytes: options.maxPageBytes ?? DEFAULT_MAX_PAGE, onBytes: options.onBytes, onSkip: options.onSkip };
  for (const input of inputs) {
    if (input === "-") {
      yield* readStdin(stdin, reading);
      continue;
    }
    let info;
    try {
      info = await stat(input);
    } catch (error) {
      yield failure(input, (error as NodeJS.ErrnoException).code === "ENOENT" ? new ReadError("找不到该文件或文件夹") : error);
      continue;
    }
    try {
      if (info.isDirectory()) yield* readFolder(input, reading);
      else yield* readFileInput(input, input, reading);
    } catch (error) {
      yield failure(input, error);
    }
  }
}
