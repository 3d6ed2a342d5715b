import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { ReadError } from "./decode.js";
import { pageFiles } from "./folders.js";
import { failure, mb, type Reading, type ReadItem } from "./items.js";
import { readJsonLines, startsJsonLines } from "./jsonl.js";
import { pageFromBytes, withCaptured } from "./page.js";
import { readWarc, warcStream } from "./warc.js";

export type { ReadItem } from "./items.js";
export { pageFromBytes, pageFromText } from "./page.js";

export interface ReadOptions {
  /** pages larger than this are refused, so that one huge page cannot exhaust memory */
  maxPageBytes?: number;
  /** told how many bytes of input files have been read, as reading goes on (for progress and ETA) */
  onBytes?: (bytes: number) => void;
  /** told of each WARC response that is not a page (a 404, robots.txt, CSS, a script): counted, not read */
  onSkip?: (path: string, reason: string) => void;
}

const DEFAULT_MAX_PAGE = 16 * 1024 * 1024;

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
    // A lone file says no more of its capture than when it was last written.
    yield { doc: withCaptured(pageFromBytes(await readFile(path), shown, null, hint), info.mtime.toISOString()) };
  } catch (error) {
    yield failure(shown, error);
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
