import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { fixtureSources } from "./fixture-pages.js";
import { parseCsv } from "./csv.js";
import { crawlApi, type CrawlApi } from "./crawl-api.js";

// Citation and export through the API, over the fixture pages plus a JSON-lines crawl that names its capture
// times. The fixture facts are hand-checked in test/pages/*/expected.json: xiqing-changweihui is 西青区's
// meeting where 李清 spoke; fucheng-changweihui-2021-03 is 阜城县 (衡水市, 河北省).


const CRAWL = [
  { url: "http://www.example.gov.cn/a/1.html", captured: "2024-11-20T08:00:00Z", text: "11月19日,宁河区委常委会召开会议,区委书记张三主持会议并讲话。会议强调,要抓好招商引资,写明\"引号\",逗号,与换行。" },
  { url: "http://www.example.gov.cn/a/2.html", crawled_at: "2024-11-21 10:00:00Z", text: "11月20日,宁河区政府常务会议召开,区长李四主持会议。会议研究了项目建设工作。" },
];

let api: CrawlApi | undefined;

before(async () => {
  api = await crawlApi(CRAWL, { name: "export", sources: fixtureSources() });
});

after(() => api?.close());

const fetchRaw = (url: string) => api!.app.inject({ method: "GET", url });
const q = (value: string) => encodeURIComponent(value);

async function idOfUrl(url: string): Promise<number> {
  for await (const { id, record } of api!.store.records({})) if (record.source.url === url) return id;
  throw new Error(`not stored: ${url}`);
}

test("a document names its capture time and a permalink key that finds it again", async () => {
  const id = await idOfUrl(CRAWL[0]!.url);
  const document = (await fetchRaw(`/api/documents/${id}`)).json();
  assert.equal(document.record.source.captured, "2024-11-20T08:00:00.000Z");
  assert.match(document.pageKey, /^[0-9a-f]{64}$/);
  const found = await fetchRaw(`/api/permalinks/${document.pageKey}`);
  assert.equal(found.statusCode, 200);
  assert.deepEqual(found.json(), { id });
  const second = (await fetchRaw(`/api/documents/${await idOfUrl(CRAWL[1]!.url)}`)).json();
  assert.equal(second.record.source.captured, "2024-11-21T10:00:00.000Z");
});

test("the permalink route refuses what is no page key, and says when the page is not in this corpus", async () => {
  const bad = await fetchRaw("/api/permalinks/xyz");
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error, /参数|key/);
  const missing = await fetchRaw(`/api/permalinks/${"0".repeat(64)}`);
  assert.equal(missing.statusCode, 404);
  assert.match(missing.json().error, /库中没有这个页面/);
});

test("a search exports as CSV with a BOM, Chinese headers, its text, and fields quoted where they must be", async () => {
  const response = await fetchRaw(`/api/export/search?q=${q("宁河")}`);
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers["content-type"]), /^text\/csv; charset=utf-8/);
  assert.match(String(response.headers["content-disposition"]), /attachment; filename="huiyi-search\.csv"/);
  const body = response.body;
  assert.equal(body.charCodeAt(0), 0xfeff);
  const [header, ...rows] = parseCsv(body.slice(1));
  assert.deepEqual(header!.slice(0, 3), ["编号", "近似重复组", "标题"]);
  const column = (name: string) => header!.indexOf(name);
  assert.equal(rows.length, 2);
  for (const row of rows) assert.equal(row.length, header!.length);
  const first = rows.find((row) => row[column("网址")] === CRAWL[0]!.url)!;
  assert.equal(first[column("采集时间")], "2024-11-20T08:00:00.000Z");
  assert.match(first[column("正文")]!, /写明"引号",逗号,与换行/);
  assert.match(first[column("人物")]!, /张三/);
});

test("the search export takes the view's filters: a region, and a word left out", async () => {
  const xiqing = parseCsv((await fetchRaw(`/api/export/search?region=${q("西青区")}`)).body.slice(1));
  assert.ok(xiqing.length >= 2);
  const jurisdiction = xiqing[0]!.indexOf("地区");
  for (const row of xiqing.slice(1)) assert.equal(row[jurisdiction], "西青区");
  const without = parseCsv((await fetchRaw(`/api/export/search?q=${q("宁河 -项目")}`)).body.slice(1));
  assert.equal(without.length, 2, "the header and the one page without 项目");
  assert.equal(without[1]![without[0]!.indexOf("网址")], CRAWL[0]!.url);
});

test("a search exports as JSON lines, one document and its record a line", async () => {
  const response = await fetchRaw(`/api/export/search?q=${q("宁河")}&format=jsonl`);
  assert.match(String(response.headers["content-type"]), /^application\/x-ndjson/);
  const lines = response.body.trimEnd().split("\n").map((line) => JSON.parse(line));
  assert.equal(lines.length, 2);
  for (const line of lines) {
    assert.equal(typeof line.document, "number");
    assert.match(line.record.text, /宁河区/);
  }
});

test("a person's appearances, a region's meetings, a trend and the ledger export", async () => {
  const [person] = await api!.store.persons("李清");
  assert.ok(person);
  const appearances = parseCsv((await fetchRaw(`/api/export/persons/${person.id}`)).body.slice(1));
  assert.deepEqual(appearances[0], ["文档编号", "日期", "会议", "地区", "职务", "角色"]);
  assert.equal(appearances.length - 1, person.appearances.length);
  assert.ok(appearances.slice(1).some((row) => row[3] === "西青区" && row[5]!.includes("讲话")));

  const region = parseCsv((await fetchRaw(`/api/export/regions/${q("河北省")}`)).body.slice(1));
  assert.ok(region.slice(1).some((row) => row[region[0]!.indexOf("地区")] === "阜城县"));

  const trend = (await fetchRaw(`/api/export/trends?terms=${q("招商引资,项目")}&by=year&format=jsonl`)).body.trimEnd().split("\n").map((line) => JSON.parse(line));
  const series = await api!.store.trends({ terms: ["招商引资", "项目"], by: "year" });
  assert.equal(trend.length, series.reduce((sum, one) => sum + one.points.length, 0));
  assert.ok(trend.some((point) => point.term === "招商引资" && point.period === "2024" && point.documents >= 1));

  const ledger = parseCsv((await fetchRaw("/api/export/directives")).body.slice(1));
  assert.equal(ledger[0]![0], "指示编号");
  assert.equal(ledger.length - 1, (await api!.store.directives({ limit: 1 })).total);
});

test("exports answer bad input with a Chinese 400 or 404", async () => {
  for (const url of ["/api/export/search?format=xlsx", "/api/export/search?from=2020-02-31", "/api/export/trends", "/api/export/trends?terms=" + q(",,"), "/api/export/persons/0"]) {
    const response = await fetchRaw(url);
    assert.equal(response.statusCode, 400, url);
    assert.match(response.json().error, /[\u4e00-\u9fff]/, url);
  }
  const missing = await fetchRaw("/api/export/persons/999999");
  assert.equal(missing.statusCode, 404);
  assert.match(missing.json().error, /没有编号为 999999 的人物/);
});

test("the OpenAPI description lists every export route", async () => {
  const paths = Object.keys((await fetchRaw("/api/openapi.json")).json().paths);
  for (const path of ["/api/export/search", "/api/export/persons/{id}", "/api/export/regions/{name}", "/api/export/trends", "/api/export/directives", "/api/permalinks/{key}"]) assert.ok(paths.includes(path), path);
});
