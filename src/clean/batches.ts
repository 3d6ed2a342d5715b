import type { ReadItem } from "../read/sources.js";
import type { Record, ReadFailure } from "../types.js";
import type { CleanOptions } from "./draft.js";
import { cleanBatch } from "./index.js";

export type CleanItem = { record: Record } | { failure: ReadFailure };

/** Pages held at once: enough for a site's recurring lines to show, little enough to keep memory flat. */
const BATCH_PAGES = 128;
const BATCH_CHARS = 2 * 1024 * 1024;

/** Read items in the windows that are cleaned together, read failures kept in place. */
export async function* windows(items: AsyncIterable<ReadItem>): AsyncGenerator<ReadItem[]> {
  let pending: ReadItem[] = [];
  let chars = 0;
  for await (const item of items) {
    pending.push(item);
    if ("doc" in item) chars += item.doc.text.length;
    if (pending.length >= BATCH_PAGES || chars >= BATCH_CHARS) {
      yield pending;
      pending = [];
      chars = 0;
    }
  }
  if (pending.length) yield pending;
}

/** Clean a stream of read pages in windows, keeping input order and passing read failures through in place. */
export async function* cleanItems(items: AsyncIterable<ReadItem>, options: CleanOptions = {}): AsyncGenerator<CleanItem> {
  for await (const window of windows(items)) {
    const records = cleanBatch(
      window.flatMap((item) => ("doc" in item ? [item.doc] : [])),
      options,
    );
    let next = 0;
    for (const item of window) yield "doc" in item ? { record: records[next++]! } : item;
  }
}
