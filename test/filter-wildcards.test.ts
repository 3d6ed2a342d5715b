import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { pageKey, preparePages } from "../src/ingest/prepare.js";
import { SqliteStore } from "../src/store/sqlite.js";
import { meetingPages } from "./meeting-pages.js";
import { tempDir } from "./store-helpers.js";

// A region or kind filter names one whole region or kind: SQL's LIKE wildcards typed into it (region=%)
// are plain characters that no region has, not "anything".

test("LIKE wildcards in region and kind filters match nothing; whole names still match", async () => {
  const store = new SqliteStore(join(tempDir(), "filters.db"), { create: true });
  const docs = meetingPages(30, 5).map((line) => ({ ...(JSON.parse(line) as { url: string; text: string }), path: null, encoding: "utf-8" }));
  const writer = store.writer();
  await writer.add(preparePages({ docs, keys: docs.map(pageKey) }).pages);
  await writer.commit();

  const total = async (filters: { region?: string; kind?: string }) => (await store.search({ query: "", ...filters })).total;
  assert.ok((await total({ region: "西青区" })) > 0, "a district's pages are found by its name");
  assert.ok((await total({ region: "天津市" })) > 0, "and by its city's");
  assert.ok((await total({ kind: "常委会" })) > 0);
  for (const region of ["%", "%%", "_", "西_区", "%青区", "西青%", "\\", "\\%"]) {
    assert.equal(await total({ region }), 0, `region=${region}`);
    assert.equal((await store.directives({ region })).total, 0, `ledger, region=${region}`);
    assert.equal(await store.region(region), null, `region page ${region}`);
  }
  for (const kind of ["%", "_", "常%", "常委_"]) assert.equal(await total({ kind }), 0, `kind=${kind}`);
  assert.ok((await store.region("西青区"))!.documents > 0);
  assert.equal((await store.trends({ terms: ["安全生产"], region: "%", by: "year" }))[0]!.total, 0);
  await store.close();
});
