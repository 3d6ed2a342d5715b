import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { ingest } from "../src/ingest/ingest.js";
import { buildApp } from "../src/serve/app.js";
import { openStore } from "../src/store/open.js";
import type { Store } from "../src/store/store.js";
import { fixtureSources } from "./fixture-pages.js";
import { describePg, freshDatabase, type TestDatabase } from "./pg-helpers.js";
import { tempDir } from "./store-helpers.js";

// `huiyi serve` over PostgreSQL answers as over SQLite: the fixture pages stored in both, the API's reading
// routes give the same answers (search with facets, documents, the page as read, persons, regions, trends,
// the ledger), and a token-guarded follow-up is written and read back alike.

const TOKEN = "test-token-7";

describePg("the API over PostgreSQL", () => {
  let database: TestDatabase;
  const stores: Store[] = [];
  const apps: FastifyInstance[] = [];

  before(async () => {
    database = await freshDatabase("serve");
    for (const target of [join(tempDir(), "serve.db"), database.url]) {
      const store = await openStore(target, { create: true });
      await ingest(store, fixtureSources(), { workers: 0 });
      stores.push(store);
      apps.push(await buildApp({ store, token: TOKEN, webRoot: null }));
    }
  });

  after(async () => {
    for (const app of apps) await app.close();
    for (const store of stores) await store.close();
    await database?.drop();
  });

  const both = async (method: "GET" | "PUT", url: string, payload?: object, token?: string) =>
    Promise.all(
      apps.map(async (app) => {
        const response = await app.inject({ method, url, ...(payload ? { payload } : {}), headers: token ? { authorization: `Bearer ${token}` } : {} });
        return { status: response.statusCode, body: response.json() as unknown };
      }),
    );
  const q = encodeURIComponent;
  // Scores to twelve digits: equal but for the last bits (JavaScript's logarithm and C's may differ there).
  const comparable = (body: unknown) => {
    const { hits } = body as { hits?: { score: number }[] };
    return hits ? { ...(body as object), hits: hits.map((hit) => ({ ...hit, score: Number(hit.score.toPrecision(12)) })) } : body;
  };

  test("the reading routes answer alike on both backends", async () => {
    const [sqliteSearch] = await both("GET", `/api/search?q=${q("会议")}&limit=3`);
    const id = (sqliteSearch!.body as { hits: { id: number }[] }).hits[0]!.id;
    const [sqliteDirectives] = await both("GET", "/api/directives?limit=1");
    const speaker = (sqliteDirectives!.body as { entries: { speaker: string | null }[] }).entries.find((entry) => entry.speaker)?.speaker ?? "李清";
    for (const url of [
      `/api/search?q=${q("招商引資")}&limit=5`,
      `/api/search?q=${q("会议 -招商")}&sort=date&limit=10`,
      `/api/search?q=&region=${q("天津市")}&limit=10`,
      `/api/documents/${id}`,
      `/api/documents/${id}/raw`,
      `/api/persons?name=${q(speaker)}`,
      `/api/regions/${q("天津市")}`,
      `/api/trends?terms=${q("安全生产")},${q("招商引资")}&by=year`,
      "/api/directives?limit=100",
    ]) {
      const [sqlite, postgres] = await both("GET", url);
      assert.equal(sqlite!.status, 200, `${url}: ${JSON.stringify(sqlite!.body)}`);
      assert.deepEqual(comparable(postgres!.body), comparable(sqlite!.body), url);
    }
  });

  test("a follow-up is refused without the token and written with it, alike", async () => {
    const [listed] = await both("GET", "/api/directives?limit=1");
    const target = (listed!.body as { entries: { id: number }[] }).entries[0]!.id;
    const refused = await both("PUT", `/api/directives/${target}`, { status: "落实中", note: "x" });
    assert.deepEqual(refused.map((answer) => answer.status), [401, 401]);
    const [sqlite, postgres] = await both("PUT", `/api/directives/${target}`, { status: "落实中", note: "已电话核实" }, TOKEN);
    assert.equal(sqlite!.status, 200);
    const withoutTime = (body: unknown) => ({ ...(body as object), updated: null });
    assert.deepEqual(withoutTime(postgres!.body), withoutTime(sqlite!.body));
    const [a, b] = await both("GET", `/api/directives?status=${q("落实中")}`);
    assert.deepEqual((b!.body as { entries: { id: number; note: string }[] }).entries.map((e) => [e.id, e.note]), [[target, "已电话核实"]]);
    assert.deepEqual((a!.body as { total: number }).total, 1);
  });
});
