import assert from "node:assert/strict";
import { parseCsv } from "./csv.js";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import Ajv2020 from "ajv/dist/2020.js";
import Database from "better-sqlite3";
import { variedPages } from "../bench/pages.js";
import { pageKey, preparePages } from "../src/ingest/prepare.js";
import { pageFromText, readInputs } from "../src/read/sources.js";
import { MIGRATIONS, migrate } from "../src/store/migrations.js";
import { SqliteStore } from "../src/store/sqlite.js";
import type { Record } from "../src/types.js";
import { fixtureSource } from "./fixture-pages.js";
import { CLI, ROOT, SHARED } from "./paths.js";
import { huiyiRun, summaryOf, tempDir } from "./store-helpers.js";

// The fixture pages and the examples: the examples are also fixture pages, so five pages arrive twice.
const PAGE_INPUTS = [join(ROOT, "test/pages"), join(ROOT, "examples")];

async function distinctPageKeys(inputs: string[]): Promise<Set<string>> {
  const keys = new Set<string>();
  for await (const item of readInputs(inputs)) if ("doc" in item) keys.add(pageKey(item.doc));
  return keys;
}

function tableCounts(file: string) {
  const db = new Database(file, { readonly: true });
  const count = (table: string) => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  const counts = {
    documents: count("documents"),
    appearances: count("appearances"),
    directives: count("directives"),
    removed: count("removed"),
    bands: count("bands"),
    persons: count("persons"),
    search_docsize: count("search_docsize"),
    integrity: db.pragma("integrity_check", { simple: true }),
  };
  db.close();
  return counts;
}

test("ingest stores each page once: the same pages again add nothing", async () => {
  const db = join(tempDir(), "corpus.db");
  const expected = await distinctPageKeys(PAGE_INPUTS);
  const first = huiyiRun(["ingest", ...PAGE_INPUTS, "--db", db]);
  assert.equal(first.status, 0, first.stderr);
  // Not a terminal: progress comes as plain lines on stderr.
  assert.match(first.stderr, /^huiyi ingest: \d+% · \d+ 篇 · \d+ 篇\/秒 · 剩余 /m);
  const firstSummary = summaryOf(first.stdout);
  const read = firstSummary.read;
  assert.equal(read, 18 + 5);
  assert.equal(firstSummary.stored, expected.size);
  assert.equal(firstSummary.known, read - expected.size);
  assert.equal(firstSummary.known, 5, "each example is known once its fixture copy is stored");
  const before = tableCounts(db);
  assert.equal(before.documents, expected.size);
  assert.equal(before.search_docsize, expected.size);
  assert.equal(before.integrity, "ok");

  const again = huiyiRun(["ingest", ...PAGE_INPUTS, "--db", db]);
  assert.equal(again.status, 0, again.stderr);
  assert.deepEqual(summaryOf(again.stdout), { read, stored: 0, known: read, nearDuplicates: 0, failed: 0 });
  assert.deepEqual(tableCounts(db), before);
});

// Its own timeout: the child commits first after 2,048 pages, which takes minutes on a loaded machine.
test("a run killed with kill -9 mid-ingest leaves a database that opens cleanly; the rerun stores every page exactly once", { timeout: 600_000 }, async (t) => {
  const dir = tempDir();
  const input = join(dir, "pages.jsonl");
  const pages = variedPages(ROOT, 7);
  const lines: string[] = [];
  for (let i = 0; i < 3000; i++) lines.push(JSON.stringify({ id: i, url: `https://example.gov.cn/news/${i}.html`, text: pages.next().value }));
  writeFileSync(input, lines.join("\n") + "\n");
  const expected = await distinctPageKeys([input]);
  const db = join(dir, "killed.db");

  const child = spawn(process.execPath, [CLI, "ingest", input, "--db", db], { stdio: "ignore" });
  t.after(() => child.kill("SIGKILL"));
  let finished = false;
  const exited = new Promise((resolve) => child.on("exit", resolve)).then(() => (finished = true));
  let storedWhenKilled = 0;
  // Until the first commit shows (bounded by the test's timeout), or the child is done: the pages after the
  // first commit leave ample time to see it before the run ends.
  while (storedWhenKilled === 0 && !finished) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    try {
      const reader = new Database(db, { readonly: true, fileMustExist: true });
      storedWhenKilled = reader.prepare("SELECT COUNT(*) FROM documents").pluck().get() as number;
      reader.close();
    } catch {
      // not created yet, or the schema is still being written
    }
  }
  child.kill("SIGKILL");
  await exited;
  assert.ok(storedWhenKilled > 0, "the child stored something before it was killed");

  const afterKill = tableCounts(db);
  assert.equal(afterKill.integrity, "ok");
  assert.ok(afterKill.documents < expected.size, `killed mid-run: ${afterKill.documents} of ${expected.size} stored`);
  assert.equal(afterKill.search_docsize, afterKill.documents);

  const rerun = huiyiRun(["ingest", input, "--db", db]);
  assert.equal(rerun.status, 0, rerun.stderr);
  const after = tableCounts(db);
  assert.equal(after.integrity, "ok");
  assert.equal(after.documents, expected.size);
  assert.equal(after.search_docsize, expected.size);
  const check = new Database(db, { readonly: true });
  const keys = new Set(check.prepare("SELECT page_key FROM documents").pluck().all() as string[]);
  check.close();
  assert.deepEqual(keys, expected);
  assert.equal(summaryOf(rerun.stdout).stored, expected.size - afterKill.documents);
});

test("an old database file opens with a newer huiyi: new migrations apply, data stays; a newer file is refused in one line", () => {
  const dir = tempDir();
  const file = join(dir, "old.db");
  const ingested = huiyiRun(["ingest", join(ROOT, "examples"), "--db", file]);
  assert.equal(ingested.status, 0, ingested.stderr);
  const db = new Database(file);
  const newest = MIGRATIONS[MIGRATIONS.length - 1]!.version;
  assert.equal(db.pragma("user_version", { simple: true }), newest);
  const next = { version: newest + 1, sql: "ALTER TABLE documents ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0" };
  assert.equal(migrate(db, [...MIGRATIONS, next]), newest + 1);
  assert.equal(db.prepare("SELECT COUNT(*) FROM documents WHERE reviewed = 0").pluck().get(), 5);
  // Opening again applies nothing twice.
  assert.equal(migrate(db, [...MIGRATIONS, next]), newest + 1);
  db.pragma("user_version = 99");
  db.close();
  const refused = huiyiRun(["search", "会议", "--db", file]);
  assert.equal(refused.status, 1);
  assert.equal(refused.stderr.trim().split("\n").length, 1);
  assert.match(refused.stderr, /版本为 99/);
});

test("export writes every stored record as schema-valid JSONL and as CSV; stats counts what is stored", () => {
  const file = join(tempDir(), "export.db");
  assert.equal(huiyiRun(["ingest", ...PAGE_INPUTS, "--db", file]).status, 0);
  const documents = tableCounts(file).documents;

  const jsonl = huiyiRun(["export", "--db", file]);
  assert.equal(jsonl.status, 0, jsonl.stderr);
  const records = jsonl.stdout.trim().split("\n").map((line) => JSON.parse(line) as Record);
  assert.equal(records.length, documents);
  // The record contract lives in ../shared/spec; without it the corpus test reports the skip.
  const schema = join(SHARED, "spec/record.schema.json");
  if (existsSync(schema)) {
    const validate = new Ajv2020.default({ strict: false }).compile(JSON.parse(readFileSync(schema, "utf8")));
    for (const record of records) assert.ok(validate(record), JSON.stringify(validate.errors));
  }
  // The stored record is the extracted one: same text, same removed lines, same people.
  const extracted = huiyiRun(["extract", fixtureSource("fucheng-changweihui-2021-03")]);
  const original = JSON.parse(extracted.stdout) as Record;
  const stored = records.find((record) => record.source.path?.endsWith("fucheng-changweihui-2021-03/source.txt"))!;
  assert.deepEqual({ ...stored, source: null }, { ...original, source: null });

  const tianjin = huiyiRun(["export", "--db", file, "--format", "csv", "--region", "天津市"]);
  // The CSV now carries each page's text, whose line breaks sit inside quoted fields: read it as CSV, not by line.
  assert.ok(tianjin.stdout.startsWith("\ufeffid,cluster,title"));
  const [header, ...rows] = parseCsv(tianjin.stdout.slice(1));
  assert.ok(rows.length > 1);
  for (const row of rows) {
    assert.equal(row.length, header!.length);
    assert.match(row[header!.indexOf("division")]!, /天津市\//);
    assert.ok(row[header!.indexOf("text")]!.length > 20);
  }

  const stats = JSON.parse(huiyiRun(["stats", "--db", file, "--json"]).stdout);
  assert.equal(stats.documents, documents);
  assert.equal(stats.meetings, records.filter((record) => record.meeting !== null).length);
  assert.equal(stats.appearances, records.reduce((sum, record) => sum + record.people.length, 0));
  assert.ok(stats.clusters < documents, "the example copy of seed 000 shares its cluster");
});

test("commands over a missing database, or given bad options, answer with one line and a failing status", () => {
  const missing = huiyiRun(["search", "会议", "--db", join(tempDir(), "none.db")]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /^huiyi search: 找不到数据库 .*none\.db/);
  assert.equal(missing.stderr.trim().split("\n").length, 1);
  const badDate = huiyiRun(["export", "--from", "2021/01", "--db", join(tempDir(), "x.db")]);
  assert.equal(badDate.status, 2);
  assert.match(badDate.stderr, /--from 需要/);
  const notDb = join(tempDir(), "text.db");
  writeFileSync(notDb, "这不是数据库".repeat(200));
  const wrong = huiyiRun(["stats", "--db", notDb]);
  assert.equal(wrong.status, 1);
  assert.match(wrong.stderr, /不是 SQLite 数据库/);

  const file = join(tempDir(), "partial.db");
  const partial = huiyiRun(["ingest", join(ROOT, "examples"), join(ROOT, "no-such-folder"), "--db", file]);
  assert.equal(partial.status, 1);
  assert.match(partial.stderr, /no-such-folder: 找不到该文件或文件夹/);
  assert.equal(summaryOf(partial.stdout).stored, 5);
});

test("a writer's pages are stored at commit and forgotten when abandoned, people included", async () => {
  const dir = tempDir();
  const store = new SqliteStore(join(dir, "writer.db"), { create: true });
  const window = (names: string[]) => {
    const docs = names.map((name) => pageFromText(readFileSync(fixtureSource(name), "utf8"), fixtureSource(name), null, "text"));
    return preparePages({ docs, keys: docs.map(pageKey) }).pages;
  };
  const writer = store.writer();
  const first = await writer.add(window(["fucheng-changweihui-2021-03"]));
  assert.equal(first.stored, 1);
  await writer.abandon();
  assert.equal((await store.stats()).documents, 0);
  assert.deepEqual(await store.persons("申文霞"), [], "no person survives the abandoned page");

  await writer.add(window(["fucheng-changweihui-2021-03"]));
  await writer.add(window(["gaoling-renda-zhuxituan", "fucheng-changweihui-2021-03"]));
  await writer.commit();
  const stats = await store.stats();
  assert.equal(stats.documents, 2, "a page added twice before the commit is stored once");
  const shen = await store.persons("申文霞");
  assert.equal(shen.length, 1);
  assert.equal(shen[0]!.appearances.length, 1);
  await store.close();
});

test("a file of schema version 1 is brought up to date: its pages are indexed again, its people and appearances kept", async () => {
  const file = join(tempDir(), "v1.db");
  const db = new Database(file);
  migrate(db, MIGRATIONS.filter((step) => step.version === 1));
  // One page as version 1 stored it, with its words in the old full-text index.
  db.prepare(
    `INSERT INTO documents (id, page_key, record_id, title, script, date, meeting, jurisdiction, text, record, added)
     VALUES (1, 'k1', 'r1', '阜城县召开县委常委会', 'simplified', '2021-03-15', '县委常委会会议', '阜城县', ?, x'', '2021-03-16')`,
  ).run("阜城县召开县委常委会\n县委书记申文霞主持会议并讲话,要求全力推进招商引资。");
  db.prepare("INSERT INTO facets (id, cluster, date, region) VALUES (1, 1, '2021-03-15', '/河北省/衡水市/阜城县/')").run();
  db.prepare("INSERT INTO persons (id, name, codes, jurisdiction) VALUES (7, '申文霞', '131128', '阜城县')").run();
  db.prepare("INSERT INTO appearances (document, n, person, name, posts, roles) VALUES (1, 0, 7, '申文霞', '县委书记', '主持、讲话')").run();
  db.prepare("INSERT INTO search (rowid, title, body) VALUES (1, 'x', 'x')").run();
  db.close();

  const store = new SqliteStore(file, { create: false });
  assert.equal(store.schemaVersion, MIGRATIONS.at(-1)!.version);
  const found = await store.search({ query: "招商引资", person: "申文霞" });
  assert.deepEqual(
    found.hits.map((hit) => hit.id),
    [1],
  );
  assert.equal((await store.search({ query: "x" })).total, 0, "nothing of the old index is left");
  const [shen] = await store.persons("申文霞");
  assert.deepEqual(shen!.appearances.map((a) => [a.document, a.posts, a.roles]), [[1, ["县委书记"], ["主持", "讲话"]]]);
  await store.close();
});
