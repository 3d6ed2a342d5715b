import { availableParallelism } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
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

/** A window as a worker hands it back (serialized), or as this thread prepared it. */
const unpack = (result: Prepared | ArrayBuffer): Prepared => (result instanceof ArrayBuffer ? unpacked<Prepared>(result) : result);

/**
 * Windows handed to each worker ahead: the store's writes block this thread (and so the pool's
 * dispatching) for a second or more, and workers with nothing queued would idle through it.
 */
const QUEUED_PER_WORKER = 4;

/**
 * The longest a run holds the corpus's write lock: while it does, a ledger write from the server (or
 * another ingest) waits. Larger commits cost the full-text index less, so a run commits once it has
 * held the lock this long — or sooner, when the next window is not prepared yet, rather than hold the
 * lock while it waits.
 */
const COMMIT_AFTER_MS = 150;

/** Pages stored between looks at the clock: a few ms of the store's work on ordinary pages, tens on pages with many near-duplicate candidates. */
const ADDED_AT_ONCE = 8;

/**
 * After a commit made because the lock was held long enough, the run lets go of it this long before
 * taking it again: SQLite queues no one, and a program waiting for the lock (trying every few ms, see
 * src/store/busy.ts) would otherwise rarely find it free between two of this run's transactions.
 */
const LET_GO_MS = 25;

/** A window on its way through the workers, and whether it is back. */
interface Preparing {
  task: Promise<Prepared | ArrayBuffer>;
  ready: boolean;
}

/**
 * Read pages, prepare them (clean, extract, sign, tokenize) on worker threads, and store them in input
 * order, in transactions of at most about COMMIT_AFTER_MS. Pages stored before are skipped before any
 * work is spent on them; a run killed at any point loses only the pages since the last commit, which the
 * next run stores. Another run on the same corpus may write between this one's transactions.
 */
export async function ingest(store: Store, inputs: string[], options: IngestOptions = {}): Promise<IngestCounts> {
  const counts: IngestCounts = { read: 0, stored: 0, known: 0, nearDuplicates: 0, failed: 0, skipped: new Map(), bytes: 0 };
  const workers = options.workers ?? defaultWorkers();
  const pool = workers > 0 ? new Piscina({ filename: new URL("./worker-entry.cjs", import.meta.url).href, minThreads: workers, maxThreads: workers, concurrentTasksPerWorker: QUEUED_PER_WORKER }) : null;
  const prepare = (window: Window): Preparing => {
    const task: Promise<Prepared | ArrayBuffer> = pool ? pool.run(packed(window)) : Promise.resolve(preparePages(window));
    const preparing = { task, ready: false };
    // awaited in turn below; a failure is reported there, not as an unhandled rejection
    task.then(
      () => (preparing.ready = true),
      () => (preparing.ready = true),
    );
    return preparing;
  };
  // Windows being prepared, oldest first: enough queued that the workers keep busy while the store writes.
  const inFlight: Preparing[] = [];
  const limit = Math.max(2, workers * QUEUED_PER_WORKER * 2);

  // Windows are stored as they come and committed together, up to COMMIT_AFTER_MS of writing: every commit
  // makes the full-text index write out a segment to merge later, so larger commits cost less, but others
  // wait while the lock is held; a killed run loses at most one transaction's pages.
  const writer = store.writer({ onWait: options.onWait });
  /** when this run last began writing (it holds the lock from then to its commit); null when not */
  let writingSince: number | null = null;
  const commit = async () => {
    await writer.commit();
    writingSince = null;
  };
  const storeOldest = async () => {
    const oldest = inFlight.shift()!;
    if (!oldest.ready && writingSince !== null) await commit();
    const prepared = unpack(await oldest.task);
    for (const failure of prepared.failures) {
      counts.failed++;
      options.onFailure?.(failure);
    }
    // A window is added a slice at a time, so that a commit can come between its slices.
    for (let start = 0; start < prepared.pages.length; start += ADDED_AT_ONCE) {
      writingSince ??= performance.now();
      const result = await writer.add(prepared.pages.slice(start, start + ADDED_AT_ONCE));
      counts.stored += result.stored;
      counts.known += result.known;
      counts.nearDuplicates += result.nearDuplicates;
      if (performance.now() - writingSince >= COMMIT_AFTER_MS) {
        await commit();
        await sleep(LET_GO_MS);
      }
    }
    options.onProgress?.({ ...counts });
  };

  try {
    const items = readInputs(inputs, {
      maxPageBytes: options.maxPageBytes,
      onBytes: (bytes) => (counts.bytes += bytes),
      onSkip: (_path, reason) => counts.skipped.set(reason, (counts.skipped.get(reason) ?? 0) + 1),
    });
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
    await commit();
  } catch (error) {
    await writer.abandon();
    throw error;
  } finally {
    await pool?.destroy();
  }
  return counts;
}
