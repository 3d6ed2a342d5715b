import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { pageKey, preparePages } from "../../src/ingest/prepare.js";
import type { Store } from "../../src/store/store.js";
import type { RawDoc } from "../../src/types.js";
import { freshStore, type Backend } from "./backend.js";

// What a citation needs of every backend: the capture time kept with the record, and a permalink (the page
// key) that finds the same page again, in a new corpus too when the same page is ingested there.

const PAGES: RawDoc[] = [
  { path: null, url: "http://www.example.gov.cn/c/1.html", text: "11月19日,宁河区委常委会召开会议,区委书记张三主持会议。", encoding: "utf-8", captured: "2024-11-20T08:00:00.000Z" },
  { path: null, url: "http://www.example.gov.cn/c/2.html", text: "11月20日,宁河区政府常务会议召开,区长李四主持会议。", encoding: "utf-8" },
];

async function stored(store: Store, docs: RawDoc[]): Promise<void> {
  const writer = store.writer();
  await writer.add(preparePages({ docs, keys: docs.map(pageKey) }).pages);
  await writer.commit();
}

export function citation(backend: Backend): void {
  describe(`${backend.name}: citation`, () => {
    let store: Store;
    before(async () => {
      store = (await freshStore(backend)).store;
      await stored(store, PAGES);
    });
    after(() => store?.close());

    const idOf = async (store: Store, url: string) => {
      for await (const { id, record } of store.records({})) if (record.source.url === url) return id;
      throw new Error(`not stored: ${url}`);
    };

    test("the capture time is kept with the record; a page without one has none", async () => {
      const first = await store.document(await idOf(store, PAGES[0]!.url!));
      assert.equal(first!.record.source.captured, "2024-11-20T08:00:00.000Z");
      const second = await store.document(await idOf(store, PAGES[1]!.url!));
      assert.equal(second!.record.source.captured ?? null, null);
    });

    test("a page's key finds it, and is the same when the page is ingested into another corpus in another order", async () => {
      const id = await idOf(store, PAGES[0]!.url!);
      const key = (await store.document(id))!.pageKey!;
      assert.equal(key, pageKey(PAGES[0]!));
      assert.equal(await store.documentByPageKey(key), id);
      assert.equal(await store.documentByPageKey("0".repeat(64)), null);
      const other = (await freshStore(backend)).store;
      try {
        await stored(other, [...PAGES].reverse());
        const there = await other.documentByPageKey(key);
        assert.ok(there !== null);
        assert.equal((await other.document(there))!.record.source.url, PAGES[0]!.url);
      } finally {
        await other.close();
      }
    });
  });
}
