import type pg from "pg";

// The work queue that workers on many machines share (table work_queue, src/store/pg/migrations.ts): each
// page to ingest is one row keyed by its page key, holding where to read it. A worker claims a batch for
// a while (its lease), skipping rows another worker holds (FOR UPDATE SKIP LOCKED: no two claims meet and
// none waits on another); it completes what it stored, extends its lease while it works, and gives back
// what it did not get to. A worker that dies (SIGKILL, a lost machine) completes nothing: its lease runs
// out and the next claim takes its pages again. Time is the server's clock, so machines need not agree.
//
// complete() can run in the transaction that stores the pages (pass that client): a page is then marked
// done exactly when it is stored.

/** A pool or one connection (inside a transaction or not). */
type Queryable = Pick<pg.ClientBase, "query">;

export interface QueueItem {
  /** the page key (address + text hashed) that the store also keys documents by */
  pageKey: string;
  /** where the page was read, as the enqueuer wrote it (opaque to the queue; named in failures) */
  source: string;
  /** the page itself, for a worker that cannot read `source` (another machine); dropped once done */
  page?: Buffer | null;
}

export interface ClaimedItem extends QueueItem {
  /** how many claims this page has had, this one included: above 1, a worker before did not finish it */
  attempts: number;
}

export interface QueueProgress {
  /** pages listed */
  total: number;
  /** stored (or found stored) */
  done: number;
  /** given up on with a reason */
  failed: number;
  /** held under a lease that has not run out */
  claimed: number;
  /** waiting for a claim: never claimed, given back, or their lease ran out */
  waiting: number;
  /** workers holding a live lease */
  workers: number;
}

/** Enqueue in statements of this many rows: one round trip each, parameters well under the protocol's limit. */
const ENQUEUE_BATCH = 5000;

/**
 * List pages to do. A page key already listed (by this or another machine, in this run or an earlier one)
 * is left as it is, done or waiting — except one given up on (failed): listing it again is asking for
 * another try, as running SQLite's ingest again retries its failures. Returns how many were new or retried.
 */
export async function enqueue(db: Queryable, items: QueueItem[]): Promise<number> {
  let added = 0;
  // A key twice in one statement would make its update meet its own insert (an error): the first is listed.
  const seen = new Set<string>();
  const once = items.filter((item) => !seen.has(item.pageKey) && seen.add(item.pageKey));
  for (let i = 0; i < once.length; i += ENQUEUE_BATCH) {
    const batch = once.slice(i, i + ENQUEUE_BATCH);
    const result = await db.query(
      `INSERT INTO work_queue (page_key, source, page)
       SELECT k, s, p FROM unnest($1::text[], $2::text[], $3::bytea[]) WITH ORDINALITY AS t(k, s, p, o) ORDER BY o
       ON CONFLICT (page_key) DO UPDATE SET source = EXCLUDED.source, page = EXCLUDED.page, done = NULL, failure = NULL, lease_until = NULL, attempts = 0
       WHERE work_queue.failure IS NOT NULL`,
      [batch.map((item) => item.pageKey), batch.map((item) => item.source), batch.map((item) => item.page ?? null)],
    );
    added += result.rowCount ?? 0;
  }
  return added;
}

/**
 * Claim up to `batch` waiting pages for `worker` until `leaseMs` from now, the earliest listed first.
 * Rows another worker is claiming at this moment are skipped, not waited for.
 */
export async function claim(db: Queryable, worker: string, batch: number, leaseMs: number): Promise<ClaimedItem[]> {
  const { rows } = await db.query<{ page_key: string; source: string; page: Buffer | null; attempts: number; seq: string }>(
    `WITH taken AS (
       SELECT page_key FROM work_queue
       WHERE done IS NULL AND (lease_until IS NULL OR lease_until < now())
       ORDER BY seq
       LIMIT $2
       FOR UPDATE SKIP LOCKED
     )
     UPDATE work_queue q
     SET claimed_by = $1, lease_until = now() + make_interval(secs => $3::double precision / 1000), attempts = q.attempts + 1
     FROM taken WHERE q.page_key = taken.page_key
     RETURNING q.page_key, q.source, q.page, q.attempts, q.seq`,
    [worker, batch, leaseMs],
  );
  // RETURNING keeps no order: the earliest listed first, as claimed.
  rows.sort((a, b) => Number(a.seq) - Number(b.seq));
  return rows.map((row) => ({ pageKey: row.page_key, source: row.source, page: row.page, attempts: row.attempts }));
}

/**
 * Mark pages done (stored, or found stored). Whoever holds them: a worker whose lease ran out may still
 * finish a page another has claimed since; the store keeps one copy, and the page is done either way.
 * Returns how many were not done before.
 */
export async function complete(db: Queryable, pageKeys: string[]): Promise<number> {
  if (pageKeys.length === 0) return 0;
  const result = await db.query("UPDATE work_queue SET done = now(), lease_until = NULL, failure = NULL, page = NULL WHERE page_key = ANY($1::text[]) AND done IS NULL", [pageKeys]);
  return result.rowCount ?? 0;
}

/** Give a page up with the reason (unreadable, not a page): it is done, and counted as failed. */
export async function fail(db: Queryable, pageKey: string, reason: string): Promise<void> {
  await db.query("UPDATE work_queue SET done = now(), lease_until = NULL, failure = $2, page = NULL WHERE page_key = $1 AND done IS NULL", [pageKey, reason]);
}

/**
 * Extend `worker`'s lease on pages it still holds to `leaseMs` from now. Returns the page keys it holds:
 * one missing was taken by another worker after the lease ran out (or is done, or being completed), and is
 * no longer its to do. Rows locked by a transaction storing them are skipped, not waited for: a worker's
 * lease keeper waiting on its own storing transaction, which then waits on a row the keeper locked, would
 * deadlock.
 */
export async function extend(db: Queryable, worker: string, pageKeys: string[], leaseMs: number): Promise<Set<string>> {
  if (pageKeys.length === 0) return new Set();
  const { rows } = await db.query<{ page_key: string }>(
    `UPDATE work_queue SET lease_until = now() + make_interval(secs => $3::double precision / 1000)
     WHERE page_key IN (
       SELECT page_key FROM work_queue WHERE page_key = ANY($2::text[]) AND claimed_by = $1 AND done IS NULL
       FOR UPDATE SKIP LOCKED
     )
     RETURNING page_key`,
    [worker, pageKeys, leaseMs],
  );
  return new Set(rows.map((row) => row.page_key));
}

/** Give back pages `worker` claimed and will not do (it is stopping): the next claim takes them at once. */
export async function release(db: Queryable, worker: string, pageKeys: string[]): Promise<number> {
  if (pageKeys.length === 0) return 0;
  const result = await db.query("UPDATE work_queue SET lease_until = NULL WHERE page_key = ANY($2::text[]) AND claimed_by = $1 AND done IS NULL", [worker, pageKeys]);
  return result.rowCount ?? 0;
}

/** Counts over the whole queue, whichever workers hold what: what a progress display shows. */
export async function progress(db: Queryable): Promise<QueueProgress> {
  const { rows } = await db.query<{ total: string; done: string; failed: string; claimed: string; workers: string }>(
    `SELECT count(*) AS total,
            count(*) FILTER (WHERE done IS NOT NULL) AS done,
            count(*) FILTER (WHERE failure IS NOT NULL) AS failed,
            count(*) FILTER (WHERE done IS NULL AND lease_until >= now()) AS claimed,
            count(DISTINCT claimed_by) FILTER (WHERE done IS NULL AND lease_until >= now()) AS workers
     FROM work_queue`,
  );
  const row = rows[0]!;
  const total = Number(row.total);
  const done = Number(row.done);
  const claimed = Number(row.claimed);
  return { total, done, failed: Number(row.failed), claimed, waiting: total - done - claimed, workers: Number(row.workers) };
}
