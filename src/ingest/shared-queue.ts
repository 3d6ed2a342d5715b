import type { ClaimedItem, QueueItem, QueueProgress } from "../store/pg/queue.js";

export type { ClaimedItem, QueueItem, QueueProgress };

/**
 * The work queue several ingest processes share (on PostgreSQL: src/store/pg/queue.ts), as one worker sees
 * it. `completeStored` marks pages done inside the write transaction that stores them, so a page is done
 * exactly when it is stored; the rest work on their own.
 */
export interface SharedQueue {
  enqueue(items: QueueItem[]): Promise<number>;
  claim(batch: number, leaseMs: number): Promise<ClaimedItem[]>;
  completeStored(pageKeys: string[]): Promise<void>;
  fail(pageKey: string, reason: string): Promise<void>;
  extend(pageKeys: string[], leaseMs: number): Promise<Set<string>>;
  release(pageKeys: string[]): Promise<number>;
  progress(): Promise<QueueProgress>;
}
