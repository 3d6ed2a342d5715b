import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ingest } from "../src/ingest/ingest.js";
import { copyCorpus } from "../src/store/copy.js";
import { openStore } from "../src/store/open.js";
import type { Store } from "../src/store/store.js";
import { fixtureSources } from "./fixture-pages.js";
import { meetingPages } from "./meeting-pages.js";
import { describePg, freshDatabase, type TestDatabase } from "./pg-helpers.js";
import { repostOfSeed } from "./reposts.js";
import { huiyiRun, tempDir } from "./store-helpers.js";
import { writePage } from "./written-pages.js";

// `huiyi copy` moves a corpus between backends: the fixture pages, a repost of one of them (a near-duplicate
// cluster of two) and generated meeting reports whose people recur (persons met on many pages) are stored
// in SQLite with follow-ups set, copied to PostgreSQL and back again; every reading of the Store API then
// answers alike on all three but for ids, which may differ.

/** An answer without the ids a copy may renumber (documents, directives, persons): what it says, not where. */
function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !["id", "document", "personIds", "bytes", "schemaVersion"].includes(key))
        .map(([key, inner]) => [key, key === "score" && typeof inner === "number" ? Number(inner.toPrecision(12)) : withoutIds(inner)]),
    );
  return value;
}

describePg("huiyi copy between SQLite and PostgreSQL", () => {
  let database: TestDatabase;
  let back: string;
  let sqlite: string;
  const stores: Store[] = [];
  const followed: { status: "落实中" | "已落实"; note: string; updated: string }[] = [];

  before(async () => {
    database = await freshDatabase("copy");
    const dir = tempDir();
    sqlite = join(dir, "source.db");
    back = join(dir, "back.db");
    const pages = [
      ...fixtureSources(),
      writePage(dir, "repost.txt", repostOfSeed()),
      writePage(dir, "meetings.jsonl", meetingPages(60).join("\n") + "\n"),
    ];
    const source = await openStore(sqlite, { create: true });
    await ingest(source, pages, { workers: 0 });
    // Two follow-ups set by hand before copying: their status, note and time must travel.
    const { entries } = await source.directives({ limit: 100 });
    for (const [entry, status] of [[entries[1]!, "落实中"], [entries.at(-2)!, "已落实"]] as const) {
      const written = await source.followUp(entry.id, status, `核实 ${entry.id}`);
      followed.push({ status, note: written!.note, updated: written!.updated! });
    }
    await source.close();
  });

  after(async () => {
    for (const store of stores) await store.close();
    await database?.drop();
  });

  test("the CLI copies SQLite → PostgreSQL in small batches, refuses a non-empty target, and resumes", () => {
    const run = huiyiRun(["copy", "--from", sqlite, "--to", database.url, "--batch", "7"]);
    assert.equal(run.status, 0, run.stderr);
    const documents = Number(run.stdout.match(/文档 (\d+) 篇/)?.[1]);
    assert.ok(documents > 70, run.stdout);
    assert.match(run.stdout, new RegExp(`新写入 ${documents} 篇,目标库已有 0 篇`));
    assert.match(run.stdout, /跟进 2 条/);

    const again = huiyiRun(["copy", "--from", sqlite, "--to", database.url]);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /已有 \d+ 篇文档:拒绝复制/);

    const resumed = huiyiRun(["copy", "--from", sqlite, "--to", database.url, "--resume"]);
    assert.equal(resumed.status, 0, resumed.stderr);
    assert.match(resumed.stdout, new RegExp(`新写入 0 篇,目标库已有 ${documents} 篇`));
  });

  test("PostgreSQL → SQLite through the same helper", async () => {
    const from = await openStore(database.url, { create: false });
    const to = await openStore(back, { create: true });
    try {
      const counts = await copyCorpus(from, to, { batch: 11 });
      assert.equal(counts.regrouped, 0);
      assert.equal(counts.followUps, 2);
      assert.equal(counts.copied, counts.documents);
    } finally {
      await from.close();
      await to.close();
    }
  });

  test("searches, person timelines, region overviews, stats and the ledger answer alike on all three", async () => {
    for (const target of [sqlite, database.url, back]) stores.push(await openStore(target, { create: false }));
    const [source, ...copies] = stores as [Store, Store, Store];
    const ask = async (question: (store: Store) => Promise<unknown>) => {
      const expected = withoutIds(await question(source));
      for (const copy of copies) assert.deepEqual(withoutIds(await question(copy)), expected);
      return expected;
    };

    const stats = (await ask((store) => store.stats())) as { documents: number; clusters: number; persons: number };
    assert.ok(stats.clusters < stats.documents, "the repost joins its original's cluster");

    for (const query of ["会议", "招商引資", '"经济工作"', "书记 OR 县长", "发展 -项目", "县"]) {
      for (const sort of ["relevance", "date"] as const) {
        const answer = (await ask((store) => store.search({ query, sort, limit: 10, facets: true }))) as { total: number };
        assert.ok(answer.total > 0, query);
      }
    }

    // Every name of the source's people: each has as many persons, with the same appearances, on each side.
    const names = new Set<string>();
    for await (const { record } of source.records({})) for (const person of record.people) names.add(person.name);
    assert.ok(names.size > 20);
    let recurring = 0;
    for (const name of names) {
      const timelines = (await ask((store) => store.persons(name))) as { appearances: unknown[] }[];
      if (timelines.some((timeline) => timeline.appearances.length > 1)) recurring++;
    }
    assert.ok(recurring > 5, "people met on several pages are one person on each side");

    const regions = (await source.stats()).regions.map((region) => region.name.split("/").filter(Boolean).at(-1)!);
    assert.ok(regions.length > 3);
    for (const region of regions) assert.notEqual(await ask((store) => store.region(region)), null);

    const ledger = (await ask((store) => store.directives({ limit: 100 }))) as { entries: { status: string; note: string; updated: string | null }[] };
    const kept = ledger.entries.filter((entry) => entry.updated !== null).map(({ status, note, updated }) => ({ status, note, updated }));
    assert.deepEqual(
      kept.sort((a, b) => a.note.localeCompare(b.note)),
      [...followed].sort((a, b) => a.note.localeCompare(b.note)),
    );
  });
});
