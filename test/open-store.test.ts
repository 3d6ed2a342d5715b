import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { UserError } from "../src/errors.js";
import { describeTarget, openStore } from "../src/store/open.js";
import { huiyiRun, tempDir } from "./store-helpers.js";

// --db and HUIYI_DB name a corpus: a path is a SQLite file; a postgres:// or postgresql:// address is a
// PostgreSQL database (test/conformance-pg.test.ts opens real ones). Here, with no server at the address
// (port 1 on 127.0.0.1, where nothing listens), the command says so in one Chinese line without the password.

const NOWHERE = ["postgres://huiyi:secret@127.0.0.1:1/corpus", "postgresql://127.0.0.1:1/corpus", "POSTGRES://huiyi:secret@127.0.0.1:1/y"];

test("a path opens (or makes) a SQLite corpus; a postgres:// or postgresql:// address with no server is a clear error", async () => {
  const file = join(tempDir(), "open.db");
  await assert.rejects(openStore(file, { create: false }), (error) => error instanceof UserError && /找不到数据库/.test(error.message));
  const store = await openStore(file, { create: true });
  assert.equal((await store.stats()).documents, 0);
  await store.close();
  for (const target of NOWHERE) {
    await assert.rejects(openStore(target, { create: true }), (error) => error instanceof UserError && /无法连接 PostgreSQL .*127\.0\.0\.1:1\//.test(error.message) && !error.message.includes("secret"));
  }
  assert.equal(describeTarget("postgres://huiyi:secret@db.example:5432/corpus"), "postgres://huiyi:***@db.example:5432/corpus");
  assert.equal(describeTarget("corpus/huiyi.db"), "corpus/huiyi.db");
});

test("every corpus command opens its --db through openStore", () => {
  for (const args of [["search", "会议"], ["stats"], ["person", "张三"], ["export"], ["ingest", "-"]]) {
    const run = huiyiRun([...args, "--db", NOWHERE[0]!]);
    assert.equal(run.status, 1, `${args[0]}: ${run.stderr}`);
    assert.match(run.stderr, new RegExp(`^huiyi ${args[0]}: 无法连接 PostgreSQL huiyi@127\\.0\\.0\\.1:1/corpus`), args[0]);
    assert.doesNotMatch(run.stderr, /secret/);
  }
});
