import assert from "node:assert/strict";
import { after, test } from "node:test";
import { openStore } from "../src/store/open.js";
import { fixtureSources } from "./fixture-pages.js";
import { describePg, freshDatabase, type TestDatabase } from "./pg-helpers.js";
import { corpusOf, huiyiAsync } from "./pg-ingest-helpers.js";
import { summaryOf } from "./store-helpers.js";

// Two `huiyi ingest --db postgres://…` processes at once on one database, with inputs that overlap: every
// page is stored once, and the corpus (clusters, persons) is the one a single process makes of the same
// pages. They share the work through the queue (src/ingest/queue.ts) and take turns on the write lock.

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
