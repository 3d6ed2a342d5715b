import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ingest } from "../src/ingest/ingest.js";
import { openStore } from "../src/store/open.js";
import type { Store } from "../src/store/store.js";
import { fixtureSources } from "./fixture-pages.js";
import { describePg, freshDatabase, type TestDatabase } from "./pg-helpers.js";
import { tempDir } from "./store-helpers.js";

// Both backends rank alike: the fixture pages stored in a SQLite file and in a PostgreSQL database, the
// same queries list the same pages in the same order with the same scores (BM25 as FTS5 computes it).

describePg("PostgreSQL ranks as SQLite does", () => {
  let database: TestDatabase;
  let sqlite: Store;
  let postgres: Store;

  before(async () => {
    database = await freshDatabase("rank");
    sqlite = await openStore(join(tempDir(), "rank.db"), { create: true });
    postgres = await openStore(database.url, { create: true });
    await ingest(sqlite, fixtureSources(), { workers: 0 });
    await ingest(postgres, fixtureSources(), { workers: 0 });
  });

  after(async () => {
    await sqlite?.close();
    await postgres?.close();
    await database?.drop();
  });

  /** Equal but for the last bits: JavaScript's logarithm and C's may differ in the last one. */
  const sameScore = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
  const listed = async (store: Store, query: string) =>
    (await store.search({ query, limit: 20 })).hits.map((hit) => ({ page: hit.path ?? hit.url, score: hit.score }));

  test("words, phrases, one and two characters, OR and -word: the same pages in the same order, scores equal", async () => {
    const queries = ["招商引资", "经济 会议", "\"工作会议\"", "招商", "会", "县委 -招商", "招商 OR 乡村振兴", "招 OR 引资", "2023年", "(防汛 OR 安全) 会议"];
    for (const query of queries) {
      const a = await listed(sqlite, query);
      const b = await listed(postgres, query);
      assert.ok(a.length > 0, `${query}: the fixture pages hold it`);
      assert.deepEqual(b.map((hit) => hit.page), a.map((hit) => hit.page), query);
      b.forEach((hit, i) => assert.ok(sameScore(hit.score, a[i]!.score), `${query}: score ${hit.score} against ${a[i]!.score}`));
    }
  });

  test("scores tell pages apart: a word's ranking is not every page alike", async () => {
    const scores = new Set((await listed(postgres, "会议")).map((hit) => hit.score.toFixed(9)));
    assert.ok(scores.size > 3, `${scores.size} distinct scores`);
  });
});
