import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, test } from "node:test";
import { random } from "../bench/pages.js";
import { openPool } from "../src/store/pg/connect.js";
import { progress, type QueueProgress } from "../src/store/pg/queue.js";
import { openStore } from "../src/store/open.js";
import { fixtureSources } from "./fixture-pages.js";
import { CLI } from "./helpers.js";
import { describePg, freshDatabase, type TestDatabase } from "./pg-helpers.js";
import { corpusOf, huiyiAsync } from "./pg-ingest-helpers.js";
import { summaryOf, tempDir } from "./store-helpers.js";

// Two `huiyi ingest --db postgres://…` processes with overlapping inputs, one killed with SIGKILL while it
// holds claimed pages (some perhaps in an open, uncommitted transaction): the other takes its pages over once
// their lease runs out, and after it finishes and a rerun, every page is stored once and the corpus —
// clusters, persons — is the one a single process makes of the same pages.

/** Short, so that the survivor takes the killed process's pages over within the test. */
const LEASE_SECONDS = 4;
const COPIES = 900;

/**
 * Fixture pages, and copies of the UTF-8 text ones, each with a line of its own added (bench/pages.ts's
 * recombined pages are not used: they sit near the near-duplicate threshold, where a page joins "its
 * closest earlier copy" — which copy is earlier differs between any two runs that store pages in another
 * order, one process or two). Each copy is far above the threshold to its original and far below it to the
 * others, so clusters are the same in any order.
 */
function writeInputs(dir: string): string[] {
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  const originals = fixtureSources().flatMap((source) => {
    if (!source.endsWith(".txt")) return [];
    try {
      return [utf8.decode(readFileSync(source))];
    } catch {
      return [];
    }
  });
  const next = random(7);
  const paths: string[] = [];
  for (let i = 0; i < COPIES; i++) {
    const path = join(dir, `${String(i).padStart(4, "0")}.txt`);
    const original = originals[Math.floor(next() * originals.length)]!;
    writeFileSync(path, `${original.trimEnd()}\n（本页为第 ${i + 1} 份转载）\n`);
    paths.push(path);
  }
  return [...fixtureSources(), ...paths];
}

describePg("an ingest process killed mid-run", () => {
  const made: TestDatabase[] = [];
  let dir: string;
  after(async () => {
    for (const database of made) await database.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("its pages are taken over: every page is stored once; clusters and persons are a single run's", { timeout: 600_000 }, async () => {
    dir = tempDir();
    const inputs = writeInputs(dir);
    const third = Math.ceil(inputs.length / 3);
    const [firstInputs, secondInputs] = [inputs.slice(0, 2 * third), inputs.slice(third)];
    const shared = await freshDatabase("ingest_kill");
    const single = await freshDatabase("ingest_kill_one");
    made.push(shared, single);
    const ingestArgs = (url: string, paths: string[]) => ["ingest", "--db", url, "--workers", "1", "--lease-seconds", String(LEASE_SECONDS), ...paths];

    const doomed = spawn(process.execPath, [CLI, ...ingestArgs(shared.url, firstInputs)], { stdio: "ignore" });
    const exited = new Promise<number | null>((resolve) => doomed.once("exit", (code) => resolve(code)));
    const survivor = huiyiAsync(ingestArgs(shared.url, secondInputs));

    // Killed once the queue shows both at work and pages done, while pages are still to do.
    const pool = await openPool(shared.url, { max: 1 });
    let seen: QueueProgress | null = null;
    try {
      for (let tries = 0; tries < 2400; tries++) {
        await sleep(50);
        const queue = await progress(pool).catch(() => null);
        if (queue && queue.workers === 2 && queue.done > 0 && queue.waiting > 0) {
          seen = queue;
          break;
        }
      }
    } finally {
      await pool.end();
    }
    assert.ok(seen, "the queue never showed both processes at work with pages still waiting");
    doomed.kill("SIGKILL");
    assert.equal(await exited, null, "killed, not finished");

    const second = await survivor;
    assert.equal(second.status, 0, second.stderr);
    // The survivor waited for the killed process's leases and did its pages: the queue is empty behind it.
    assert.match(second.stdout, /等待 0/);
    assert.match(second.stdout, /处理中 0/);
    const rerun = await huiyiAsync(ingestArgs(shared.url, firstInputs));
    assert.equal(rerun.status, 0, rerun.stderr);
    assert.equal(summaryOf(rerun.stdout).stored, 0, "the survivor left nothing to store");

    const alone = await huiyiAsync(ingestArgs(single.url, inputs));
    assert.equal(alone.status, 0, alone.stderr);
    const [two, reference] = [await openStore(shared.url, { create: false }), await openStore(single.url, { create: false })];
    try {
      const [got, expected] = [await corpusOf(two), await corpusOf(reference)];
      assert.equal(got.pages.length, inputs.length);
      assert.equal(new Set(got.pages).size, got.pages.length, "no page twice");
      assert.deepEqual(got.pages, expected.pages);
      assert.deepEqual(got.persons, expected.persons);
      assert.deepEqual(got.clusters, expected.clusters);
    } finally {
      await two.close();
      await reference.close();
    }
  });
});
