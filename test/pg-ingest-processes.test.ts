import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, test } from "node:test";
import { openStore } from "../src/store/open.js";
import type { Store } from "../src/store/store.js";
import { fixtureSources } from "./fixture-pages.js";
import { CLI } from "./helpers.js";
import { describePg, freshDatabase, type TestDatabase } from "./pg-helpers.js";
import { summaryOf } from "./store-helpers.js";

// Two `huiyi ingest --db postgres://…` processes at once on one database, with inputs that overlap: every
// page is stored once, and the corpus (clusters, persons) is the one a single process makes of the same
// pages. They share the work through the queue (src/ingest/queue.ts) and take turns on the write lock.

/** Run the CLI without waiting (so that two run at once); resolves with its exit status and output. */
function huiyiAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** The corpus as a reader sees it, whatever the ids: its clusters as sets of pages, its persons as a name and their pages. */
async function corpusOf(store: Store): Promise<{ pages: string[]; clusters: string[]; persons: string[] }> {
  const pathOf = new Map<number, string>();
  const byCluster = new Map<number, string[]>();
  const personPages = new Map<number, { name: string; pages: string[] }>();
  for await (const { id, cluster, record } of store.records({})) {
    const path = record.source.path ?? record.source.url ?? String(id);
    pathOf.set(id, path);
    byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), path]);
    const document = await store.document(id);
    document!.personIds.forEach((person, n) => {
      const entry = personPages.get(person) ?? { name: record.people[n]!.name, pages: [] };
      if (!entry.pages.includes(path)) entry.pages.push(path);
      personPages.set(person, entry);
    });
  }
  return {
    pages: [...pathOf.values()].sort(),
    clusters: [...byCluster.values()].map((pages) => pages.sort().join(" + ")).sort(),
    persons: [...personPages.values()].map(({ name, pages }) => `${name}: ${pages.sort().join(" + ")}`).sort(),
  };
}

describePg("several ingest processes on one PostgreSQL database", () => {
  const made: TestDatabase[] = [];
  after(async () => {
    for (const database of made) await database.drop();
  });

  test("two processes with overlapping inputs store every page once; clusters and persons are a single run's", async () => {
    const sources = fixtureSources();
    const third = Math.ceil(sources.length / 3);
    const shared = await freshDatabase("ingest_two");
    const single = await freshDatabase("ingest_one");
    made.push(shared, single);

    const [first, second] = await Promise.all([
      huiyiAsync(["ingest", "--db", shared.url, ...sources.slice(0, 2 * third)]),
      huiyiAsync(["ingest", "--db", shared.url, ...sources.slice(third)]),
    ]);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(second.status, 0, second.stderr);
    const [a, b] = [summaryOf(first.stdout), summaryOf(second.stdout)];
    const alone = await huiyiAsync(["ingest", "--db", single.url, ...sources]);
    assert.equal(alone.status, 0, alone.stderr);
    const one = summaryOf(alone.stdout);
    // Every page was stored by one of them. (Which one listed or stored a page both read depends on timing:
    // the second to list it finds it listed or stored already, and either may store it.)
    assert.equal(a.stored + b.stored, one.stored);
    assert.ok(a.read + b.read > one.read, "the inputs overlap");
    assert.equal(a.failed + b.failed, 0);

    const [two, reference] = await Promise.all([openStore(shared.url, { create: false }), openStore(single.url, { create: false })]);
    try {
      const [got, expected] = [await corpusOf(two), await corpusOf(reference)];
      assert.equal(new Set(got.pages).size, got.pages.length, "no page twice");
      assert.deepEqual(got.pages, expected.pages);
      assert.deepEqual(got.clusters, expected.clusters);
      assert.deepEqual(got.persons, expected.persons);
    } finally {
      await two.close();
      await reference.close();
    }
  });
});
