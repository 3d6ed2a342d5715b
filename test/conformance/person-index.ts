import assert from "node:assert/strict";
import { describe, test, type TestContext } from "node:test";
import { ingest } from "../../src/ingest/ingest.js";
import { CITY_SECRETARY_AT_COUNTY_MEETING, COUNTY_HEAD_2022, COUNTY_HEAD_2023, CITY_SECRETARY_VISITING } from "../person-pages.js";
import { tempDir } from "../store-helpers.js";
import { writePage } from "../written-pages.js";
import { freshStore, type Backend } from "./backend.js";

// The person index, namesakes and the person facet on every backend: two people of one name are two entries,
// each placed by their post, each linking the other; a facet counts them apart and filters by id; a trend's
// share divides by all the period's documents.

/** A fresh store of the backend holding the given pages (file name, text), closed when the test ends. */
async function storeWith(backend: Backend, t: TestContext, pages: [string, string][]) {
  const dir = tempDir();
  const { store } = await freshStore(backend);
  t.after(() => store.close());
  await ingest(store, pages.map(([name, text]) => writePage(dir, name, text)), { workers: 0 });
  return store;
}

export function personIndex(backend: Backend): void {
  describe(`${backend.name}: person index`, () => {
    test("two officials of one name are listed apart, each placed by their post, each the other's namesake", async (t) => {
      const store = await storeWith(backend, t, [["a.txt", CITY_SECRETARY_VISITING], ["b.txt", COUNTY_HEAD_2023], ["c.txt", COUNTY_HEAD_2022]]);

      const found = await store.personIndex("建平", 10, 0);
      assert.equal(found.total, 2);
      // Most documents first: the county head (two reports) before the city secretary (one).
      const [head, secretary] = found.persons;
      assert.deepEqual(
        found.persons.map((p) => [p.name, p.place?.name, p.place?.by, p.documents, p.first, p.last]),
        [
          ["王建平", "惠东县", "职务", 2, "2022-04-01", "2023-06-20"],
          // Seen only at a meeting in 枣强县, but his post is the city's.
          ["王建平", "衡水市", "职务", 1, "2023-03-10", "2023-03-10"],
        ],
      );
      assert.deepEqual(head!.posts, ["县委副书记", "县长"]);
      assert.deepEqual(secretary!.posts, ["衡水市委书记"]);

      // The whole index pages; a string no name holds finds nobody; a LIKE wildcard is a character, not "anything".
      const everyone = await store.personIndex("", 2, 0);
      assert.ok(everyone.total >= 4 && everyone.persons.length === 2);
      assert.deepEqual((await store.personIndex("", 2, everyone.total)).persons, []);
      assert.equal((await store.personIndex("%", 10, 0)).total, 0);
      assert.equal((await store.personIndex("张三丰", 10, 0)).total, 0);

      const page = await store.person(secretary!.id);
      assert.equal(page?.place?.name, "衡水市");
      assert.equal(page?.namesakesTotal, 1);
      assert.deepEqual(page?.namesakes.map((n) => [n.id, n.place?.name, n.posts]), [[head!.id, "惠东县", ["县委副书记", "县长"]]]);
      assert.deepEqual((await store.person(head!.id))?.namesakes.map((n) => n.id), [secretary!.id]);
    });

    test("the person facet counts namesakes apart, with ids, and a search filters by one person's id", async (t) => {
      const store = await storeWith(backend, t, [["a.txt", CITY_SECRETARY_VISITING], ["b.txt", COUNTY_HEAD_2023], ["c.txt", COUNTY_HEAD_2022]]);
      const all = await store.search({ query: "", limit: 10, offset: 0, sort: "relevance", facets: true });
      const wang = all.facets!.persons.filter((facet) => facet.value === "王建平");
      assert.deepEqual(wang.map((facet) => facet.count).sort(), [1, 2]);
      assert.notEqual(wang[0]!.id, wang[1]!.id);
      const head = wang.find((facet) => facet.count === 2)!;
      const byId = await store.search({ query: "", limit: 10, offset: 0, sort: "relevance", personId: head.id! });
      assert.equal(byId.total, 2);
      assert.ok(byId.hits.every((hit) => hit.title?.startsWith("惠东县")));
      // By name, both people's pages.
      assert.equal((await store.search({ query: "", limit: 10, offset: 0, sort: "relevance", person: "王建平" })).total, 3);
    });

    test("a city's secretary at a county's meeting is among the city's people, not the county's", async (t) => {
      const store = await storeWith(backend, t, [["v.txt", CITY_SECRETARY_AT_COUNTY_MEETING], ["b.txt", COUNTY_HEAD_2023]]);
      const names = async (region: string) => (await store.region(region))?.people.map((person) => person.name).sort();
      // 刘海涛 is the county's secretary: the county's, and (the county being in it) the city's too.
      assert.deepEqual(await names("枣强县"), ["刘海涛"]);
      assert.deepEqual(await names("衡水市"), ["刘海涛", "王建平"]);
      // 惠东县's county head of the same name is 惠东县's.
      assert.ok((await names("惠东县"))?.includes("王建平"));
    });

    test("a trend gives each period's share of all that period's documents", async (t) => {
      const store = await storeWith(backend, t, [["a.txt", CITY_SECRETARY_VISITING], ["b.txt", COUNTY_HEAD_2023], ["c.txt", COUNTY_HEAD_2022]]);
      const [series] = await store.trends({ terms: ["防汛"], by: "year" });
      // 2022: its one document; 2023: one of two (the 枣强 page does not name it).
      assert.deepEqual(series!.points, [
        { period: "2022", documents: 1, all: 1, share: 1 },
        { period: "2023", documents: 1, all: 2, share: 0.5 },
      ]);
      const [none] = await store.trends({ terms: ["粮食安全"], by: "month" });
      assert.deepEqual(none!.points, [{ period: "2023-03", documents: 1, all: 1, share: 1 }]);
    });
  });
}
