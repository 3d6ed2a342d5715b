import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, test } from "node:test";
import { packPage } from "../src/ingest/queued-page.js";
import { pageKey } from "../src/ingest/prepare.js";
import { openPool } from "../src/store/pg/connect.js";
import { migratePg } from "../src/store/pg/migrations.js";
import { enqueue, progress } from "../src/store/pg/queue.js";
import { openStore } from "../src/store/open.js";
import type { RawDoc } from "../src/types.js";
import { fixtureSource } from "./fixture-pages.js";
import { CLI } from "./helpers.js";
import { describePg, freshDatabase, type TestDatabase } from "./pg-helpers.js";
import { huiyiAsync } from "./pg-ingest-helpers.js";
import { summaryOf, tempDir } from "./store-helpers.js";

// A machine that lends its cores (`huiyi ingest --db postgres://…` without inputs) stores pages another
// machine listed from paths it cannot read: the queue carries the pages themselves. A queued page it cannot
// unpack fails alone, named by where it was read, and listing it again tries it again.

/** A page as another machine read it, at a path that does not exist here. */
function pageFrom(slug: string): RawDoc {
  return { path: `/elsewhere/${slug}.txt`, url: null, text: readFileSync(fixtureSource(slug), "utf8"), encoding: "utf-8" };
}

describePg("ingest without inputs works the shared queue", () => {
  const made: TestDatabase[] = [];
  after(async () => {
    for (const database of made) await database.drop();
  });

  test("pages listed elsewhere are stored here; a damaged one fails alone and is retried when listed again", async () => {
    const database = await freshDatabase("ingest_queue");
    made.push(database);
    const pool = await openPool(database.url, { max: 2 });
    try {
      await migratePg(pool);
      const docs = [pageFrom("xiqing-changweihui"), pageFrom("jinghai-ganbuhuiyi")];
      const damaged = pageFrom("gaoling-renda-zhuxituan");
      await enqueue(pool, [
        ...docs.map((doc) => ({ pageKey: pageKey(doc), source: doc.path!, page: packPage(doc) })),
        { pageKey: pageKey(damaged), source: damaged.path!, page: Buffer.from("not a page") },
      ]);

      const run = await huiyiAsync(["ingest", "--db", database.url, "--workers", "0"]);
      assert.equal(run.status, 1, "a failed page makes the exit status say so");
      assert.match(run.stderr, /\/elsewhere\/gaoling-renda-zhuxituan\.txt/);
      assert.equal(summaryOf(run.stdout).stored, 2);
      assert.deepEqual(await progress(pool), { total: 3, done: 3, failed: 1, claimed: 0, waiting: 0, workers: 0 });
      const store = await openStore(database.url, { create: false });
      try {
        const paths: string[] = [];
        for await (const { record } of store.records({})) paths.push(record.source.path!);
        assert.deepEqual(paths.sort(), ["/elsewhere/jinghai-ganbuhuiyi.txt", "/elsewhere/xiqing-changweihui.txt"]);
      } finally {
        await store.close();
      }

      // Listed again, whole this time: tried again and stored; the stored ones are left as they are.
      assert.equal(await enqueue(pool, [...docs, damaged].map((doc) => ({ pageKey: pageKey(doc), source: doc.path!, page: packPage(doc) }))), 1);
      const again = await huiyiAsync(["ingest", "--db", database.url, "--workers", "0"]);
      assert.equal(again.status, 0, again.stderr);
      assert.equal(summaryOf(again.stdout).stored, 1);
      assert.deepEqual(await progress(pool), { total: 3, done: 3, failed: 0, claimed: 0, waiting: 0, workers: 0 });
    } finally {
      await pool.end();
    }
  });

  test("stopped with Ctrl-C, it keeps what it stored and gives its claimed pages back at once", async () => {
    const database = await freshDatabase("ingest_stop");
    made.push(database);
    const dir = tempDir();
    const text = readFileSync(fixtureSource("xiqing-changweihui"), "utf8");
    mkdirSync(join(dir, "in"));
    for (let i = 0; i < 600; i++) writeFileSync(join(dir, "in", `${i}.txt`), `${text.trimEnd()}\n（第 ${i + 1} 份）\n`);
    const child = spawn(process.execPath, [CLI, "ingest", "--db", database.url, "--workers", "1", join(dir, "in")], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const pool = await openPool(database.url, { max: 1 });
    try {
      let stopped = false;
      for (let tries = 0; tries < 1200 && !stopped; tries++) {
        await sleep(50);
        const queue = await progress(pool).catch(() => null);
        if (queue && queue.done > 0 && queue.waiting > 0) {
          child.kill("SIGINT");
          stopped = true;
        }
      }
      assert.ok(stopped, "the queue never showed pages done with pages still waiting");
      assert.equal(await exited, 130);
      const queue = await progress(pool);
      assert.equal(queue.claimed, 0, "nothing left under its lease");
      assert.ok(queue.done > 0 && queue.done < 600);
      assert.equal(summaryOf(stdout).stored, queue.done, "what it stored is kept, and marked done");
    } finally {
      await pool.end();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
