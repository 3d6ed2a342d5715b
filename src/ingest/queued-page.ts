import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { RawDoc } from "../types.js";

// A page as the queue carries it: the page as read (decoded text, address, what the HTML reader set
// aside), as JSON, compressed. A worker on another machine cannot read the enqueuing machine's paths, so
// the queue carries the page itself; JSON rather than a runtime's own serialization, so that machines
// running different Node versions read each other's pages.

export function packPage(doc: RawDoc): Buffer {
  return deflateRawSync(JSON.stringify(doc), { level: 1 });
}

/** The page again; throws on bytes that are not one (a damaged row). */
export function unpackPage(bytes: Buffer): RawDoc {
  const doc = JSON.parse(inflateRawSync(bytes).toString("utf8")) as RawDoc;
  if (typeof doc?.text !== "string") throw new Error("not a page");
  return doc;
}
