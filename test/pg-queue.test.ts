import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, beforeEach, test } from "node:test";
import type pg from "pg";
import { openPool } from "../src/store/pg/connect.js";
import { migratePg } from "../src/store/pg/migrations.js";
import { claim, complete, enqueue, extend, fail, progress, release, type QueueItem } from "../src/store/pg/queue.js";
import { describePg, freshDatabase, type TestDatabase } from "./pg-helpers.js";

// The work queue shared by workers on many machines, on a real server: claims never overlap, a claim left
// unfinished returns when its lease runs out, done pages are never claimed again, and progress counts the
// whole queue.

const items = (count: number, from = 0): QueueItem[] =>
  Array.from({ length: count }, (_, i) => ({ pageKey: `key-${String(from + i).padStart(5, "0")}`, source: JSON.stringify({ path: "pages.jsonl", line: from + i + 1 }) }));

describePg("the PostgreSQL work queue", () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  before(async () => {
    database = await freshDatabase("queue");
    pool = await openPool(database.url, { max: 8 });
    await migratePg(pool);
  });
  after(async () => {
    await pool.end();
    await database.drop();
  });
  beforeEach(async () => {
    await pool.query("TRUNCATE work_queue");
  });

  test("listing pages again adds only the new ones", async () => {
    assert.equal(await enqueue(pool, items(10)), 10);
    assert.equal(await enqueue(pool, items(15)), 5);
    assert.equal(await enqueue(pool, [...items(3), ...items(3)]), 0);
    assert.equal((await progress(pool)).total, 15);
  });

  test("four workers claiming at once: every page claimed exactly once", async () => {
    await enqueue(pool, items(600));
    const workers = ["a", "b", "c", "d"];
    const claimedBy = await Promise.all(
      workers.map(async (worker) => {
        const mine: string[] = [];
        for (;;) {
          const batch = await claim(pool, worker, 7, 60_000);
          if (batch.length === 0) return mine;
          mine.push(...batch.map((item) => item.pageKey));
        }
      }),
    );
    const all = claimedBy.flat();
    assert.equal(all.length, 600, "every page claimed once: no page twice, none left");
    assert.equal(new Set(all).size, 600);
    assert.ok(claimedBy.filter((mine) => mine.length > 0).length >= 2, `the work was not shared: ${claimedBy.map((m) => m.length)}`);
    const counts = await progress(pool);
    assert.deepEqual(counts, { total: 600, done: 0, failed: 0, claimed: 600, waiting: 0, workers: claimedBy.filter((mine) => mine.length > 0).length });
  });

  test("claims come in the order the pages were listed, with where to read them", async () => {
    await enqueue(pool, items(5));
    const batch = await claim(pool, "a", 3, 60_000);
    assert.deepEqual(
      batch.map((item) => [item.pageKey, JSON.parse(item.source).line, item.attempts]),
      [
        ["key-00000", 1, 1],
        ["key-00001", 2, 1],
        ["key-00002", 3, 1],
      ],
    );
  });

  test("a claim not completed before its lease runs out is claimed again; a live one is not", async () => {
    await enqueue(pool, items(4));
    const first = await claim(pool, "killed", 2, 300);
    const kept = await claim(pool, "alive", 2, 60_000);
    assert.equal(first.length, 2);
    assert.equal((await claim(pool, "other", 10, 60_000)).length, 0, "all four are held");
    await sleep(450);
    const again = await claim(pool, "other", 10, 60_000);
    assert.deepEqual(
      again.map((item) => item.pageKey),
      first.map((item) => item.pageKey),
    );
    assert.ok(again.every((item) => item.attempts === 2));
    assert.ok(kept.every((item) => !again.some((other) => other.pageKey === item.pageKey)));
    // The first worker's lease is gone: extending it keeps nothing of what another now holds.
    assert.equal(
      (
        await extend(
          pool,
          "killed",
          first.map((item) => item.pageKey),
          60_000,
        )
      ).size,
      0,
    );
  });

  test("extending a lease keeps the pages past their first expiry", async () => {
    await enqueue(pool, items(2));
    const batch = await claim(pool, "slow", 2, 300);
    await sleep(150);
    const held = await extend(
      pool,
      "slow",
      batch.map((item) => item.pageKey),
      60_000,
    );
    assert.equal(held.size, 2);
    await sleep(300);
    assert.equal((await claim(pool, "other", 10, 60_000)).length, 0);
  });

  test("completed pages are never claimed again, even after their lease would have run out", async () => {
    await enqueue(pool, items(3));
    const batch = await claim(pool, "a", 3, 200);
    assert.equal(
      await complete(
        pool,
        batch.slice(0, 2).map((item) => item.pageKey),
      ),
      2,
    );
    await sleep(300);
    const again = await claim(pool, "b", 10, 60_000);
    assert.deepEqual(
      again.map((item) => item.pageKey),
      [batch[2]!.pageKey],
    );
    // Completing twice (the late first worker, then the second) counts once.
    assert.equal(await complete(pool, [batch[2]!.pageKey]), 1);
    assert.equal(await complete(pool, [batch[2]!.pageKey]), 0);
    assert.equal((await claim(pool, "c", 10, 1)).length, 0);
    assert.equal((await progress(pool)).done, 3);
  });

  test("completing inside the transaction that stores: rolled back, the page is still to do", async () => {
    await enqueue(pool, items(1));
    const [item] = await claim(pool, "a", 1, 60_000);
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await complete(client, [item!.pageKey]);
      await client.query("ROLLBACK");
    } finally {
      client.release();
    }
    assert.equal((await progress(pool)).done, 0);
    assert.equal(await release(pool, "a", [item!.pageKey]), 1);
    assert.equal((await claim(pool, "b", 1, 60_000)).length, 1, "given back: claimed at once");
  });

  test("progress counts the whole queue: done, failed, claimed by live leases, waiting, workers", async () => {
    await enqueue(pool, items(10));
    const a = await claim(pool, "a", 3, 60_000);
    const b = await claim(pool, "b", 2, 60_000);
    await claim(pool, "gone", 1, 1);
    await complete(pool, [a[0]!.pageKey]);
    await fail(pool, b[0]!.pageKey, "无法读取:不是网页");
    await sleep(20);
    assert.deepEqual(await progress(pool), { total: 10, done: 2, failed: 1, claimed: 3, waiting: 5, workers: 2 });
    const { rows } = await pool.query<{ failure: string }>("SELECT failure FROM work_queue WHERE page_key = $1", [b[0]!.pageKey]);
    assert.equal(rows[0]!.failure, "无法读取:不是网页");
  });
});
