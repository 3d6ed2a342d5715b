import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { test } from "node:test";
import { lineRule } from "../src/clean/boilerplate.js";
import { findPublished, findSite } from "../src/clean/header.js";
import { clean } from "../src/clean/index.js";
import { messagesOf } from "../src/clean/messages.js";
import { reasonCatalogue, reasonOf, stageOfRule } from "../src/lexicon/reasons.js";
import type { RawDoc, Record } from "../src/types.js";
import { exampleDocs, linesOf } from "./examples.js";
import { ROOT } from "./helpers.js";

// Every change cleaning makes names its rule by a stable id, says where it happened in the page as read,
// and gives the reason from the one catalogue in data/clean-reasons.json.

const page = (text: string, path = "page.txt"): RawDoc => ({ path, url: null, text, encoding: "utf-8" });
const STAGE_OF_RULE = new Set(["garbled", "markup", "glosses", "width", "script", "boilerplate", "repeats", "site-recurring", "html", "clean"]);

test("every boilerplate rule has a unique id whose reason is in the catalogue", () => {
  const file = JSON.parse(readFileSync(resolve(ROOT, "data/boilerplate.json"), "utf8")) as { rules: { id: string; reason?: string }[] };
  const ids = file.rules.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length, "rule ids are unique");
  for (const rule of file.rules) {
    assert.match(rule.id, /^boilerplate\.[a-z-]+(\.[a-z0-9-]+)*$/, rule.id);
    assert.equal(rule.reason, undefined, `${rule.id}: the reason lives in the catalogue only`);
    assert.ok(reasonCatalogue().has(rule.id), rule.id);
  }
  for (const id of reasonCatalogue().keys()) assert.ok(STAGE_OF_RULE.has(stageOfRule(id)), `${id} starts with a stage id`);
});

test("a rule id missing from the catalogue is an error, not a reason shown to users", () => {
  assert.throws(() => reasonOf("boilerplate.no-such-rule"), /clean-reasons\.json/);
  assert.equal(reasonOf("garbled.lost-char.dropped", { syllable: "shù" }), "字符丢失,仅余注音 shù:无法确定,删去残片");
});

// Lines from the corpus's pages, each with the rule that sets it aside.
const RULED: [string, string][] = [
  ["津ICP备05004140号-1", "boilerplate.footer.icp"],
  ["津公网安备 12011102000129号", "boilerplate.footer.icp"],
  ["当前位置：首页 > 新闻中心 > 西青要闻", "boilerplate.nav.location"],
  ["发布时间：2021-07-26 09:34 来源：西青信息港", "boilerplate.meta.date-source"],
  ["2021-07-26 来源：西青区融媒体中心", "boilerplate.meta.date-lead"],
  ["主办单位：天津市西青区人民政府办公室", "boilerplate.footer.host"],
  ["【字体：大 中 小】打印本页", "boilerplate.widget.font-size"],
  ["【字体：大 中 小】【打印本页】【关闭窗口】", "boilerplate.widget.line"],
  ["责任编辑：张三", "boilerplate.credit.editor"],
  ["IMG_20230426_101530.jpg", "boilerplate.image.file"],
  ["Copyright 2021", "boilerplate.footer.host"],
  ["*** ---", "boilerplate.no-han.symbols"],
];

test("lines are set aside under the id of the rule that matches them", () => {
  for (const [line, rule] of RULED) assert.equal(lineRule(line), rule, line);
  assert.equal(lineRule("7月23日，区委书记李清主持召开区委常委会（扩大）会议。"), null);
});

test("the header finds date and site lines by rule id, whatever the reason says", () => {
  const line = (text: string, rule: string | null) => ({ raw: text, text, dropped: rule === null ? null : "(任何说法)", rule });
  const lines = [line("西青区召开常委会", null), line("发布时间：2021-07-26 来源：西青信息港", "boilerplate.meta.date-source"), line("2020-01-01 会议召开。", null)];
  assert.equal(findPublished(lines), "2021-07-26");
  assert.equal(findSite(lines), "西青信息港");
  // The same line set aside by another rule (a site's recurring line) is not the page's date line.
  const recurring = [line("发布时间：2021-07-26 来源：西青信息港", "site-recurring.common")];
  assert.equal(findPublished(recurring), null);
  assert.equal(findSite(recurring), null);
});

/** Check every place a record gives against the page as read. */
function assertPlaces(record: Record, raw: string): void {
  const lines = linesOf(raw);
  for (const item of record.removed) {
    assert.ok(item.n !== undefined && item.n >= 1 && item.n <= lines.length, `${item.line}: a line number`);
    assert.ok(lines[item.n - 1]!.includes(item.line), `line ${item.n} holds ${item.line}`);
    assert.ok(item.rule, `${item.line}: a rule id`);
    if (item.rule !== "clean.empty") assert.equal(item.reason, reasonOf(item.rule), item.line);
  }
  for (const span of record.quality.garbled) {
    assert.ok(span.rule && span.line, `${span.text}: rule and line`);
    assert.ok(span.start !== undefined && span.end !== undefined, `${span.text}: placed in its line`);
    assert.equal(lines[span.line - 1]!.slice(span.start, span.end), span.text);
  }
  for (const change of record.changes ?? []) {
    assert.equal(change.rule, "glosses.pinyin");
    const text = lines[change.line - 1]!;
    for (const [start, end] of change.spans) {
      assert.match(text.slice(start, end), /^[(（][a-zA-Zü\u00e0-\u01dc]{1,7}[)）]$/, `line ${change.line} [${start}, ${end})`);
      assert.match(text[start - 1]!, /[\u3400-\u9fff\uf900-\ufaff?]/, "a gloss follows the character it reads");
    }
  }
}

test("on the sample pages every removed line, damaged span and gloss is where the record says", async () => {
  for (const doc of await exampleDocs()) {
    const record = clean(doc);
    assert.ok(record.removed.length > 0, doc.path!);
    assertPlaces(record, doc.text);
  }
});

test("a damaged page: spans of lost bytes and re-aligned GBK are placed, glosses after a repair still are", async () => {
  const doc = (await exampleDocs()).find((d) => d.path!.includes("damaged"))!;
  const record = clean(doc);
  const rules = record.quality.garbled.map((span) => span.rule);
  assert.ok(rules.includes("garbled.gbk-shift"), rules.join(" "));
  assertPlaces(record, doc.text);
  // Glosses inside re-aligned text have no place of their own: the line's placed glosses are at most its count.
  const placed = (record.changes ?? []).reduce((sum, change) => sum + change.spans.length, 0);
  assert.ok(placed > 0 && placed <= record.quality.glosses);
});

test("a run of ??? is damage kept in the text, not a removed line", () => {
  const text = ["区委常委会召开", "7月23日，区委书记???主持召开区委常委会（扩大）会议，传达学习市委全会精神，研究部署下半年工作。", "津ICP备05004140号-1"].join("\n");
  const record = clean(page(text));
  assert.ok(record.text.includes("区委书记???主持"));
  assert.deepEqual(record.removed.map((item) => [item.n, item.rule]), [[3, "boilerplate.footer.icp"]]);
  assert.deepEqual(record.quality.garbled.map((span) => [span.rule, span.line, span.start, span.end]), [["garbled.question-run", 2, 10, 13]]);
  assertPlaces(record, text);
});

test("glosses on a traditional line are placed in the line as read", () => {
  const text = "天衢新區(qū)召開推進會(huì)\n會議強調，要以(yǐ)更大力度推進項目建設。";
  const record = clean(page(text));
  assert.equal(record.quality.glosses, 3);
  assert.deepEqual(record.changes, [
    { stage: "glosses", rule: "glosses.pinyin", line: 1, action: "dropped", spans: [[4, 8], [13, 18]] },
    { stage: "glosses", rule: "glosses.pinyin", line: 2, action: "dropped", spans: [[7, 11]] },
  ]);
  assertPlaces(record, text);
});

test("each stage counts what it did", () => {
  const text = "首页\n天衢新區(qū)召開推進會\n会议强调，要以更大力度推进项目建设，确保全年目标任务完成。\n津ICP备05004140号-1";
  const { quality } = clean(page(text));
  assert.deepEqual(quality.stages, { garbled: 0, glosses: 1, width: 0, script: 1, boilerplate: 2, repeats: 0, "site-recurring": 0, header: 1 });
});

test("one list of every change: stage, rule, line, span, action and reason", () => {
  const text = ["区委常委会召开", "7月23日，区委书记???主持召开区(qū)委常委会。", "津ICP备05004140号-1"].join("\n");
  const messages = messagesOf(clean(page(text)));
  assert.deepEqual(messages, [
    { stage: "boilerplate", rule: "boilerplate.footer.icp", line: 3, action: "dropped", reason: "页脚:备案号", text: "津ICP备05004140号-1" },
    { stage: "garbled", rule: "garbled.question-run", line: 2, start: 10, end: 13, action: "kept", reason: "连续问号:原字符已丢失,保留原样", text: "???" },
    { stage: "glosses", rule: "glosses.pinyin", line: 2, start: 18, end: 22, action: "dropped", reason: "拼音注音,已删去" },
  ]);
});
