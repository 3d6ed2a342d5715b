import { readFileSync } from "node:fs";

// Data files live in the package's data/ folder; this module sits at dist/src/lexicon/ once built.
const DATA_DIR = new URL("../../../data/", import.meta.url);

export function readDataFile(name: string): string {
  return readFileSync(new URL(name, DATA_DIR), "utf8");
}

/** Lines of a list file, without blank lines and # comments. */
export function readListFile(name: string): string[] {
  return readDataFile(name)
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

/** Load a data file once and keep it: lexicons are the only module-level state. */
export function lazy<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= load());
}
