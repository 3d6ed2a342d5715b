import { setTimeout as sleep } from "node:timers/promises";
import { windows } from "../clean/batches.js";
import { readInputs } from "../read/sources.js";
import type { Store } from "../store/store.js";
import type { RawDoc, ReadFailure } from "../types.js";
import { defaultWorkers, freshPages, type IngestCounts, type IngestOptions } from "./ingest.js";
import { preparer, type Preparing } from "./preparing.js";
import { packPage, unpackPage } from "./queued-page.js";
import type { QueueProgress, SharedQueue } from "./shared-queue.js";
import { TurnTakingWriter } from "./turns.js";

// Ingest into a corpus that several processes, on one machine or many, fill at once (PostgreSQL). Each
// process first lists its inputs' pages in the shared queue — read, hashed and compressed, not cleaned;
// pages already stored or already listed by another are not listed again — then works the queue with the
// others until nothing is left: it claims a window of pages under a lease, prepares it on its threads and
// stores it, marking the pages done in the transaction that stores them. A process killed at any moment
// leaves its claimed pages to the others once their lease runs out; a process started without inputs only
// works the queue (a machine lending its cores to another's inputs).

/** Pages claimed at once: a window cleaned together, as the reader's windows are (src/clean/batches.ts). */
const CLAIMED_AT_ONCE = 128;

/**
 * Turns on a database server: a claimed window stored in one call and committed at once. Each call costs
 * a dozen round trips to the server whatever its size, a few ms each on a busy machine: in slices of 8
 * pages (SQLite's turns) they were most of the store's time (1,500 bench pages: 46 pages/s stored in
 * slices of 8). A transaction of one window also holds the filing lock for one filing only
 * (src/store/pg/backend.ts), and the lock queue of PostgreSQL is fair: no pause after a commit is needed
 * for another writer to get its turn.
 */
const SERVER_TURNS = { pagesAtOnce: CLAIMED_AT_ONCE, commitAfterMs: 0, letGoMs: 0 } as const;

/** How long a claim lasts unless renewed; renewed every third of it while the process lives. */
export const DEFAULT_LEASE_MS = 60_000;

/** The whole queue is counted at most this often for the progress display. */
const QUEUE_LOOK_MS = 1000;

/** `onProgress` is told this process's counts while it lists its inputs; `onQueue` the queue's while it works it. */
export interface QueueIngestOptions extends IngestOptions {
  leaseMs?: number;
  /** told the whole queue's counts (every worker's), at most about once a second, and at the end */
  onQueue?: (queue: QueueProgress) => void;
  /**
   * Stops the run between windows (Ctrl-C): what is uncommitted is rolled back and the pages this process
   * claimed are given back at once, rather than after their lease. Resolves as stopped, not as an error.
   */
  signal?: AbortSignal;
}

export interface QueueIngestCounts extends IngestCounts {
  /** pages this process listed in the queue (the others were stored or listed already) */
  listed: number;
  /** the whole queue when this process finished */
  queue: QueueProgress;
  /** stopped by the signal before the queue was done */
  stopped: boolean;
}

/** Thrown between windows once the run is told to stop. */
class Stopped extends Error {}

/** A claimed window on its way through the threads. */
interface ClaimedWindow {
  keys: string[];
  preparing: Preparing;
}

export async function ingestThroughQueue(store: Store, queue: SharedQueue, inputs: string[], options: QueueIngestOptions = {}): Promise<QueueIngestCounts> {
  const counts: QueueIngestCounts = {
    read: 0,
    stored: 0,
    known: 0,
    nearDuplicates: 0,
    failed: 0,
    skipped: new Map(),
    bytes: 0,
    listed: 0,
    queue: { total: 0, done: 0, failed: 0, claimed: 0, waiting: 0, workers: 0 },
    stopped: false,
  };
  try {
    if (inputs.length) await listInputs(store, queue, inputs, options, counts);
    await workQueue(store, queue, options, counts);
  } catch (error) {
    if (!(error instanceof Stopped)) throw error;
    counts.stopped = true;
  }
  return counts;
}

/** List the inputs' pages not stored yet, a reader's window at a time (others may start on them at once). */
async function listInputs(store: Store, queue: SharedQueue, inputs: string[], options: QueueIngestOptions, counts: QueueIngestCounts): Promise<void> {
  const items = readInputs(inputs, {
    maxPageBytes: options.maxPageBytes,
    onBytes: (bytes) => (counts.bytes += bytes),
    onSkip: (_path, reason) => counts.skipped.set(reason, (counts.skipped.get(reason) ?? 0) + 1),
  });
  for await (const window of windows(items)) {
    if (options.signal?.aborted) throw new Stopped();
    const fresh = (await freshPages(window, store, counts, options)).map(({ doc, key }) => ({ pageKey: key, source: doc.path ?? doc.url ?? "-", page: packPage(doc) }));
    if (fresh.length) counts.listed += await queue.enqueue(fresh);
    options.onProgress?.({ ...counts });
  }
}

/** Claim, prepare and store windows until the queue has nothing left that anyone holds or waits on. */
async function workQueue(store: Store, queue: SharedQueue, options: QueueIngestOptions, counts: QueueIngestCounts): Promise<void> {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const workers = options.workers ?? defaultWorkers();
  const pool = preparer(workers);
  // Enough windows claimed ahead that the threads keep busy while the store writes, few enough that the
  // other processes find work too. Until its first window is stored a process claims one: its threads
  // start slowly (each loads the lexicons, seconds on a busy machine), and windows claimed ahead meanwhile
  // would wait on them while other processes run out of work (2,000 bench pages: a second process made
  // the run 3× slower, the first waiting at the end for the second's claims).
  const limit = Math.max(2, workers * 2);
  let started = false;
  const inFlight: ClaimedWindow[] = [];
  /** pages claimed and not yet stored or given up: the leases this process keeps renewing */
  const held = new Set<string>();
  const keeper = setInterval(() => {
    if (held.size) queue.extend([...held], leaseMs).catch(() => {});
  }, leaseMs / 3);
  keeper.unref();

  let lookedAt = 0;
  const lookAtQueue = async (now = false) => {
    if (!now && Date.now() - lookedAt < QUEUE_LOOK_MS) return;
    lookedAt = Date.now();
    counts.queue = await queue.progress();
    options.onQueue?.(counts.queue);
  };
  const failed = async (key: string, failure: ReadFailure) => {
    counts.failed++;
    options.onFailure?.(failure);
    await queue.fail(key, failure.problem);
    held.delete(key);
  };

  /** Claim one window and start preparing it; false when there is nothing to claim. */
  const claimWindow = async (): Promise<boolean> => {
    const claimed = await queue.claim(CLAIMED_AT_ONCE, leaseMs);
    if (claimed.length === 0) return false;
    const docs: RawDoc[] = [];
    const keys: string[] = [];
    for (const item of claimed) {
      held.add(item.pageKey);
      try {
        docs.push(unpackPage(item.page!));
        keys.push(item.pageKey);
      } catch {
        await failed(item.pageKey, { path: item.source, problem: "队列中的页面数据无法读取(请重新列入该页面)" });
      }
    }
    if (docs.length) inFlight.push({ keys, preparing: pool.prepare({ docs, keys }) });
    return true;
  };

  const writer = new TurnTakingWriter(store.writer({ onWait: options.onWait }), SERVER_TURNS);
  const storeOldest = async () => {
    const oldest = inFlight.shift()!;
    // rather than hold the lock while the next window is prepared
    if (!oldest.preparing.ready && writer.writing) await writer.commit();
    const prepared = await oldest.preparing.result();
    // Pages that could not be prepared are the window's keys missing from its pages, in order, as its failures are.
    const preparedKeys = new Set(prepared.pages.map((page) => page.pageKey));
    const unprepared = oldest.keys.filter((key) => !preparedKeys.has(key));
    for (const [i, failure] of prepared.failures.entries()) await failed(unprepared[i]!, failure);
    for (const key of preparedKeys) held.delete(key);
    await writer.add(prepared.pages, counts, (slice) => queue.completeStored(slice.map((page) => page.pageKey)));
    await lookAtQueue();
  };

  try {
    for (;;) {
      if (options.signal?.aborted) {
        // What is stored is kept; the windows still being prepared go back to the others.
        await writer.commit();
        await queue.release([...held]);
        held.clear();
        await lookAtQueue(true);
        throw new Stopped();
      }
      while (inFlight.length < (started ? limit : 1) && !options.signal?.aborted && (await claimWindow()));
      if (inFlight.length) {
        await storeOldest();
        started = true;
        continue;
      }
      // Nothing to claim: done when no one holds anything either. Otherwise another process is storing its
      // last windows, or was killed and its pages come back when their lease runs out.
      if (writer.writing) await writer.commit();
      await lookAtQueue(true);
      if (counts.queue.waiting === 0 && counts.queue.claimed === 0) break;
      await sleep(Math.min(1000, leaseMs / 4));
    }
    await writer.commit();
  } catch (error) {
    if (error instanceof Stopped) throw error;
    await writer.abandon();
    // What this process claimed and did not store goes back to the others at once.
    await queue.release([...held]).catch(() => {});
    throw error;
  } finally {
    clearInterval(keeper);
    await pool.destroy();
  }
}
