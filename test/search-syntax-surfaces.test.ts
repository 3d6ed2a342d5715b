import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { ingest } from "../src/ingest/ingest.js";
import { buildApp } from "../src/serve/app.js";
import { openStore } from "../src/store/open.js";
import type { Store } from "../src/store/store.js";
import { fixtureSources } from "./fixture-pages.js";
import { huiyiRun, tempDir } from "./store-helpers.js";

// The query language and sort where users meet them: `huiyi search` (a -word is a query word, not an
// option) and GET /api/search (sort validated, 400 in Chinese).

let file: string;
let store: Store;
let app: FastifyInstance;

before(async () => {
  file = join(tempDir(), "surfaces.db");
  store = await openStore(file, { create: true });
  await ingest(store, fixtureSources(), { workers: 0 });
  app = await buildApp({ store, token: "t", webRoot: null });
});

after(async () => {
  await app?.close();
  await store?.close();
});

const get = async (url: string) => {
  const response = await app.inject({ method: "GET", url });
  return { status: response.statusCode, body: response.json() };
};

test("huiyi search takes -word as an exclusion among the words, and --sort relevance|date", async () => {
  const ids = (stdout: string) => (JSON.parse(stdout) as { hits: { id: number }[] }).hits.map((hit) => hit.id).sort((a, b) => a - b);
  const both = huiyiRun(["search", "会议", "--db", file, "--json", "--limit", "100"]);
  const without = huiyiRun(["search", "会议", "-招商", "--db", file, "--json", "--limit", "100"]);
  assert.equal(without.status, 0, without.stderr);
  const expected = (await store.search({ query: "会议 -招商", limit: 100 })).hits.map((hit) => hit.id).sort((a, b) => a - b);
  assert.deepEqual(ids(without.stdout), expected);
  assert.ok(ids(without.stdout).length < ids(both.stdout).length);
  const dated = huiyiRun(["search", "会议", "--sort", "date", "--db", file, "--json", "--limit", "100"]);
  const dates = (JSON.parse(dated.stdout) as { hits: { date: string | null }[] }).hits.map((hit) => hit.date).filter((date) => date !== null);
  assert.deepEqual(dates, [...dates].sort().reverse());
  const bad = huiyiRun(["search", "会议", "--sort", "newest", "--db", file]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--sort 只能是 relevance/);
  const help = huiyiRun(["search", "--help"]);
  assert.match(help.stdout, /招商 -引资/);
  assert.match(help.stdout, /OR/);
});

test("GET /api/search takes sort=date|relevance and answers another value with a 400 in Chinese", async () => {
  const byDate = await get(`/api/search?q=${encodeURIComponent("会议")}&sort=date&limit=50`);
  assert.equal(byDate.status, 200);
  const dates = (byDate.body.hits as { date: string | null }[]).map((hit) => hit.date).filter((date) => date !== null);
  assert.ok(dates.length > 1);
  assert.deepEqual(dates, [...dates].sort().reverse());
  const relevance = await get(`/api/search?q=${encodeURIComponent("会议")}&sort=relevance&limit=50`);
  assert.equal(relevance.status, 200);
  assert.equal(relevance.body.total, byDate.body.total);
  const bad = await get(`/api/search?q=x&sort=newest`);
  assert.equal(bad.status, 400);
  assert.match(bad.body.error, /^参数无效:查询参数 sort .*[\u4e00-\u9fff]/);
  const spec = (await get("/api/openapi.json")).body as { paths: { [path: string]: { get: { parameters: { name: string; description?: string }[] } } } };
  const q = spec.paths["/api/search"]!.get.parameters.find((parameter) => parameter.name === "q")!;
  assert.match(q.description!, /OR/);
  assert.match(q.description!, /-引资/);
});
