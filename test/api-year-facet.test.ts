import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { crawlApi, type CrawlApi } from "./crawl-api.js";

// The search's year facet counts documents with no date as undated (shown as 日期不详), so that its years
// and its undated add up to the search's total: a document without a date does not vanish from the facet.

/** A meeting whose page gives a day but no year: it can be filed under no year. Reposted on two sites. */
const UNDATED = "西青区召开区委常委会会议\n3月11日，区委书记李清华主持召开区委常委会会议，传达学习全国两会精神，研究部署我区重点工作。\n会议强调，各级各部门要压实责任，抓好安全生产各项工作。";
const DATED = "西青区召开区委常委会扩大会议\n2022年6月20日，区委书记李清华主持召开区委常委会扩大会议，研究部署防汛救灾和乡村振兴工作。\n会议强调，要统筹推进乡村振兴，持续抓好农业生产和农民增收。";
const CRAWL = [UNDATED, UNDATED, DATED].map((text, i) => ({ url: `http://site${i}.example.gov.cn/a${i}.html`, text }));

let api: CrawlApi | undefined;

before(async () => {
  api = await crawlApi(CRAWL, { name: "facet" });
});

after(() => api?.close());

test("the year facet counts the undated document (its repost once) beside the years, adding up to the total", async () => {
  const response = await api!.app.inject({ method: "GET", url: `/api/search?q=${encodeURIComponent("李清华")}` });
  assert.equal(response.statusCode, 200);
  const body = response.json();
  assert.equal(body.total, 2);
  assert.deepEqual(body.facets.years, [{ value: "2022", count: 1 }]);
  assert.equal(body.facets.undated, 1);
});

test("a search whose matches all have dates has no undated ones", async () => {
  const body = (await api!.app.inject({ method: "GET", url: `/api/search?q=${encodeURIComponent("防汛")}` })).json();
  assert.equal(body.total, 1);
  assert.equal(body.facets.undated, 0);
});
