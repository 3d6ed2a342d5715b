import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { pageKey, preparePages } from "../../src/ingest/prepare.js";
import type { Store } from "../../src/store/store.js";
import { freshStore, type Backend } from "./backend.js";

// One count everywhere, on every backend: a report and its reposts are one document in a search's total, on
// its region's page, among the region's people, on the person's page and in a trend; a document with no
// date is counted as undated, not left out.

/** A county meeting whose page gives a day but no year: it can be filed under no date. */
const UNDATED = [
  "西青区召开区委常委会会议",
  "3月11日，区委书记李清华主持召开区委常委会会议，传达学习全国两会精神，研究部署我区重点工作。",
  "会议指出，要坚持稳中求进工作总基调，扎实推进高质量发展，确保全年目标任务圆满完成。",
  "会议强调，各级各部门要压实责任，抓好安全生产和疫情防控各项工作。",
].join("\n");

/** A county meeting with two more people: the secretary's deputy and the county head. */
const WITH_OTHERS = [
  "西青区召开区委常委会会议",
  "2022年3月11日，区委书记李清华主持召开区委常委会会议，区长白云鹏、区委副书记孟庆松出席会议。",
  "会议指出，要坚持稳中求进工作总基调，扎实推进高质量发展，确保全年目标任务圆满完成。",
].join("\n");

/** Another meeting of the same county with the county head alone beside the secretary. */
const HEAD_ONLY = [
  "西青区召开区委常委会扩大会议",
  "2022年6月20日，区委书记李清华主持召开区委常委会扩大会议，区长白云鹏出席会议。",
  "会议要求，要把防汛责任落实到每一个村、每一个点位，确保人民群众生命财产安全。",
].join("\n");

/** Another meeting of the same county, dated. */
const DATED = [
  "西青区召开区委常委会扩大会议",
  "2022年6月20日，区委书记李清华主持召开区委常委会扩大会议，研究部署防汛救灾和乡村振兴工作。",
  "会议要求，要把防汛责任落实到每一个村、每一个点位，确保人民群众生命财产安全。",
  "会议强调，要统筹推进乡村振兴，持续抓好农业生产和农民增收。",
].join("\n");

async function store(backend: Backend, texts: string[]): Promise<Store> {
  const { store } = await freshStore(backend);
  const docs = texts.map((text, i) => ({ path: null, url: `http://site${i}.example.gov.cn/a${i}.html`, text, encoding: "utf-8" }));
  const writer = store.writer();
  await writer.add(preparePages({ docs, keys: docs.map(pageKey) }).pages);
  await writer.commit();
  return store;
}

export function counts(backend: Backend): void {
  describe(`${backend.name}: one count everywhere`, () => {
    // The undated report on three sites, the dated one on one.
    const texts = [UNDATED, UNDATED, UNDATED, DATED];

    test("a report reposted three times is one document in search, on its region's page and among its people", async (t) => {
      const corpus = await store(backend, texts);
      t.after(() => corpus.close());
      assert.equal((await corpus.stats()).clusters, 2, "the three copies are one cluster");
      assert.equal((await corpus.search({ query: "李清华" })).total, 2);
      const region = await corpus.region("西青区");
      assert.ok(region);
      assert.equal(region.documents, 2);
      assert.equal(region.undated, 1, "the report without a year is counted as undated");
      assert.equal(region.months.reduce((sum, month) => sum + month.documents, 0) + region.undated, region.documents);
      assert.ok(!region.children.some((child) => child.name === "西青区"), "a county is not its own sub-region");
      const person = region.people.find((one) => one.name === "李清华");
      assert.equal(person?.documents, 2);
      // The directives' themes as in a corpus holding each report once.
      const once = await store(backend, [UNDATED, DATED]);
      t.after(() => once.close());
      const themes = (await once.region("西青区"))!.themes;
      assert.ok(themes.length > 0, "the reports' directives have themes");
      assert.deepEqual(region.themes, themes);
    });

    test("a person's appearances count a reposted meeting once, its other pages listed as reposts", async (t) => {
      const corpus = await store(backend, texts);
      t.after(() => corpus.close());
      const [person, ...others] = await corpus.persons("李清华");
      assert.equal(others.length, 0);
      assert.equal(person!.appearances.length, 2);
      assert.deepEqual(person!.appearances.map((appearance) => appearance.reposts?.length ?? 0).sort(), [0, 2]);
      const again = await corpus.person(person!.id);
      assert.equal(again!.appearances.length, 2);
    });

    test("a trend counts a reposted report once and its undated documents as undated: points and undated add up to the total", async (t) => {
      const corpus = await store(backend, texts);
      t.after(() => corpus.close());
      const [series] = await corpus.trends({ terms: ["常委会"], by: "year" });
      assert.equal(series!.total, 2);
      assert.equal(series!.undated, 1);
      // The dated report is the corpus's one document of 2022: all of the period, a share of 1.
      assert.deepEqual(series!.points, [{ period: "2022", documents: 1, all: 1, share: 1 }]);
    });

    test("the people beside a person count a reposted report once", async (t) => {
      // The first report on three sites: its people are beside the secretary at one meeting, not three.
      const corpus = await store(backend, [WITH_OTHERS, WITH_OTHERS, WITH_OTHERS, HEAD_ONLY]);
      t.after(() => corpus.close());
      assert.equal((await corpus.stats()).clusters, 2, "the three copies are one cluster");
      const [secretary] = await corpus.persons("李清华");
      const companions = await corpus.companions(secretary!.id, 10);
      assert.deepEqual(
        companions.map(({ name, documents }) => [name, documents]),
        [
          ["白云鹏", 2],
          ["孟庆松", 1],
        ],
      );
      assert.deepEqual(await corpus.companions(secretary!.id, 1).then((rows) => rows.map((row) => row.name)), ["白云鹏"]);
    });
  });
}
