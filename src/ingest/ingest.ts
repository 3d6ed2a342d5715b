import { availableParallelism } from "node:os";
import { windows } from "../clean/batches.js";
import { readInputs } from "../read/sources.js";
import type { Store } from "../store/store.js";
import type { RawDoc, ReadFailure } from "../types.js";
import { pageKey } from "./prepare.js";
import { preparer, QUEUED_PER_WORKER, type Preparing } from "./preparing.js";
import { TurnTakingWriter } from "./turns.js";

export interface IngestCounts {
  /** pages read (failures not counted) */
  read: number;
  stored: number;
  /** stored before: skipped */
  known: number;
  /** stored, as a copy of a report already in the corpus */
  nearDuplicates: number;
  failed: number;
  /** WARC responses that are not pages (a 404, robots.txt, a stylesheet), by why: skipped, not failed */
  skipped: Map<string, number>;
  /** input bytes read so far */
  bytes: number;
}

export interface IngestOptions {
  /** worker threads preparing pages; 0 prepares them in this thread */
  workers?: number;
  maxPageBytes?: number;
  onFailure?: (failure: ReadFailure) => void;
  /** told the counts after every stored window */
  onProgress?: (counts: IngestCounts) => void;
  /** told once if another program is writing the corpus and this run waits its turn */
  onWait?: () => void;
}

export const defaultWorkers = () => availableParallelism();

/**
 * Read pages, prepare them (clean, extract, sign, tokenize) on worker threads, and store them in input
 * order, in transactions of at most about 150 ms (src/ingest/turns.ts). Pages stored before are skipped before any
 * work is spent on them; a run killed at any point loses only the pages since the last commit, which the
 * next run stores. Another run on the same corpus may write between this one's transactions.
 */
export async function ingest(store: Store, inputs: string[], options: IngestOptions = {}): Promise<IngestCounts> {
  const counts: IngestCounts = { read: 0, stored: 0, known: 0, nearDuplicates: 0, failed: 0, skipped: new Map(), bytes: 0 };
  const workers = options.workers ?? defaultWorkers();
  const pool = preparer(workers);
  // Windows being prepared, oldest first: enough queued that the workers keep busy while the store writes.
  const inFlight: Preparing[] = [];
  const limit = Math.max(2, workers * QUEUED_PER_WORKER * 2);

  const writer = new TurnTakingWriter(store.writer({ onWait: options.onWait }));
  const storeOldest = async () => {
    const oldest = inFlight.shift()!;
    // rather than hold the lock while the next window is prepared
    if (!oldest.ready && writer.writing) await writer.commit();
    const prepared = await oldest.result();
    for (const failure of prepared.failures) {
      counts.failed++;
      options.onFailure?.(failure);
    }
    await writer.add(prepared.pages, counts);
    options.onProgress?.({ ...counts });
  };

  try {
    const items = readInputs(inputs, {
      maxPageBytes: options.maxPageBytes,
      onBytes: (bytes) => (counts.bytes += bytes),
      onSkip: (_path, reason) => counts.skipped.set(reason, (counts.skipped.get(reason) ?? 0) + 1),
    });
    for await (const window of windows(items)) {
      const fresh = await freshPages(window, store, counts, options);
      if (fresh.length === 0) {
        options.onProgress?.({ ...counts });
        continue;
      }
      inFlight.push(pool.prepare({ docs: fresh.map((page) => page.doc), keys: fresh.map((page) => page.key) }));
      if (inFlight.length >= limit) await storeOldest();
    }
    while (inFlight.length) await storeOldest();
    await writer.commit();
  } catch (error) {
    await writer.abandon();
    throw error;
  } finally {
    await pool.destroy();
  }
  return counts;
}

/**
 * A window of what was read, counted (pages read, failures told and counted, pages stored before) and left
 * with the pages the store does not have yet, each with its key.
 */
export async function freshPages(
  window: readonly ({ doc: RawDoc } | { failure: ReadFailure })[],
  store: Pick<Store, "known">,
  counts: Pick<IngestCounts, "read" | "failed" | "known">,
  options: Pick<IngestOptions, "onFailure">,
): Promise<{ doc: RawDoc; key: string }[]> {
  const docs: RawDoc[] = [];
  for (const item of window) {
    if ("doc" in item) docs.push(item.doc);
    else {
      counts.failed++;
      options.onFailure?.(item.failure);
    }
  }
  counts.read += docs.length;
  const keys = docs.map(pageKey);
  const known = await store.known(keys);
  const fresh = docs.flatMap((doc, i) => (known.has(keys[i]!) ? [] : [{ doc, key: keys[i]! }]));
  counts.known += docs.length - fresh.length;
  return fresh;
}
