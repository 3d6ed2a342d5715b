import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { ingest } from "../src/ingest/ingest.js";
import { buildApp } from "../src/serve/app.js";
import { SqliteStore } from "../src/store/sqlite.js";
import { fixtureSource } from "./fixture-pages.js";
import { repostOfSeed, SEED } from "./reposts.js";
import { tempDir } from "./store-helpers.js";

// The API gives one count everywhere: the 西青 report and its repost on another site are one document in
// search, on 西青区's page, among its people, on its people's pages and in a trend, whose points and undated
// documents add up to its total.

let store: SqliteStore | undefined;
let app: FastifyInstance | undefined;

before(async () => {
  const dir = tempDir();
  const repost = join(dir, "repost.txt");
  writeFileSync(repost, repostOfSeed());
  store = new SqliteStore(join(dir, "counts.db"), { create: true });
  await ingest(store, [fixtureSource(SEED), repost, fixtureSource("fucheng-changweihui-2021-03")], { workers: 0 });
  app = await buildApp({ store, token: "t", webRoot: null });
});

after(async () => {
  await app?.close();
  await store?.close();
});

const get = async (url: string) => {
  const response = await app!.inject({ method: "GET", url });
  return { status: response.statusCode, body: response.json() };
};
const q = encodeURIComponent;

test("a report and its repost are one document in search and on the region's page, with the same count", async () => {
  const search = await get(`/api/search?region=${q("西青区")}`);
  assert.equal(search.status, 200);
  assert.equal(search.body.total, 1);
  assert.equal(search.body.hits[0].copies.length, 1, "the repost is listed as a copy, not counted");
  const region = await get(`/api/regions/${q("西青区")}`);
  assert.equal(region.status, 200);
  assert.equal(region.body.documents, search.body.total);
  assert.equal(region.body.undated + region.body.months.reduce((sum: number, m: { documents: number }) => sum + m.documents, 0), region.body.documents);
  assert.ok(!region.body.children.some((child: { name: string }) => child.name === "西青区"));
  assert.ok(region.body.parents.includes("天津市"), "the way up reaches the province-level city");
  for (const person of region.body.people) assert.equal(person.documents, 1, `${person.name} is on one report, not two`);
});

test("a person on the reposted report appears once, the repost listed with the appearance", async () => {
  const region = await get(`/api/regions/${q("西青区")}`);
  const someone = region.body.people[0];
  assert.ok(someone, "the region has people");
  const person = await get(`/api/persons/${someone.id}`);
  assert.equal(person.status, 200);
  assert.equal(person.body.appearances.length, 1);
  assert.equal(person.body.appearances[0].reposts.length, 1);
});

test("a trend's points and undated documents add up to its total, the repost counted once", async () => {
  const { status, body } = await get(`/api/trends?terms=${q("常委会")}&by=year`);
  assert.equal(status, 200);
  const [series] = body.series;
  assert.equal(series.total, 2, "西青 (with its repost) and 阜城");
  assert.equal(series.points.reduce((sum: number, p: { documents: number }) => sum + p.documents, 0) + series.undated, series.total);
});
