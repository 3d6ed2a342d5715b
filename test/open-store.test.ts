import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { UserError } from "../src/errors.js";
import { describeTarget, openStore } from "../src/store/open.js";
import { huiyiRun, tempDir } from "./store-helpers.js";

// --db and HUIYI_DB name a corpus: a path is a SQLite file; a PostgreSQL address is refused, in Chinese
// and without its password, until this build has a PostgreSQL backend.

test("a path opens (or makes) a SQLite corpus; a postgres:// or postgresql:// address is a clear error", async () => {
  const file = join(tempDir(), "open.db");
  await assert.rejects(openStore(file, { create: false }), (error) => error instanceof UserError && /找不到数据库/.test(error.message));
  const store = await openStore(file, { create: true });
  assert.equal((await store.stats()).documents, 0);
  await store.close();
  for (const target of ["postgres://huiyi:secret@127.0.0.1:5432/corpus", "postgresql://127.0.0.1/corpus", "POSTGRES://x/y"]) {
    await assert.rejects(openStore(target, { create: true }), (error) => error instanceof UserError && /PostgreSQL/.test(error.message) && !error.message.includes("secret"));
  }
  assert.equal(describeTarget("postgres://huiyi:secret@db.example:5432/corpus"), "postgres://huiyi:***@db.example:5432/corpus");
  assert.equal(describeTarget("corpus/huiyi.db"), "corpus/huiyi.db");
});

test("every corpus command opens its --db through openStore", () => {
  for (const args of [["search", "会议"], ["stats"], ["person", "张三"], ["export"], ["ingest", "-"]]) {
    const run = huiyiRun([...args, "--db", "postgresql://huiyi:secret@127.0.0.1/corpus"]);
    assert.equal(run.status, 1, `${args[0]}: ${run.stderr}`);
    assert.match(run.stderr, new RegExp(`^huiyi ${args[0]}: 本版本的 huiyi 尚不支持 PostgreSQL`), args[0]);
    assert.doesNotMatch(run.stderr, /secret/);
  }
});
