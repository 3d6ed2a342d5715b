import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { WARCParser, type WARCRecord } from "warcio";
import { declaredCharset, decodeBytes, ReadError } from "./decode.js";
import { looksLikeHtml } from "./html.js";
import { failure, mb, type Reading, type ReadItem } from "./items.js";
import { fileProblem } from "./paths.js";
import { captureTime } from "./captured.js";
import { pageFromText, withCaptured } from "./page.js";

// WARC files as crawlers write them (wget, warcio, Heritrix): every successful HTML response is a page;
// other responses are counted and skipped; a file cut short yields what came before the cut and one failure.

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

export async function* readWarc(stream: Readable, path: string, reading: Reading): AsyncGenerator<ReadItem> {
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
        yield { doc: withCaptured(pageFromText(text, where, url, "html", encoding), captureTime(record.warcDate)) };
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
export function warcStream(source: Readable, gzipped: boolean): Readable {
  if (!gzipped) return source;
  const gunzip = createGunzip();
  source.on("error", (error) => gunzip.destroy(error));
  return source.pipe(gunzip);
}
