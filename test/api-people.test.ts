import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { ingest } from "../src/ingest/ingest.js";
import { buildApp } from "../src/serve/app.js";
import { SqliteStore } from "../src/store/sqlite.js";
import { COUNTY_HEAD_2022, COUNTY_HEAD_2023, CITY_SECRETARY_VISITING } from "./person-pages.js";
import { tempDir } from "./store-helpers.js";
import { writePage } from "./written-pages.js";

// The person index, namesakes, person ids in facets and the trend's share over HTTP, good input and bad, on the
// three written pages of two officials named 王建平 (test/person-pages.ts).

let store: SqliteStore | undefined;
let app: FastifyInstance | undefined;

before(async () => {
  const dir = tempDir();
  store = new SqliteStore(join(dir, "people.db"), { create: true });
  const pages = [CITY_SECRETARY_VISITING, COUNTY_HEAD_2023, COUNTY_HEAD_2022].map((text, i) => writePage(dir, `${i}.txt`, text));
  await ingest(store, pages, { workers: 0 });
  app = await buildApp({ store, token: "people-token", webRoot: null });
});

after(async () => {
  await app?.close();
  await store?.close();
});

const get = async (url: string) => {
  const response = await app!.inject({ method: "GET", url });
  return { status: response.statusCode, body: response.json() };
};
const q = (value: string) => encodeURIComponent(value);

test("GET /api/persons?q= lists namesakes apart, placed by their posts; pages; refuses bad paging", async () => {
  const { status, body } = await get(`/api/persons?q=${q("王建平")}`);
  assert.equal(status, 200);
  assert.equal(body.total, 2);
  assert.deepEqual(
    body.persons.map((p: { place: { name: string }; documents: number }) => [p.place.name, p.documents]),
    [
      ["惠东县", 2],
      ["衡水市", 1],
    ],
  );
  const second = await get(`/api/persons?q=${q("王建平")}&limit=1&offset=1`);
  assert.equal(second.body.persons.length, 1);
  assert.equal(second.body.persons[0].place.name, "衡水市");
  for (const bad of ["limit=0", "limit=101", "offset=-1", "limit=abc", `q=${"王".repeat(21)}`]) {
    const answer = await get(`/api/persons?${bad}`);
    assert.equal(answer.status, 400, bad);
    assert.match(answer.body.error, /[\u4e00-\u9fff]/, bad);
  }
});

test("GET /api/persons/:id links the namesake with their place, posts and years", async () => {
  const index = await get(`/api/persons?q=${q("王建平")}`);
  const [head, secretary] = index.body.persons;
  const { status, body } = await get(`/api/persons/${secretary.id}`);
  assert.equal(status, 200);
  assert.equal(body.place.name, "衡水市");
  assert.equal(body.place.by, "职务");
  assert.deepEqual(body.namesakes.map((n: { id: number; posts: string[]; first: string }) => [n.id, n.posts, n.first]), [[head.id, ["县委副书记", "县长"], "2022-04-01"]]);
});

test("GET /api/search: person facets carry ids; personId filters one person's pages; a bad id is a 400", async () => {
  const all = await get("/api/search");
  const wang = all.body.facets.persons.filter((facet: { value: string }) => facet.value === "王建平");
  assert.equal(wang.length, 2);
  const head = wang.find((facet: { count: number }) => facet.count === 2);
  const filtered = await get(`/api/search?personId=${head.id}`);
  assert.equal(filtered.status, 200);
  assert.equal(filtered.body.total, 2);
  for (const bad of ["personId=0", "personId=x", "personId=1.5"]) assert.equal((await get(`/api/search?${bad}`)).status, 400, bad);
});

test("GET /api/trends gives each period's documents, all documents and their share", async () => {
  const { status, body } = await get(`/api/trends?terms=${q("防汛")}&by=year`);
  assert.equal(status, 200);
  assert.deepEqual(body.series[0].points, [
    { period: "2022", documents: 1, all: 1, share: 1 },
    { period: "2023", documents: 1, all: 2, share: 0.5 },
  ]);
});
