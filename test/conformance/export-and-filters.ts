import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { pageKey, preparePages } from "../../src/ingest/prepare.js";
import type { Filters, Store } from "../../src/store/store.js";
import { meetingPages } from "../meeting-pages.js";
import { freshStore, type Backend } from "./backend.js";

// Export (records()) and the filters every listing shares, on every backend: records come in the order
// stored, all of them however many, and a filter names one whole region, person or kind — LIKE wildcards
// typed into it (region=%) are plain characters that no region has, not "anything".

export function exportAndFilters(backend: Backend): void {
  describe(`${backend.name}: export and filters`, () => {
    let store: Store;
    before(async () => {
      store = (await freshStore(backend)).store;
      const docs = meetingPages(1200, 5).map((line) => ({ ...(JSON.parse(line) as { url: string; text: string }), path: null, encoding: "utf-8" }));
      const writer = store.writer();
      for (let start = 0; start < docs.length; start += 100) await writer.add(preparePages({ docs: docs.slice(start, start + 100), keys: docs.slice(start, start + 100).map(pageKey) }).pages);
      await writer.commit();
    });
    after(() => store?.close());

    const exported = async (filters: Filters) => {
      const all = [];
      for await (const item of store.records(filters)) all.push(item);
      return all;
    };

    test("records() gives every stored record once, in the order stored, with its cluster", async () => {
      const all = await exported({});
      assert.equal(all.length, (await store.stats()).documents);
      assert.ok(all.length > 1000, "more records than one read of the backend gives");
      assert.deepEqual(all.map((item) => item.id), [...all.map((item) => item.id)].sort((a, b) => a - b));
      assert.equal(new Set(all.map((item) => item.id)).size, all.length);
      const some = all[Math.floor(all.length / 2)]!;
      const document = await store.document(some.id);
      assert.deepEqual(document!.record, some.record);
      assert.equal(document!.cluster, some.cluster);
    });

    test("filters narrow export, search and the ledger alike: region, person, kind, from and to", async () => {
      const all = await exported({});
      const region = all.find((item) => item.record.meeting?.division?.path.length === 3)!.record.meeting!.division!.path;
      const person = all.find((item) => item.record.people.length)!.record.people[0]!.name;
      // A kind some pages have and others not (the made-up meetings are all 常委会).
      const kinds = all.flatMap((item) => item.record.meeting?.kinds ?? []);
      const kind = kinds.find((k) => all.some((item) => !item.record.meeting?.kinds?.includes(k)));
      const dated = all.filter((item) => item.record.meeting?.date).map((item) => item.record.meeting!.date!).sort();
      const month = dated[Math.floor(dated.length / 2)]!.slice(0, 7);
      const cases: [Filters, (record: (typeof all)[number]["record"]) => boolean][] = [
        [{ region: region[1]! }, (r) => r.meeting?.division?.path.includes(region[1]!) === true || r.meeting?.jurisdiction === region[1]],
        [{ region: region[2]! }, (r) => r.meeting?.division?.path.includes(region[2]!) === true || r.meeting?.jurisdiction === region[2]],
        [{ person }, (r) => r.people.some((p) => p.name === person)],
        [{ from: month, to: month }, (r) => (r.meeting?.date ?? r.published ?? r.source.url_date ?? "").startsWith(month)],
      ];
      if (kind) cases.push([{ kind }, (r) => r.meeting?.kinds?.includes(kind) === true]);
      else assert.equal((await exported({ kind: kinds[0]! })).length, all.length, "every page has the one kind");
      for (const [filters, holds] of cases) {
        const expected = all.filter((item) => holds(item.record)).map((item) => item.id);
        assert.ok(expected.length > 0 && expected.length < all.length, JSON.stringify(filters));
        assert.deepEqual((await exported(filters)).map((item) => item.id), expected, JSON.stringify(filters));
        const clusters = new Set(all.filter((item) => holds(item.record)).map((item) => item.cluster));
        assert.equal((await store.search({ query: "", ...filters })).total, clusters.size, JSON.stringify(filters));
      }
    });

    test("LIKE wildcards in region and kind filters match nothing; whole names still match", async () => {
      const total = async (filters: { region?: string; kind?: string }) => (await store.search({ query: "", ...filters })).total;
      const region = (await exported({})).find((item) => item.record.meeting?.division)!.record.meeting!.division!.path.at(-1)!;
      assert.ok((await total({ region })) > 0, "a district's pages are found by its name");
      for (const wildcard of ["%", "%%", "_", `${region.slice(0, 1)}_${region.slice(2)}`, `%${region.slice(1)}`, `${region.slice(0, -1)}%`, "\\", "\\%"]) {
        assert.equal(await total({ region: wildcard }), 0, `region=${wildcard}`);
        assert.equal((await store.directives({ region: wildcard })).total, 0, `ledger, region=${wildcard}`);
        assert.equal(await store.region(wildcard), null, `region page ${wildcard}`);
        assert.equal((await exported({ region: wildcard })).length, 0, `export, region=${wildcard}`);
      }
      assert.ok((await total({ kind: "常委会" })) > 0);
      for (const kind of ["%", "_", "常%", "常委_"]) assert.equal(await total({ kind }), 0, `kind=${kind}`);
      assert.ok((await store.region(region))!.documents > 0);
      assert.equal((await store.trends({ terms: ["安全生产"], region: "%", by: "year" }))[0]!.total, 0);
    });
  });
}
