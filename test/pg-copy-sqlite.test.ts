import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { ingest } from "../src/ingest/ingest.js";
import { openStore } from "../src/store/open.js";
import { fixtureSources } from "./fixture-pages.js";
import { huiyiRun, tempDir } from "./store-helpers.js";

// `huiyi copy` between two SQLite files (no server needed): the copy's check at the end refuses a target that
// held other pages before (the copy is then not the source's), and a missing source is named.

test("copy SQLite → SQLite, then a resumed copy into a target that held other pages fails its check", async () => {
  const dir = tempDir();
  const [source, copy, other] = ["source.db", "copy.db", "other.db"].map((name) => join(dir, name)) as [string, string, string];
  const pages = fixtureSources();
  for (const [target, chosen] of [
    [source, pages],
    [other, pages.slice(-2)],
  ] as const) {
    const store = await openStore(target, { create: true });
    await ingest(store, chosen, { workers: 0 });
    await store.close();
  }

  const run = huiyiRun(["copy", "--from", source, "--to", copy, "--batch", "5"]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, new RegExp(`文档 ${pages.length} 篇:新写入 ${pages.length} 篇`));

  // The other corpus holds two of the pages, stored first: the pages then stand in another order.
  const mixed = huiyiRun(["copy", "--from", source, "--to", other, "--resume"]);
  assert.equal(mixed.status, 1);
  assert.match(mixed.stderr, /不是源文档/);

  const missing = huiyiRun(["copy", "--from", join(dir, "none.db"), "--to", join(dir, "x.db")]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /找不到数据库/);
});
