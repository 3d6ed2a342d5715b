import { readFileSync } from "node:fs";
import { clean } from "../src/clean/index.js";
import { decodeBytes } from "../src/read/decode.js";
import type { Record } from "../src/types.js";
import { fixtureSource } from "./fixture-pages.js";

export { CLI, ROOT } from "./paths.js";

/** The decoded text of a text fixture page (UTF-8, GBK or Big5 bytes, as huiyi reads them). */
export function fixturePage(slug: string): string {
  return decodeBytes(readFileSync(fixtureSource(slug))).text;
}

/** A text fixture page cleaned on its own. */
export function cleanFixture(slug: string): Record {
  const { text, encoding } = decodeBytes(readFileSync(fixtureSource(slug)));
  return clean({ path: `${slug}.txt`, url: null, text, encoding });
}

/** The raw line of a fixture page that contains a fragment. */
export function lineWith(slug: string, fragment: string): string {
  const line = fixturePage(slug).split("\n").find((l) => l.includes(fragment));
  if (!line) throw new Error(`no line with ${fragment} in ${slug}`);
  return line;
}
