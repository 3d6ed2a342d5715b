import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ingest } from "../src/ingest/ingest.js";
import { SqliteStore } from "../src/store/sqlite.js";
import { fixtureSources } from "./fixture-pages.js";
import { tempDir } from "./store-helpers.js";

let store: SqliteStore;
/** Every stored page as a reader sees it: title and text, with the cluster it is shown under. */
let pages: { cluster: number; content: string }[];

before(async () => {
  store = new SqliteStore(join(tempDir(), "search.db"), { create: true });
  await ingest(store, fixtureSources(), { workers: 0 });
  pages = store.db.prepare("SELECT f.cluster, COALESCE(d.title, '') || '\n' || d.text AS content FROM documents d JOIN facets f ON f.id = d.id").all() as typeof pages;
});

after(async () => {
  await store?.close();
});

/** The clusters a reader scanning every page would list for a query that every word of must appear. */
function clustersContaining(words: string[]): number[] {
  const hits = pages.filter((page) => words.every((word) => page.content.includes(word))).map((page) => page.cluster);
  return [...new Set(hits)].sort((a, b) => a - b);
}

async function searchClusters(query: string, filters = {}): Promise<number[]> {
  const result = await store.search({ query, limit: 100, ...filters });
  assert.equal(result.total, result.hits.length);
  const byId = new Map(store.db.prepare("SELECT id, cluster FROM facets").all().map((row) => [(row as { id: number }).id, (row as { cluster: number }).cluster]));
  return result.hits.map((hit) => byId.get(hit.id)!).sort((a, b) => a - b);
}

test("a query finds exactly the pages that contain it, one page per near-duplicate cluster", async () => {
  for (const word of ["招商引资", "经济运行", "乡村振兴", "西青区", "民族团结"]) {
    const expected = clustersContaining([word]);
    assert.ok(expected.length > 0, word);
    assert.deepEqual(await searchClusters(word), expected, word);
  }
});

test("traditional and full-width queries fold like the documents: 招商引資 finds 招商引资", async () => {
  assert.deepEqual(await searchClusters("招商引資"), clustersContaining(["招商引资"]));
  assert.deepEqual(await searchClusters("經濟運行"), clustersContaining(["经济运行"]));
  assert.deepEqual(await searchClusters("Ｕ谷"), clustersContaining(["U谷"]));
});

test("1- and 2-character queries find the words they are part of: 招商 finds 招商引资, 招 finds both", async () => {
  const twoChars = await searchClusters("招商");
  assert.deepEqual(twoChars, clustersContaining(["招商"]));
  for (const cluster of clustersContaining(["招商引资"])) assert.ok(twoChars.includes(cluster));
  assert.deepEqual(await searchClusters("招"), clustersContaining(["招"]));
  assert.deepEqual(await searchClusters("资"), clustersContaining(["资"]));
  assert.deepEqual(await searchClusters("引资"), clustersContaining(["引资"]));
  // A one-character word beside others: every part must be there.
  assert.deepEqual(await searchClusters("县 招商"), clustersContaining(["县", "招商"]));
  assert.deepEqual(await searchClusters("招 乡村振兴"), clustersContaining(["招", "乡村振兴"]));
});

test("a word of digits and one character finds it where the character opens or closes a longer run", async () => {
  // 2023年 stands in 2023年第一季度 as much as in 2023年全县; 第36 in 第36次.
  for (const word of ["2023年", "月17"]) {
    const expected = clustersContaining([word]);
    assert.ok(expected.length > 0, word);
    assert.deepEqual(await searchClusters(`"${word}"`), expected, word);
  }
});

test("a quoted phrase must stand whole; unquoted words need only all be there", async () => {
  const phrase = await searchClusters('"工作会议"');
  assert.deepEqual(phrase, clustersContaining(["工作会议"]));
  const words = await searchClusters("工作 会议");
  assert.deepEqual(words, clustersContaining(["工作", "会议"]));
  assert.ok(words.length > phrase.length, "some pages name 工作 and 会议 apart");
  // Unquoted, jieba splits a run of words: 招商引资高质量发展 asks for 招商引资 and 高质量 and 发展.
  assert.deepEqual(await searchClusters("招商引资高质量发展"), clustersContaining(["招商引资", "高质量", "发展"]));
});

test("results are ranked by BM25 with the terms marked in a snippet, and filters narrow them", async () => {
  const result = await store.search({ query: "乡村振兴", limit: 5 });
  const scores = result.hits.map((hit) => hit.score);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  // The page whose headline is about 乡村振兴 ranks first.
  assert.match(result.hits[0]!.title!, /乡村振兴/);
  for (const hit of result.hits) {
    assert.ok(hit.snippet.marks.length > 0);
    for (const [start, end] of hit.snippet.marks) assert.equal(hit.snippet.text.slice(start, end), "乡村振兴");
  }
  const tianjin = await store.search({ query: "会议", region: "天津市", limit: 100 });
  assert.ok(tianjin.hits.length > 1);
  for (const hit of tianjin.hits) assert.equal(hit.divisionPath?.[0], "天津市");
  const byPerson = await store.search({ query: "会议", person: "申文霞", limit: 100 });
  // Both 阜城 pages name a 申文霞 (the county secretary and a village secretary); the filter is by name.
  assert.deepEqual(byPerson.hits.map((hit) => hit.path?.split("/").at(-2)).sort(), ["fucheng-changweihui-2021-03", "fucheng-village-liangwei-2021"]);
  const dated = await store.search({ query: "会议", from: "2021", to: "2021-07", limit: 100 });
  assert.ok(dated.hits.length > 0);
  for (const hit of dated.hits) assert.ok(hit.date! >= "2021" && hit.date! <= "2021-07-31", hit.date!);
  const paged = await store.search({ query: "会议", limit: 3, offset: 3 });
  const all = await store.search({ query: "会议", limit: 6 });
  assert.deepEqual(paged.hits.map((hit) => hit.id), all.hits.slice(3).map((hit) => hit.id));
  assert.equal(paged.total, all.total);
  assert.equal((await store.search({ query: "，。!" })).total, 0);
});

test("function words between the words of a query are left out; a query of one alone is searched", async () => {
  assert.deepEqual(await searchClusters("招商引资和项目建设"), clustersContaining(["招商引资", "项目", "建设"]));
  assert.deepEqual(await searchClusters("和"), clustersContaining(["和"]));
});
