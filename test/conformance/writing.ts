import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ingest } from "../../src/ingest/ingest.js";
import { pageKey, preparePages } from "../../src/ingest/prepare.js";
import type { Store } from "../../src/store/store.js";
import { fixtureSources } from "../fixture-pages.js";
import { meetingPages } from "../meeting-pages.js";
import { freshStore, storedPages, type Backend } from "./backend.js";

// Writing on every backend: the same pages again are stored once; what a writer abandons, or never
// commits before its program goes away, leaves nothing behind, and the corpus stays consistent.

const docsOf = (lines: string[]) => lines.map((line) => ({ ...(JSON.parse(line) as { url: string; text: string }), path: null, encoding: "utf-8" }));
const prepared = (docs: ReturnType<typeof docsOf>) => preparePages({ docs, keys: docs.map(pageKey) }).pages;

/** What a consistent corpus says of itself: every count agrees with what can be read back. */
async function consistent(store: Store): Promise<{ documents: number; persons: number; clusters: number; appearances: number; directives: number }> {
  const stats = await store.stats();
  const pages = await storedPages(store);
  assert.equal(pages.length, stats.documents);
  assert.equal(new Set(pages.map((page) => page.cluster)).size, stats.clusters);
  assert.equal((await store.search({ query: "", limit: 1 })).total, stats.clusters);
  for (const page of pages.slice(0, 20)) {
    const document = await store.document(page.id);
    assert.equal(document!.personIds.length, document!.record.people.length);
    for (const id of document!.personIds) assert.ok(await store.person(id), `person ${id} of document ${page.id}`);
  }
  return { documents: stats.documents, persons: stats.persons, clusters: stats.clusters, appearances: stats.appearances, directives: stats.directives };
}

export function writing(backend: Backend): void {
  describe(`${backend.name}: writing`, () => {
    test("the same pages again add nothing: each page is stored once", async (t) => {
      const { store } = await freshStore(backend);
      t.after(() => store.close());
      const first = await ingest(store, fixtureSources(), { workers: 0 });
      assert.ok(first.stored > 10);
      assert.equal(first.failed, 0);
      const before = await consistent(store);
      const again = await ingest(store, fixtureSources(), { workers: 0 });
      assert.deepEqual([again.stored, again.known, again.nearDuplicates], [0, first.read, 0]);
      assert.deepEqual(await consistent(store), before);
      // One page twice in one batch: stored once.
      const docs = docsOf(meetingPages(1, 3));
      const added = await store.writer().add(prepared([...docs, ...docs]));
      assert.deepEqual([added.stored, added.known], [1, 1]);
    });

    test("an abandoned write leaves nothing; the writer then stores the same pages once, people and all", async (t) => {
      const { store } = await freshStore(backend);
      t.after(() => store.close());
      // Prepared once: cleaning looks across the pages prepared together (repeated lines are boilerplate).
      const pages = prepared(docsOf(meetingPages(40, 11)));
      const writer = store.writer();
      await writer.add(pages.slice(0, 10));
      await writer.commit();
      const committed = await consistent(store);
      await writer.add(pages.slice(10, 30));
      await writer.abandon();
      assert.deepEqual(await consistent(store), committed);
      assert.equal((await store.known(pages.slice(10, 30).map((page) => page.pageKey))).size, 0);
      // The people the abandoned pages brought are not remembered as stored.
      await writer.add(pages.slice(10));
      await writer.commit();
      const whole = await consistent(store);

      const { store: oneRun } = await freshStore(backend);
      t.after(() => oneRun.close());
      const once = oneRun.writer();
      await once.add(pages);
      await once.commit();
      assert.deepEqual(await consistent(oneRun), whole);
    });

    test("a writer whose program goes away before committing leaves a corpus that reopens consistent, without those pages", async (t) => {
      const { store, target } = await freshStore(backend);
      const pages = prepared(docsOf(meetingPages(30, 12)));
      const writer = store.writer();
      await writer.add(pages.slice(0, 15));
      await writer.commit();
      const committed = await consistent(store);
      await writer.add(pages.slice(15));
      // Gone without a commit (as a killed program is): closing does not commit.
      await store.close();
      const reopened = await backend.open(target);
      t.after(() => reopened.close());
      assert.deepEqual(await consistent(reopened), committed);
      assert.equal((await reopened.known(pages.map((page) => page.pageKey))).size, 15);
      const rerun = reopened.writer();
      const added = await rerun.add(pages);
      await rerun.commit();
      assert.deepEqual([added.stored, added.known], [15, 15]);
      assert.equal((await consistent(reopened)).documents, 30);
    });

    test("a missing corpus is not made by opening it to read", async () => {
      const target = await backend.fresh();
      await assert.rejects(backend.open(target), /找不到|不存在|not/);
    });
  });
}
