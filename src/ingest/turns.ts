import { setTimeout as sleep } from "node:timers/promises";
import type { PreparedPage, Writer } from "../store/store.js";

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

/** How a writer takes its turns: the defaults suit SQLite, where a statement costs microseconds. */
export interface TurnOptions {
  /** pages stored in one call (one slice); ADDED_AT_ONCE by default */
  pagesAtOnce?: number;
  /** the time the lock is held before a commit; COMMIT_AFTER_MS by default (0: a commit after every slice) */
  commitAfterMs?: number;
  /** the pause after a commit made because the time was up; LET_GO_MS by default */
  letGoMs?: number;
}

export interface StoredCounts {
  stored: number;
  known: number;
  nearDuplicates: number;
}

/**
 * A writer that takes turns with other programs: pages are added a slice at a time and committed together
 * once the lock has been held about COMMIT_AFTER_MS (every commit makes the full-text index write out a
 * segment to merge later, so larger commits cost less, but others wait while the lock is held; a killed
 * run loses at most one transaction's pages).
 */
export class TurnTakingWriter {
  /** when this run last began writing (it holds the lock from then to its commit); null when not */
  private writingSince: number | null = null;

  private readonly pagesAtOnce: number;
  private readonly commitAfterMs: number;
  private readonly letGoMs: number;

  constructor(
    private readonly writer: Writer,
    options: TurnOptions = {},
  ) {
    this.pagesAtOnce = options.pagesAtOnce ?? ADDED_AT_ONCE;
    this.commitAfterMs = options.commitAfterMs ?? COMMIT_AFTER_MS;
    this.letGoMs = options.letGoMs ?? LET_GO_MS;
  }

  get writing(): boolean {
    return this.writingSince !== null;
  }

  async commit(): Promise<void> {
    await this.writer.commit();
    this.writingSince = null;
  }

  abandon(): Promise<void> {
    return this.writer.abandon();
  }

  /**
   * Add pages to `counts`, a slice at a time so that a commit can come between slices. `withSlice` runs
   * inside the transaction that stores each slice (the queue marks the slice done there).
   */
  async add(pages: PreparedPage[], counts: StoredCounts, withSlice?: (slice: PreparedPage[]) => Promise<void>): Promise<void> {
    for (let start = 0; start < pages.length; start += this.pagesAtOnce) {
      this.writingSince ??= performance.now();
      const slice = pages.slice(start, start + this.pagesAtOnce);
      const result = await this.writer.add(slice);
      await withSlice?.(slice);
      counts.stored += result.stored;
      counts.known += result.known;
      counts.nearDuplicates += result.nearDuplicates;
      if (performance.now() - this.writingSince >= this.commitAfterMs) {
        await this.commit();
        if (this.letGoMs > 0) await sleep(this.letGoMs);
      }
    }
  }
}
