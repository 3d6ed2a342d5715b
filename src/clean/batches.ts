import type { ReadItem } from "../read/sources.js";
import type { Record, ReadFailure } from "../types.js";
import type { CleanOptions } from "./draft.js";
import { cleanBatch } from "./index.js";

export type CleanItem = { record: Record } | { failure: ReadFailure };

/** Pages held at once: enough for a site's recurring lines to show, little enough to keep memory flat. */
const BATCH_PAGES = 128;
const BATCH_CHARS = 2 * 1024 * 1024;

/** Clean a stream of read pages in windows, keeping input order and passing read failures through in place. */
export async function* cleanItems(items: AsyncIterable<ReadItem>, options: CleanOptions = {}): AsyncGenerator<CleanItem> {
  let pending: ReadItem[] = [];
  let chars = 0;
  function* flush(): Generator<CleanItem> {
    const docs = pending.flatMap((item) => ("doc" in item ? [item.doc] : []));
    const records = cleanBatch(docs, options);
    let next = 0;
    for (const item of pending) yield "doc" in item ? { record: records[next++]! } : item;
    pending = [];
    chars = 0;
  }
  for await (const item of items) {
    pending.push(item);
    if ("doc" in item) chars += item.doc.text.length;
    if (pending.length >= BATCH_PAGES || chars >= BATCH_CHARS) yield* flush();
  }
  yield* flush();
}
