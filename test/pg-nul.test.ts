import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { pageKey, preparePages } from "../src/ingest/prepare.js";
import { openStore } from "../src/store/open.js";
import type { Store } from "../src/store/store.js";
import { describePg, freshDatabase, type TestDatabase } from "./pg-helpers.js";

// A NUL character survives cleaning; PostgreSQL's text cannot hold it. A batch with such a page is stored
// whole (the NUL kept as U+FFFD), and a filter carrying one is answered, not refused.

describePg("a NUL character on PostgreSQL", () => {
  let database: TestDatabase;
  let store: Store;
  before(async () => {
    database = await freshDatabase("nul");
    store = await openStore(database.url, { create: true });
  });
  after(async () => {
    await store?.close();
    await database?.drop();
  });

  test("a page with NUL in its title and text is stored with its batch, found, and read back with U+FFFD", async () => {
    const docs = [
      { path: null, url: "http://example.gov.cn/a.html", text: "西青区召开区委常委会会议\u0000\n2021年3月5日，区委书记张建国主持召开区委常委会会议。\u0000会议强调，要抓好安全生产工作。", encoding: "utf-8" },
      { path: null, url: "http://example.gov.cn/b.html", text: "海淀区召开区委常委会会议\n2021年3月6日，区委书记李明远主持召开区委常委会会议。会议强调，要做好防汛准备。", encoding: "utf-8" },
    ];
    const { pages } = preparePages({ docs, keys: docs.map(pageKey) });
    assert.equal(pages.length, 2);
    assert.ok(pages[0]!.record.text.includes("\u0000"), "cleaning lets the NUL through: the case this guards");
    const writer = store.writer();
    const added = await writer.add(pages);
    await writer.commit();
    assert.equal(added.stored, 2);
    const { hits } = await store.search({ query: "安全生产" });
    assert.deepEqual(hits.map((hit) => hit.url), ["http://example.gov.cn/a.html"]);
    const document = await store.document(hits[0]!.id);
    assert.ok(document!.record.text.includes("\ufffd") && !document!.record.text.includes("\u0000"));
    const filtered = await store.search({ query: "会议", region: "西青\u0000区" });
    assert.equal(filtered.total, 0);
  });
});
