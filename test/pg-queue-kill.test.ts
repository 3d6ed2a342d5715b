import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import type pg from "pg";
import { openPool } from "../src/store/pg/connect.js";
import { withLock } from "../src/store/pg/locks.js";
import { migratePg } from "../src/store/pg/migrations.js";
import { claim, enqueue, progress } from "../src/store/pg/queue.js";
import { describePg, freshDatabase, type TestDatabase } from "./pg-helpers.js";
import { ROOT } from "./paths.js";

// A worker killed with SIGKILL in the middle of its work — pages claimed, a person's lock held inside an
// open transaction — leaves nothing stuck: the server drops its lock when the connection goes, and its
// pages return to the queue when their lease runs out.

const LEASE_MS = 3000;

/** A worker process that claims five pages, takes a person's lock in a transaction, says so, and waits to be killed. */
function startWorker(url: string) {
  const module = (file: string) => JSON.stringify(pathToFileURL(join(ROOT, "dist/src/store/pg", file)).href);
  const code = `
    const { openPool } = await import(${module("connect.js")});
    const { claim } = await import(${module("queue.js")});
    const { lock } = await import(${module("locks.js")});
    const pool = await openPool(process.env.URL);
    const claimed = await claim(pool, "doomed", 5, ${LEASE_MS});
    const client = await pool.connect();
    await client.query("BEGIN");
    await lock(client, "person", "王君正");
    console.log(JSON.stringify(claimed.map((item) => item.pageKey)));
    setInterval(() => {}, 1000);
  `;
  return spawn(process.execPath, ["--input-type=module", "-e", code], { env: { ...process.env, URL: url }, stdio: ["ignore", "pipe", "inherit"] });
}

describePg("a worker killed mid-run", () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  before(async () => {
    database = await freshDatabase("queue_kill");
    pool = await openPool(database.url, { max: 4 });
    await migratePg(pool);
  });
  after(async () => {
    await pool.end();
    await database.drop();
  });

  test("its lock is free at once, its claimed pages return after their lease, none is lost", async () => {
    await enqueue(
      pool,
      Array.from({ length: 8 }, (_, i) => ({ pageKey: `page-${i}`, source: `pages.jsonl:${i + 1}` })),
    );
    const worker = startWorker(database.url);
    const claimed = await new Promise<string[]>((resolve, reject) => {
      let out = "";
      worker.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("\n")) resolve(JSON.parse(out.trim()) as string[]);
      });
      worker.on("exit", (code) => reject(new Error(`the worker ended before claiming (${code})`)));
    });
    assert.equal(claimed.length, 5);
    const killedAt = Date.now();
    worker.kill("SIGKILL");
    await new Promise((resolve) => worker.once("exit", resolve));

    // The lock it held inside its open transaction is taken by another worker without waiting out anything.
    const got = await Promise.race([withLock(pool, "person", "王君正", async () => "lock taken"), sleep(5000).then(() => "still locked")]);
    assert.equal(got, "lock taken");

    // Its pages are still under its lease: another worker gets only the three it did not claim.
    const others = await claim(pool, "survivor", 10, 60_000);
    if (Date.now() - killedAt < LEASE_MS) {
      assert.deepEqual(others.map((item) => item.pageKey).sort(), ["page-5", "page-6", "page-7"]);
    }
    await sleep(Math.max(0, killedAt + LEASE_MS + 300 - Date.now()));
    const returned = await claim(pool, "survivor", 10, 60_000);
    const all = [...others, ...returned];
    assert.deepEqual(all.map((item) => item.pageKey).sort(), ["page-0", "page-1", "page-2", "page-3", "page-4", "page-5", "page-6", "page-7"]);
    assert.ok(returned.filter((item) => claimed.includes(item.pageKey)).every((item) => item.attempts === 2));
    assert.deepEqual(await progress(pool), { total: 8, done: 0, failed: 0, claimed: 8, waiting: 0, workers: 1 });
  });
});
