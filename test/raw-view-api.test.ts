import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import Database from "better-sqlite3";
import { after, before, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { ingest } from "../src/ingest/ingest.js";
import { buildApp } from "../src/serve/app.js";
import type { RawView } from "../src/serve/raw-types.js";
import { rawViewOf } from "../src/serve/raw-view.js";
import { SqliteStore } from "../src/store/sqlite.js";
import type { Record } from "../src/types.js";
import { EXAMPLES, linesOf } from "./examples.js";
import { tempDir } from "./store-helpers.js";

// The raw view (/api/documents/:id/raw) of every sample page, and of a page whose text keeps a run of
// '???': each removed line is marked on its own line with its reason, nothing kept is called removed.

const KEPT_DAMAGE = [
  "区委常委会召开",
  "7月23日，区委书记???主持召开区委常委会（扩大）会议，传达学习市委全会精神，研究部署下半年工作。",
  "发布时间：2021-07-26 来源：西青信息港",
  "会议强调，要扎实推进项目建设，确保全年目标任务完成。",
  "津ICP备05004140号-1",
].join("\n");

let store: SqliteStore;
let app: FastifyInstance;
const pages: { id: number; record: Record; raw: string; view: RawView }[] = [];

before(async () => {
  const dir = tempDir();
  const inputs = join(dir, "pages");
  mkdirSync(inputs);
  for (const name of readdirSync(EXAMPLES)) copyFileSync(join(EXAMPLES, name), join(inputs, name));
  writeFileSync(join(inputs, "kept-damage.txt"), KEPT_DAMAGE);
  store = new SqliteStore(join(dir, "raw.db"), { create: true });
  await ingest(store, [inputs], { workers: 0 });
  app = await buildApp({ store, token: "raw-view-token", webRoot: null });
  for (let id = 1; ; id++) {
    const doc = await app.inject({ method: "GET", url: `/api/documents/${id}` });
    if (doc.statusCode === 404) break;
    const view = await app.inject({ method: "GET", url: `/api/documents/${id}/raw` });
    assert.equal(view.statusCode, 200);
    pages.push({ id, record: doc.json().record as Record, raw: (await store.rawText(id))!, view: view.json() as RawView });
  }
});

after(async () => {
  await app.close();
  await store.close();
});

test("every sample page and the damaged one are stored and viewed", () => {
  assert.equal(pages.length, readdirSync(EXAMPLES).length + 1);
});

test("each removed line is marked on its own line, at its number, with its reason", () => {
  for (const { record, raw, view } of pages) {
    const rawLines = linesOf(raw);
    const placed = record.removed.filter((item) => item.n !== undefined);
    assert.equal(view.lines.filter((line) => line.removed !== null).length, placed.length, record.source.path!);
    for (const item of placed) {
      const line = view.lines.find((l) => l.n === item.n);
      assert.ok(line, `${record.source.path}: line ${item.n} shown`);
      assert.equal(line.text, rawLines[item.n! - 1]);
      assert.ok(line.text.includes(item.line), `${record.source.path}: line ${item.n} is ${item.line}`);
      assert.equal(line.removed, item.reason);
      assert.equal(line.rule, item.rule);
    }
    for (const line of view.lines) assert.ok(!/[\r\n]/.test(line.text), "one line of the page a row");
    // Lines the HTML reader set aside are no line of the page as read: they are listed apart.
    assert.deepEqual(view.elsewhere, record.removed.filter((item) => item.n === undefined));
  }
});

test("a kept ??? run is marked as damage kept in the text, and its line is not called removed", () => {
  const page = pages.find((p) => p.record.source.path!.endsWith("kept-damage.txt"))!;
  assert.ok(page.record.text.includes("???"));
  const line = page.view.lines.find((l) => l.text.includes("???"))!;
  assert.equal(line.removed, null);
  assert.deepEqual(line.marks.map((mark) => [mark.kind, line.text.slice(mark.start, mark.end)]), [["kept", "???"]]);
  assert.doesNotMatch(line.marks[0]!.note, /删/);
  const removed = page.view.lines.filter((l) => l.removed).map((l) => [l.n, l.removed]);
  assert.deepEqual(removed, [[3, "日期/来源行"], [5, "页脚:备案号"]]);
});

test("glosses and repaired spans are marked where the record places them", () => {
  for (const { record, view } of pages) {
    for (const line of view.lines) {
      for (const mark of line.marks) {
        const text = line.text.slice(mark.start, mark.end);
        if (mark.kind === "gloss") assert.match(text, /^[(（][a-zA-Zü\u00e0-\u01dc]{1,7}[)）]$/);
        else assert.ok(record.quality.garbled.some((span) => span.text === text && span.line === line.n), `${text} is a damaged span of line ${line.n}`);
      }
    }
    const glossMarks = view.lines.flatMap((line) => line.marks.filter((mark) => mark.kind === "gloss"));
    assert.equal(glossMarks.length, (record.changes ?? []).reduce((sum, change) => sum + change.spans.length, 0));
  }
});

test("a record stored before lines carried numbers and rule ids is still shown, its lines found by their text", () => {
  const { record, raw, view } = pages.find((p) => p.record.source.path!.endsWith("tianqu-tuijinhui-glossed.txt"))!;
  const { stages: _stages, ...quality } = record.quality;
  const old: Record = { ...record, quality, changes: undefined, removed: record.removed.map(({ line, reason }) => ({ line, reason })) };
  const fallback = rawViewOf(raw, old);
  assert.deepEqual(
    fallback.lines.map((line) => [line.n, line.removed, line.marks.length]),
    view.lines.map((line) => [line.n, line.removed, line.marks.length]),
  );
  assert.ok(fallback.lines.some((line) => line.marks.some((mark) => mark.kind === "gloss")), "glosses found by searching");
});

test("a database stored before records carried line numbers and rule ids still shows each removed line with its reason", async () => {
  const dir = tempDir();
  const inputs = join(dir, "pages");
  mkdirSync(inputs);
  writeFileSync(join(inputs, "kept-damage.txt"), KEPT_DAMAGE);
  const file = join(dir, "old.db");
  const fresh = new SqliteStore(file, { create: true });
  await ingest(fresh, [inputs], { workers: 0 });
  await fresh.close();
  // Make the stored page what an older huiyi wrote: removed lines without place or rule, spans and glosses unplaced.
  const db = new Database(file);
  db.prepare("UPDATE removed SET line_no = NULL, rule = NULL").run();
  const row = db.prepare("SELECT id, record FROM documents").get() as { id: number; record: Buffer };
  const rest = JSON.parse(inflateRawSync(row.record).toString("utf8")) as Omit<Record, "text" | "removed">;
  const { stages: _stages, ...quality } = rest.quality;
  const old = { ...rest, changes: undefined, quality: { ...quality, garbled: quality.garbled.map(({ text, repaired, how }) => ({ text, repaired, how })) } };
  db.prepare("UPDATE documents SET record = ? WHERE id = ?").run(deflateRawSync(JSON.stringify(old)), row.id);
  db.close();

  const reopened = new SqliteStore(file, { create: false });
  const oldApp = await buildApp({ store: reopened, token: "old-token", webRoot: null });
  try {
    const { record } = (await oldApp.inject({ method: "GET", url: `/api/documents/${row.id}` })).json() as { record: Record };
    assert.deepEqual(record.removed, [
      { line: "发布时间：2021-07-26 来源：西青信息港", reason: "日期/来源行" },
      { line: "津ICP备05004140号-1", reason: "页脚:备案号" },
    ]);
    const view = (await oldApp.inject({ method: "GET", url: `/api/documents/${row.id}/raw` })).json() as RawView;
    assert.deepEqual(view.lines.filter((line) => line.removed).map((line) => [line.n, line.removed]), [[3, "日期/来源行"], [5, "页脚:备案号"]]);
    const kept = view.lines.find((line) => line.text.includes("???"))!;
    assert.equal(kept.removed, null);
    assert.deepEqual(kept.marks.map((mark) => mark.kind), ["kept"]);
    assert.deepEqual(view.elsewhere, []);
  } finally {
    await oldApp.close();
    await reopened.close();
  }
});
