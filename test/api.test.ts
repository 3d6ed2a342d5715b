import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { FastifyInstance } from "fastify";
import * as OpenCC from "opencc-js";
import { ingest } from "../src/ingest/ingest.js";
import { buildApp } from "../src/serve/app.js";
import { SqliteStore } from "../src/store/sqlite.js";
import type { Record } from "../src/types.js";
import { fixtureSources } from "./fixture-pages.js";
import { CLI } from "./paths.js";
import { huiyiRun, tempDir } from "./store-helpers.js";

// Every route of the API over the fixture pages (test/pages), good input and bad. Expected facts are those of
// the pages' hand-checked expected files: xiqing-changweihui is 西青区's 2021-07-23 meeting where 李清 spoke
// beside 白凤祥 and 齐中波; jinghai-ganbuhuiyi is 静海区 (天津市) in May 2018; fucheng-changweihui-2021-03 is
// 阜城县 (衡水市, 河北省) on 2021-03-15; tianqu-tuijinhui-glossed is glossed throughout.

const TOKEN = "test-token-42";
let dir: string;
let store: SqliteStore | undefined;
let app: FastifyInstance | undefined;
/** Servers started by a test, stopped in after() even when the test failed half-way. */
const children = new Set<ChildProcess>();

before(async () => {
  dir = tempDir();
  store = new SqliteStore(join(dir, "api.db"), { create: true });
  await ingest(store, fixtureSources(), { workers: 0 });
  app = await buildApp({ store, token: TOKEN, webRoot: null });
});

after(async () => {
  for (const child of children) child.kill("SIGKILL");
  await app?.close();
  await store?.close();
});

const get = async (url: string) => {
  const response = await app!.inject({ method: "GET", url });
  return { status: response.statusCode, body: response.json() };
};
const put = async (url: string, payload: unknown, token?: string) => {
  const response = await app!.inject({ method: "PUT", url, payload: payload as object, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.statusCode, body: response.json() };
};
const q = (value: string) => encodeURIComponent(value);

/** Every stored record with its id and cluster, read the way export reads them. */
async function storedRecords(): Promise<{ record: Record; id: number; cluster: number }[]> {
  const all = [];
  for await (const item of store!.records({})) all.push(item);
  return all;
}

test("GET /api/search finds traditional queries, counts facets, pages, and answers bad parameters with 400", async () => {
  const { status, body } = await get(`/api/search?q=${q("招商引資")}&limit=2`);
  assert.equal(status, 200);
  assert.ok(body.total >= 2);
  assert.equal(body.hits.length, 2);
  for (const hit of body.hits) assert.ok(hit.snippet.marks.length > 0 && hit.snippet.text.includes("招商"));
  const { facets } = body;
  assert.equal(facets.years.reduce((sum: number, year: { count: number }) => sum + year.count, 0) <= body.total, true);
  const records = await storedRecords();
  const withTerm = records.filter(({ record }) => record.text.includes("招商引资"));
  const clusters = new Set(withTerm.map(({ cluster }) => cluster));
  assert.equal(body.total, clusters.size, "one hit per cluster of the pages whose text holds the words");

  const second = await get(`/api/search?q=${q("招商引資")}&limit=2&offset=2`);
  assert.ok(second.body.hits.every((hit: { id: number }) => !body.hits.some((first: { id: number }) => first.id === hit.id)));

  // Below a region, the facet lists the next level: 天津市 → its districts.
  const tianjin = await get(`/api/search?region=${q("天津市")}`);
  const districts = tianjin.body.facets.regions.map((region: { value: string }) => region.value);
  assert.ok(districts.includes("西青区") && districts.includes("静海区"), districts.join(","));
  assert.ok(tianjin.body.hits.every((hit: { divisionPath: string[] | null }) => hit.divisionPath?.includes("天津市")));
  // With no words, the newest first.
  const dates = tianjin.body.hits.map((hit: { date: string }) => hit.date);
  assert.deepEqual(dates, [...dates].sort().reverse());

  for (const bad of ["limit=abc", "limit=1000", "offset=-1", "from=2021-13x", `q=${"长".repeat(201)}`, `region=${"长".repeat(41)}`]) {
    const answer = await get(`/api/search?${bad}`);
    assert.equal(answer.status, 400, bad);
    assert.match(answer.body.error, /^参数无效/, bad);
  }
});

test("GET /api/documents/:id gives the record, its removed lines with reasons, people with their ids and copies", async () => {
  const found = await get(`/api/search?q=${q("县委常委会会议")}&region=${q("阜城县")}`);
  const id = found.body.hits.find((hit: { path: string }) => hit.path.endsWith("fucheng-changweihui-2021-03/source.txt")).id;
  const { status, body } = await get(`/api/documents/${id}`);
  assert.equal(status, 200);
  assert.equal(body.record.meeting.date, "2021-03-15");
  assert.equal(body.record.meeting.jurisdiction, "阜城县");
  // The page's boilerplate is among the removed lines, each with a reason.
  const removed = body.record.removed.map((item: { line: string }) => item.line);
  for (const line of ["首页 > 阜城新闻 > 县内要闻", "版权所有:中共阜城县委宣传部 冀ICP备12345678号"]) assert.ok(removed.includes(line), line);
  assert.ok(body.record.removed.every((item: { reason: string }) => item.reason.length > 0));
  const shen = body.people.find((person: { name: string }) => person.name === "申文霞");
  assert.deepEqual(shen.roles, ["主持", "讲话"]);
  assert.equal(typeof shen.id, "number");
  assert.deepEqual(body.copies, []);

  assert.equal((await get("/api/documents/999999")).status, 404);
  assert.equal((await get("/api/documents/abc")).status, 400);
  assert.equal((await get("/api/documents/0")).status, 400);
});

test("GET /api/documents/:id/raw marks the page as read: removed lines with reasons, every gloss dropped", async () => {
  // tianqu-tuijinhui-glossed is a traditional page glossed with pinyin throughout (天衢新区, 2023-04-26).
  const found = await get(`/api/search?q=${q("天衢新区")}&from=2023-04-26&to=2023-04-26`);
  const id = found.body.hits[0].id;
  const [{ body: document }, { status, body: raw }] = await Promise.all([get(`/api/documents/${id}`), get(`/api/documents/${id}/raw`)]);
  assert.equal(status, 200);
  assert.ok(document.record.quality.glosses > 100);
  const glosses = raw.lines.flatMap((line: { text: string; marks: { start: number; end: number; kind: string }[] }) =>
    line.marks.filter((mark) => mark.kind === "gloss").map((mark) => line.text.slice(mark.start, mark.end)),
  );
  assert.equal(glosses.length, document.record.quality.glosses);
  for (const gloss of glosses) assert.match(gloss, /^[(（][a-zA-Zü\u00e0-\u01dc]{1,7}[)）]$/);
  // Every removed line is shown where it stood, with its reason.
  const dropped = raw.lines.filter((line: { removed: string | null }) => line.removed);
  assert.equal(dropped.length + raw.elsewhere.length, document.record.removed.length);
  assert.equal(raw.elsewhere.length, 0, "a text page has no lines set aside before cleaning");
  assert.equal((await get("/api/documents/999999/raw")).status, 404);
});

test("GET /api/persons and /api/persons/:id: namesakes by name, a timeline with posts over time and the people met", async () => {
  const named = await get(`/api/persons?name=${q("李清")}`);
  assert.equal(named.status, 200);
  const liqing = named.body.persons.find((person: { appearances: { date: string }[] }) => person.appearances.some((a) => a.date === "2021-07-23"));
  assert.ok(liqing);
  const { status, body } = await get(`/api/persons/${liqing.id}`);
  assert.equal(status, 200);
  assert.equal(body.name, "李清");
  const post = body.posts.find((held: { post: string }) => held.post.includes("书记"));
  assert.ok(post && post.first <= "2021-07-23" && post.last >= "2021-07-23", JSON.stringify(body.posts));
  const met = body.companions.map((companion: { name: string }) => companion.name);
  for (const name of ["白凤祥", "齐中波"]) assert.ok(met.includes(name), `${name} in ${met.join(",")}`);

  // Without a name, the route is the person index (it was a 400 before there was one).
  const index = await get("/api/persons");
  assert.equal(index.status, 200);
  assert.ok(index.body.total > 0 && index.body.persons.length > 0);
  assert.equal((await get(`/api/persons?name=${"李".repeat(21)}`)).status, 400);
  assert.equal((await get("/api/persons/999999")).status, 404);
});

test("GET /api/regions/:name: meetings per month, the level below, people and directive themes", async () => {
  const { status, body } = await get(`/api/regions/${q("天津市")}`);
  assert.equal(status, 200);
  const children = body.children.map((child: { name: string }) => child.name);
  assert.ok(children.includes("西青区") && children.includes("静海区"), children.join(","));
  const months = body.months.map((month: { month: string }) => month.month);
  assert.ok(months.includes("2021-07") && months.includes("2018-05"), months.join(","));
  assert.deepEqual(months, [...months].sort());
  assert.ok(body.people.some((person: { name: string }) => person.name === "李清"));

  const county = await get(`/api/regions/${q("阜城县")}`);
  assert.deepEqual(county.body.parents, ["河北省", "衡水市"]);

  assert.equal((await get(`/api/regions/${q("火星省")}`)).status, 404);
  assert.equal((await get(`/api/regions/${"长".repeat(41)}`)).status, 400);
});

test("GET /api/trends counts each term's clusters per year, as a scan of the stored texts does", async () => {
  const { status, body } = await get(`/api/trends?terms=${q("高质量发展,招商引资")}&by=year`);
  assert.equal(status, 200);
  assert.deepEqual(
    body.series.map((series: { term: string }) => series.term),
    ["高质量发展", "招商引资"],
  );
  const records = await storedRecords();
  for (const series of body.series) {
    // Each cluster once, at the earliest date of its pages that hold the term.
    const earliest = new Map<number, string>();
    for (const { record, cluster } of records) {
      const date = record.meeting?.date ?? record.published ?? record.source.url_date;
      const seen = earliest.get(cluster);
      if (record.text.includes(series.term) && date && (seen === undefined || date < seen)) earliest.set(cluster, date);
    }
    const expected = new Map<string, number>();
    for (const date of earliest.values()) expected.set(date.slice(0, 4), (expected.get(date.slice(0, 4)) ?? 0) + 1);
    assert.deepEqual(new Map(series.points.map((point: { period: string; documents: number }) => [point.period, point.documents])), expected, series.term);
  }
  for (const bad of ["", "terms=", `terms=${q("一,二,三,四,五,六,七")}`, `terms=x&by=week`, `terms=x&from=yesterday`]) assert.equal((await get(`/api/trends?${bad}`)).status, 400, bad);
});

test("the directive ledger filters by theme and status; a follow-up is written only with the token", async () => {
  const all = await get("/api/directives?limit=100");
  assert.equal(all.status, 200);
  assert.ok(all.body.total > 20);
  assert.ok(all.body.entries.every((entry: { status: string }) => entry.status === "未跟进"));
  const theme = all.body.entries.find((entry: { theme: string | null }) => entry.theme)!.theme;
  const themed = await get(`/api/directives?theme=${q(theme)}&limit=100`);
  assert.ok(themed.body.total > 0 && themed.body.entries.every((entry: { theme: string }) => entry.theme === theme));

  const target = all.body.entries[0];
  const anonymous = await put(`/api/directives/${target.id}`, { status: "落实中", note: "x" });
  assert.equal(anonymous.status, 401);
  assert.equal((await put(`/api/directives/${target.id}`, { status: "落实中" }, "wrong-token")).status, 401);
  assert.equal((await get("/api/directives?status=落实中")).body.total, 0, "nothing written without the token");

  const written = await put(`/api/directives/${target.id}`, { status: "落实中", note: "已电话核实" }, TOKEN);
  assert.equal(written.status, 200);
  assert.equal(written.body.status, "落实中");
  const following = await get(`/api/directives?status=${q("落实中")}`);
  assert.deepEqual(
    following.body.entries.map((entry: { id: number; note: string }) => [entry.id, entry.note]),
    [[target.id, "已电话核实"]],
  );
  assert.equal((await get(`/api/directives?status=${q("未跟进")}&limit=1`)).body.total, all.body.total - 1);

  for (const body of [{ status: "done" }, { note: "没有状态" }, { status: "已落实", note: "长".repeat(2001) }, { status: "已落实", extra: 1 }])
    assert.equal((await put(`/api/directives/${target.id}`, body, TOKEN)).status, 400, JSON.stringify(body));
  assert.equal((await put("/api/directives/999999", { status: "已落实" }, TOKEN)).status, 404);
  assert.equal((await get("/api/directives?status=bad")).status, 400);
});

test("GET /api/stats, the OpenAPI document, unknown routes and the page without a built web app", async () => {
  const stats = await get("/api/stats");
  assert.equal(stats.status, 200);
  assert.equal(stats.body.documents, (await storedRecords()).length);

  const { body: openapi } = await get("/api/openapi.json");
  assert.match(openapi.openapi, /^3\./);
  const paths = Object.keys(openapi.paths).sort();
  assert.deepEqual(paths, ["/api/directives", "/api/directives/{id}", "/api/documents/{id}", "/api/documents/{id}/raw", "/api/export/directives", "/api/export/persons/{id}", "/api/export/regions/{name}", "/api/export/search", "/api/export/trends", "/api/permalinks/{key}", "/api/persons", "/api/persons/{id}", "/api/regions/{name}", "/api/search", "/api/stats", "/api/trends"]);
  assert.deepEqual(openapi.paths["/api/directives/{id}"].put.security, [{ token: [] }]);
  assert.ok(openapi.paths["/api/search"].get.parameters.some((parameter: { name: string }) => parameter.name === "q"));

  const missing = await get("/api/nothing-here");
  assert.equal(missing.status, 404);
  assert.match(missing.body.error, /没有这个接口/);
  const page = await app!.inject({ method: "GET", url: "/" });
  assert.match(page.body, /npm run build:web/);
});

test("static files: the app's files and its page for every address; nothing outside the folder", async () => {
  const web = join(dir, "web");
  mkdirSync(join(web, "assets"), { recursive: true });
  writeFileSync(join(web, "index.html"), "<!doctype html><title>会议</title>");
  writeFileSync(join(web, "assets", "app.js"), "console.log(1)");
  writeFileSync(join(dir, "secret.txt"), "secret");
  const served = await buildApp({ store: store!, token: TOKEN, webRoot: web });
  try {
    assert.equal((await served.inject({ method: "GET", url: "/assets/app.js" })).body, "console.log(1)");
    assert.match((await served.inject({ method: "GET", url: "/person/3" })).body, /<title>会议<\/title>/);
    for (const url of ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt", "/..%5csecret.txt"]) {
      const response = await served.inject({ method: "GET", url });
      assert.ok(!response.body.includes("secret"), url);
    }
  } finally {
    await served.close();
  }
});

test("huiyi serve listens on 127.0.0.1, prints its token, answers over HTTP and stops on SIGTERM", async () => {
  const child = spawn(process.execPath, [CLI, "serve", "--db", join(dir, "api.db"), "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  let out = "";
  const address = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)\/[\s\S]*写入令牌: (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  const token = /写入令牌: (\S+)/.exec(out)![1]!;
  const stats = (await (await fetch(`${address}/api/stats`)).json()) as { documents: number };
  assert.equal(stats.documents, fixtureSources().length);
  const { entries } = (await (await fetch(`${address}/api/directives?limit=1`)).json()) as { entries: { id: number }[] };
  const written = await fetch(`${address}/api/directives/${entries[0]!.id}`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ status: "已落实" }),
  });
  assert.equal(written.status, 200);
  // Chinese sent raw in the address (as curl does) is answered in JSON, not dropped.
  const rawAnswer = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(new URL(address).port), "127.0.0.1", () => socket.end(Buffer.from("GET /api/trends?terms=高质量发展 HTTP/1.1\r\nHost: x\r\n\r\n")));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString()));
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
  });
  assert.match(rawAnswer, /^HTTP\/1\.1 400/);
  assert.match(rawAnswer, /百分号编码/);
  // A second server on the same port says so in one line.
  const second = huiyiRun(["serve", "--db", join(dir, "api.db"), "--port", new URL(address).port]);
  assert.equal(second.status, 1);
  assert.match(second.stderr, /^huiyi serve: 127\.0\.0\.1:\d+ 已被占用,请用 --port 换一个端口\n$/);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  assert.equal(await exited, 0);
  children.delete(child);
});

test("a traditional query and its simplified form give the same hits", async () => {
  const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });
  const simplified = await get(`/api/search?q=${q("经济运行分析会")}`);
  const traditional = await get(`/api/search?q=${q(toTraditional("经济运行分析会"))}`);
  assert.ok(simplified.body.total > 0);
  assert.deepEqual(
    traditional.body.hits.map((hit: { id: number }) => hit.id),
    simplified.body.hits.map((hit: { id: number }) => hit.id),
  );
});
