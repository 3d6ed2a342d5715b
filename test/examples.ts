import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { readInputs } from "../src/read/sources.js";
import type { RawDoc } from "../src/types.js";
import { ROOT } from "./helpers.js";

/** The sample pages shipped in examples/ (txt, Big5, GBK HTML, glossed, damaged), read as the CLI reads them. */
export const EXAMPLES = resolve(ROOT, "examples");

export async function exampleDocs(): Promise<RawDoc[]> {
  const docs: RawDoc[] = [];
  for await (const item of readInputs([EXAMPLES], {})) if ("doc" in item) docs.push(item.doc);
  if (docs.length !== readdirSync(EXAMPLES).length) throw new Error("an example page could not be read");
  return docs;
}

/** Lines of a page as cleaning numbers them. */
export const linesOf = (text: string) => text.split(/\r\n|\r|\n/);
