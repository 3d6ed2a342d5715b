import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { after, before, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { ingest } from "../src/ingest/ingest.js";
import { buildApp } from "../src/serve/app.js";
import { SqliteStore } from "../src/store/sqlite.js";
import { fixtureSources } from "./fixture-pages.js";
import { tempDir } from "./store-helpers.js";

// Bad input to the API is answered in Chinese about its real cause: a body that is not JSON, a query longer
// than a request may be, dates the calendar does not have, an unknown sort. And the delivery: responses
// compressed as the client asks, fingerprinted files cached for a year, the page itself never.

const TOKEN = "api-input-token";
let dir: string;
let store: SqliteStore;
let app: FastifyInstance;

before(async () => {
  dir = tempDir();
  store = new SqliteStore(join(dir, "api-input.db"), { create: true });
  await ingest(store, fixtureSources(), { workers: 0 });
  app = await buildApp({ store, token: TOKEN, webRoot: null });
});

after(async () => {
  await app?.close();
  await store?.close();
});

const get = async (url: string) => {
  const response = await app.inject({ method: "GET", url });
  return { status: response.statusCode, body: response.json() as { error?: string; total?: number } };
};
const hasChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);

test("a malformed, empty or non-JSON body is a 400 (or 415) in Chinese, once the token is right", async () => {
  const { entries } = await store.directives({ limit: 1 });
  const url = `/api/directives/${entries[0]!.id}`;
  const send = (payload: string, type = "application/json") =>
    app.inject({ method: "PUT", url, payload, headers: { "content-type": type, authorization: `Bearer ${TOKEN}` } });
  const malformed = await send('{"status": "已落实",');
  assert.equal(malformed.statusCode, 400);
  assert.equal(malformed.json().error, "请求体不是有效的 JSON");
  const empty = await send("");
  assert.equal(empty.statusCode, 400);
  assert.match(empty.json().error, /^请求体为空/);
  const text = await send("status=已落实", "text/csv");
  assert.equal(text.statusCode, 415);
  assert.match(text.json().error, /application\/json/);
  assert.ok(hasChinese(text.json().error));
  // Nothing was written by any of them.
  assert.equal((await store.directives({ status: "已落实" })).total, 0);
});

test("a query too long says so: over the schema's 200 characters, and over what Node reads at all", async () => {
  const long = await get(`/api/search?q=${encodeURIComponent("招商".repeat(101))}`);
  assert.equal(long.status, 400);
  assert.equal(long.body.error, "参数无效:查询过长(q 至多 200 个字)");
  const terms = await get(`/api/trends?terms=${encodeURIComponent("长".repeat(201))}`);
  assert.equal(terms.status, 400);
  assert.match(terms.body.error!, /查询过长/);

  // A request line over 16 KB never reaches a route: Node's parser refuses it, and the answer still names the cause.
  const served = await buildApp({ store, token: TOKEN, webRoot: null });
  try {
    const base = await served.listen({ host: "127.0.0.1", port: 0 });
    const response = await fetch(`${base}/api/search?q=${encodeURIComponent("招商引资".repeat(600))}`);
    assert.equal(response.status, 431);
    const { error } = (await response.json()) as { error: string };
    assert.match(error, /^查询过长/);
    assert.doesNotMatch(error, /百分号编码/);
  } finally {
    await served.close();
  }
});

test("dates are checked against the calendar on every route that takes them, and the range's order", async () => {
  const refused: [string, RegExp][] = [
    ["/api/search?from=2020-13", /from 的日期不存在:"2020-13"\(月份须在 01 到 12 之间\)/],
    ["/api/search?to=2020-02-31", /to 的日期不存在:"2020-02-31"\(2020 年 2 月只有 29 天\)/],
    ["/api/search?from=2021-02-29", /2021 年 2 月只有 28 天/],
    ["/api/search?from=2021-06&to=2021-05-31", /起始日期 2021-06 晚于截止日期 2021-05-31/],
    ["/api/trends?terms=x&from=2020-00", /月份须在 01 到 12 之间/],
    ["/api/directives?to=2019-04-31", /2019 年 4 月只有 30 天/],
  ];
  for (const [url, message] of refused) {
    const { status, body } = await get(url);
    assert.equal(status, 400, url);
    assert.match(body.error!, /^参数无效:/, url);
    assert.match(body.error!, message, url);
  }
  // Real dates pass, a leap day included, and a shorter end covers its whole period.
  for (const url of ["/api/search?from=2020-02-29", "/api/search?from=2021-05-03&to=2021-05", "/api/search?from=2018&to=2021-12-31", "/api/trends?terms=x&from=2020-12"])
    assert.equal((await get(url)).status, 200, url);
});

test("sort takes relevance or date and nothing else; unknown routes and methods answer in Chinese", async () => {
  for (const sort of ["relevance", "date"]) assert.equal((await get(`/api/search?q=${encodeURIComponent("会议")}&sort=${sort}`)).status, 200, sort);
  const bad = await get("/api/search?q=x&sort=newest");
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error, '参数无效:查询参数 sort 只能是 relevance、date 之一,收到 "newest"');
  // The schema's other complaints name the field and the value in Chinese, not the type or the pattern.
  assert.equal((await get("/api/search?limit=abc")).body.error, '参数无效:查询参数 limit 应当是整数,收到 "abc"');
  assert.equal((await get("/api/search?from=yesterday")).body.error, '参数无效:from 需要 YYYY、YYYY-MM 或 YYYY-MM-DD 形式的日期,收到 "yesterday"');
  const post = await app.inject({ method: "POST", url: "/somewhere" });
  assert.equal(post.statusCode, 404);
  assert.equal(post.json().error, "没有这个地址:POST /somewhere");
});

test("JSON answers are compressed with br or gzip as the client asks, and read back the same", async () => {
  const plain = await app.inject({ method: "GET", url: "/api/search?limit=20" });
  assert.equal(plain.headers["content-encoding"], undefined);
  for (const [encoding, decode] of [
    ["br", brotliDecompressSync],
    ["gzip", gunzipSync],
  ] as const) {
    const response = await app.inject({ method: "GET", url: "/api/search?limit=20", headers: { "accept-encoding": encoding } });
    assert.equal(response.headers["content-encoding"], encoding);
    const body = decode(response.rawPayload);
    assert.deepEqual(JSON.parse(body.toString("utf8")), plain.json());
    assert.ok(response.rawPayload.length < body.length / 2, `${encoding}: ${response.rawPayload.length} of ${body.length} bytes`);
  }
});

test("fingerprinted files are cached for a year, the page and other files are checked on every load", async () => {
  const web = join(dir, "web");
  mkdirSync(join(web, "assets"), { recursive: true });
  writeFileSync(join(web, "index.html"), "<!doctype html><title>会议</title>" + "<!-- 页面 -->".repeat(200));
  writeFileSync(join(web, "assets", "index-Bv9I_35z.js"), "console.log('会议');\n".repeat(200));
  writeFileSync(join(web, "assets", "SearchPage-CdHzIUz5.css"), "body { color: red; }\n".repeat(200));
  writeFileSync(join(web, "favicon.svg"), "<svg/>");
  const served = await buildApp({ store, token: TOKEN, webRoot: web });
  try {
    const fetchOf = (url: string) => served.inject({ method: "GET", url, headers: { "accept-encoding": "gzip, br" } });
    for (const url of ["/assets/index-Bv9I_35z.js", "/assets/SearchPage-CdHzIUz5.css"]) {
      const response = await fetchOf(url);
      assert.equal(response.statusCode, 200, url);
      assert.equal(response.headers["cache-control"], "public, max-age=31536000, immutable", url);
      assert.equal(response.headers["content-encoding"], "br", url);
    }
    for (const url of ["/", "/document/3?view=raw", "/index.html", "/favicon.svg"]) {
      const response = await fetchOf(url);
      assert.equal(response.statusCode, 200, url);
      assert.equal(response.headers["cache-control"], "no-cache", url);
    }
    const gone = await fetchOf("/assets/index-OldHash1.js");
    assert.equal(gone.statusCode, 404);
    assert.match(gone.headers["content-type"] as string, /json/);
  } finally {
    await served.close();
  }
});

test("a parameter the API does not declare reaches no store field: the query and the facets stay as asked", async () => {
  const asked = await app.inject({ method: "GET", url: `/api/search?q=${encodeURIComponent("会议")}` });
  const smuggled = await app.inject({ method: "GET", url: `/api/search?q=${encodeURIComponent("会议")}&query=${encodeURIComponent("不存在的词语")}&facets=false&limit=5` });
  assert.equal(smuggled.statusCode, 200);
  const [plain, extra] = [asked.json() as { total: number; facets?: unknown }, smuggled.json() as { total: number; facets?: unknown }];
  assert.ok(plain.total > 0);
  assert.equal(extra.total, plain.total);
  assert.ok(extra.facets, "facets are still counted");
  const directives = await app.inject({ method: "GET", url: "/api/directives?limit=3&offset=0&document=1" });
  assert.equal(directives.statusCode, 200);
});
