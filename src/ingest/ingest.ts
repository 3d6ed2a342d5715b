import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import { windows } from "../clean/batches.js";
import { readInputs } from "../read/sources.js";
import type { Store } from "../store/store.js";
import type { RawDoc, ReadFailure } from "../types.js";
import { pageKey, preparePages, type Prepared, type Window } from "./prepare.js";
import { packed, unpacked } from "./worker.js";

export interface IngestCounts {
  /** pages read (failures not counted) */
  read: number;
  stored: number;
  /** stored before: skipped */
  known: number;
  /** stored, as a copy of a report already in the corpus */
  nearDuplicates: number;
  failed: number;
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
}

export const defaultWorkers = () => availableParallelism();

/** A window as a worker hands it back (serialized), or as this thread prepared it. */
const unpack = (result: Prepared | ArrayBuffer): Prepared => (result instanceof ArrayBuffer ? unpacked<Prepared>(result) : result);

/**
 * Windows handed to each worker ahead: the store's writes block this thread (and so the pool's
 * dispatching) for a second or more, and workers with nothing queued would idle through it.
 */
const QUEUED_PER_WORKER = 4;

/** Pages committed together. */
const COMMIT_PAGES = 2048;

/**
 * Read pages, prepare them (clean, extract, sign, tokenize) on worker threads, and store them in input
 * order, committed every COMMIT_PAGES pages. Pages stored before are skipped before any work is spent on
 * them; a run killed at any point loses only the pages since the last commit, which the next run stores.
 */
export async function ingest(store: Store, inputs: string[], options: IngestOptions = {}): Promise<IngestCounts> {
  const counts: IngestCounts = { read: 0, stored: 0, known: 0, nearDuplicates: 0, failed: 0, bytes: 0 };
  const workers = options.workers ?? defaultWorkers();
  const pool = workers > 0 ? new Piscina({ filename: new URL("./worker.js", import.meta.url).href, minThreads: workers, maxThreads: workers, concurrentTasksPerWorker: QUEUED_PER_WORKER }) : null;
  const prepare = (window: Window): Promise<Prepared | ArrayBuffer> => {
    const task: Promise<Prepared | ArrayBuffer> = pool ? pool.run(packed(window)) : Promise.resolve(preparePages(window));
    task.catch(() => {}); // awaited in turn below; a failure is reported there, not as an unhandled rejection
    return task;
  };
  // Windows being prepared, oldest first: enough queued that the workers keep busy while the store writes.
  const inFlight: Promise<Prepared | ArrayBuffer>[] = [];
  const limit = Math.max(2, workers * QUEUED_PER_WORKER * 2);

  // Windows are stored as they come and committed together: every commit makes the full-text index
  // write out a segment to merge later, so fewer, larger commits cost less; a killed run loses at most these.
  const writer = store.writer();
  let uncommitted = 0;
  const storeOldest = async () => {
    const prepared = unpack(await inFlight.shift()!);
    for (const failure of prepared.failures) {
      counts.failed++;
      options.onFailure?.(failure);
    }
    const result = await writer.add(prepared.pages);
    counts.stored += result.stored;
    counts.known += result.known;
    counts.nearDuplicates += result.nearDuplicates;
    uncommitted += prepared.pages.length;
    if (uncommitted >= COMMIT_PAGES) {
      await writer.commit();
      uncommitted = 0;
    }
    options.onProgress?.({ ...counts });
  };

  try {
    const items = readInputs(inputs, { maxPageBytes: options.maxPageBytes, onBytes: (bytes) => (counts.bytes += bytes) });
    for await (const window of windows(items)) {
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
      if (fresh.length === 0) {
        options.onProgress?.({ ...counts });
        continue;
      }
      inFlight.push(prepare({ docs: fresh.map((page) => page.doc), keys: fresh.map((page) => page.key) }));
      if (inFlight.length >= limit) await storeOldest();
    }
    while (inFlight.length) await storeOldest();
    await writer.commit();
  } catch (error) {
    await writer.abandon();
    throw error;
  } finally {
    await pool?.destroy();
  }
  return counts;
}
