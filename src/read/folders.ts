import { readdir, realpath, stat } from "node:fs/promises";
import { sep } from "node:path";
import type { ReadFailure } from "../types.js";
import { fileProblem, shownPath } from "./paths.js";

// Walking a folder for the files read as pages.

const PAGE_EXTENSIONS = /\.(txt|html?|jsonl|warc|warc\.gz)$/i;

/** One entry of a folder: the bytes of its path (names need not be UTF-8) and the path as shown to people. */
export interface Entry {
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
export async function* pageFiles(folder: Entry, seen: Set<string> = new Set()): AsyncGenerator<Walked> {
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
