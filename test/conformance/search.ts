import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ingest } from "../../src/ingest/ingest.js";
import type { SearchRequest, Store } from "../../src/store/store.js";
import { fixtureSources } from "../fixture-pages.js";
import { freshStore, storedPages, type Backend } from "./backend.js";

// Search semantics every backend keeps, checked against a reader scanning every stored page: words,
// phrases, one character, traditional script, OR, -word, filters, paging and sort.

export function searchSemantics(backend: Backend): void {
describe(`${backend.name}: search`, () => {
let store: Store;
/** Every stored page as a reader sees it: title and text, with the cluster it is shown under. */
let pages: { id: number; cluster: number; content: string }[];

before(async () => {
  store = (await freshStore(backend)).store;
  await ingest(store, fixtureSources(), { workers: 0 });
  pages = await storedPages(store);
});

after(async () => {
  await store?.close();
});

/** The clusters a reader scanning every page would list: pages that pass `matches`, one per cluster. */
function clustersWhere(matches: (content: string) => boolean): number[] {
  const hits = pages.filter((page) => matches(page.content)).map((page) => page.cluster);
  return [...new Set(hits)].sort((a, b) => a - b);
}

/** The clusters a reader scanning every page would list for a query that every word of must appear. */
const clustersContaining = (words: string[]) => clustersWhere((content) => words.every((word) => content.includes(word)));

async function searchClusters(query: string, filters: Partial<SearchRequest> = {}): Promise<number[]> {
  const result = await store.search({ query, limit: 100, ...filters });
  assert.equal(result.total, result.hits.length);
  const byId = new Map(pages.map((page) => [page.id, page.cluster]));
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

test("-word leaves out the pages that hold it: 会议 -招商 is 会议 without 招商", async () => {
  const cases: [string, (content: string) => boolean][] = [
    ["会议 -招商", (c) => c.includes("会议") && !c.includes("招商")],
    ["会议 -招", (c) => c.includes("会议") && !c.includes("招")],
    ['会议 -"工作会议"', (c) => c.includes("会议") && !c.includes("工作会议")],
    ["会议 -(招商 OR 民族团结)", (c) => c.includes("会议") && !c.includes("招商") && !c.includes("民族团结")],
    ["-会议", (c) => !c.includes("会议")],
  ];
  for (const [query, matches] of cases) {
    const expected = clustersWhere(matches);
    assert.ok(expected.length > 0, query);
    assert.deepEqual(await searchClusters(query), expected, query);
  }
  assert.ok(clustersContaining(["会议", "招商"]).length > 0, "the exclusion above took pages away");
  // The excluded word is neither a term of the answer nor marked.
  const result = await store.search({ query: "会议 -招商", limit: 100 });
  assert.deepEqual(result.terms, ["会议"]);
  for (const hit of result.hits) for (const [start, end] of hit.snippet.marks) assert.equal(hit.snippet.text.slice(start, end), "会议");
});

test("OR finds pages holding either side, across both indexes and inside groups", async () => {
  const cases: [string, (content: string) => boolean][] = [
    ["招商 OR 民族团结", (c) => c.includes("招商") || c.includes("民族团结")],
    ["招 OR 民族团结", (c) => c.includes("招") || c.includes("民族团结")],
    ['"工作会议" OR 乡村振兴', (c) => c.includes("工作会议") || c.includes("乡村振兴")],
    ["(招商 OR 民族团结) 县", (c) => (c.includes("招商") || c.includes("民族团结")) && c.includes("县")],
    ["(招 OR 乡村振兴) -会议", (c) => (c.includes("招") || c.includes("乡村振兴")) && !c.includes("会议")],
    ["县 ((招商 -引资) OR 民族团结)", (c) => c.includes("县") && ((c.includes("招商") && !c.includes("引资")) || c.includes("民族团结"))],
  ];
  for (const [query, matches] of cases) {
    assert.deepEqual(await searchClusters(query), clustersWhere(matches), query);
  }
  assert.ok((await searchClusters("招商 OR 民族团结")).length > (await searchClusters("招商")).length);
});

test("sort=date lists the same clusters newest first, undated last; relevance is the default", async () => {
  for (const query of ["会议", "招 OR 民族团结", ""]) {
    const byDate = await store.search({ query, limit: 100, sort: "date" });
    const byRelevance = await store.search({ query, limit: 100 });
    assert.deepEqual(byDate.hits.map((hit) => hit.id).sort(), byRelevance.hits.map((hit) => hit.id).sort(), query);
    const dates = byDate.hits.map((hit) => hit.date);
    const dated = dates.filter((date): date is string => date !== null);
    assert.deepEqual(dated, [...dated].sort().reverse(), query);
    assert.deepEqual(dates.slice(dated.length), dates.slice(dated.length).map(() => null), `${query}: undated last`);
    assert.ok(dated.length > 1, query);
  }
  const relevance = await store.search({ query: "乡村振兴", limit: 5, sort: "relevance" });
  const scores = relevance.hits.map((hit) => hit.score);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
});
});
}
