import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { clean } from "../src/clean/index.js";
import type { Record } from "../src/types.js";

/** The repository root (tests run from dist/test/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const SHARED = resolve(ROOT, "../shared");
export const CORPUS = resolve(SHARED, "corpus");
export const CLI = resolve(ROOT, "dist/src/cli/main.js");

export function corpusPage(name: string): string {
  const set = /^\d{3}_/.test(name) ? "seeds" : "dev";
  return readFileSync(resolve(CORPUS, set, `${name}.txt`), "utf8");
}

export function cleanCorpusPage(name: string): Record {
  return clean({ path: `${name}.txt`, url: null, text: corpusPage(name), encoding: "utf-8" });
}

/** The raw line of a corpus page that contains a fragment. */
export function lineWith(name: string, fragment: string): string {
  const line = corpusPage(name).split("\n").find((l) => l.includes(fragment));
  if (!line) throw new Error(`no line with ${fragment} in ${name}`);
  return line;
}
