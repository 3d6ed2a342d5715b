import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { test } from "node:test";
import { printable } from "../src/cli/printable.js";
import { skippedSummary } from "../src/cli/pages-command.js";
import { fileProblem, shownPath } from "../src/read/paths.js";
import { readInputs, type ReadItem } from "../src/read/sources.js";

// Inputs that used to lose pages: a JSON line that is not an object, an unreadable or oddly named entry
// in a folder, links, empty files. Each bad part is one failure naming it; every good page still comes out.

async function collect(inputs: string[], stdin?: Readable): Promise<string[]> {
  const items: ReadItem[] = [];
  for await (const item of readInputs(inputs, {}, stdin)) items.push(item);
  return items.map((item) => ("doc" in item ? item.doc.text : `失败 ${item.failure.problem}`));
}

const JSON_LINES = [
  '{"text": "第一篇。"}',
  "null",
  "42",
  '"只是字符串"',
  "[1, 2]",
  '{"text": 5}',
  '{"html": ["<p>x</p>"]}',
  '{"text": null}',
  '{"text": "第二篇。"}',
].join("\n");

const JSON_EXPECTED = [
  "第一篇。",
  "失败 JSON 行不是对象(是 null)",
  "失败 JSON 行不是对象(是 数字)",
  "失败 JSON 行不是对象(是 字符串)",
  "失败 JSON 行不是对象(是 数组)",
  "失败 JSON 行的 text 字段不是字符串(是 数字)",
  "失败 JSON 行的 html 字段不是字符串(是 数组)",
  "失败 JSON 行缺少 text 或 html 字段",
  "第二篇。",
];

test("a JSON line that is not an object, or whose field has the wrong type, is one bad line named for what it is", async () => {
  const dir = mkdtempSync(join(tmpdir(), "huiyi-jsonl-"));
  writeFileSync(join(dir, "a.jsonl"), JSON_LINES);
  writeFileSync(join(dir, "b.txt"), "第三篇。");
  assert.deepEqual(await collect([dir]), [...JSON_EXPECTED, "第三篇。"]);
});

test("through standard input, JSON lines beginning with null are read line by line", async () => {
  assert.deepEqual(await collect(["-"], Readable.from([Buffer.from(JSON_LINES.split("\n").slice(1).join("\n"))])), JSON_EXPECTED.slice(1));
});

test("an empty .jsonl, and one of blank lines only, each say so", async () => {
  const dir = mkdtempSync(join(tmpdir(), "huiyi-jsonl-empty-"));
  writeFileSync(join(dir, "empty.jsonl"), "");
  writeFileSync(join(dir, "blank.jsonl"), "\n\n  \n");
  assert.deepEqual(await collect([join(dir, "empty.jsonl"), join(dir, "blank.jsonl")]), ["失败 空文件", "失败 JSONL 文件里没有页面(只有空行)"]);
});

test("in a folder: a name not in UTF-8 is read, links are followed once, a dangling link fails alone", async () => {
  const dir = mkdtempSync(join(tmpdir(), "huiyi-folder-"));
  // "会议.txt" in GBK: not valid UTF-8.
  writeFileSync(Buffer.concat([Buffer.from(dir + "/"), Buffer.from([0xbb, 0xe1, 0xd2, 0xe9]), Buffer.from(".txt")]), "第一篇。");
  const outside = mkdtempSync(join(tmpdir(), "huiyi-outside-"));
  writeFileSync(join(outside, "page.txt"), "链接指向的页面。");
  symlinkSync(join(outside, "page.txt"), join(dir, "link.txt"));
  symlinkSync(join(dir, "nowhere.txt"), join(dir, "dangling.txt"));
  mkdirSync(join(dir, "sub"));
  writeFileSync(join(dir, "sub", "z.txt"), "子文件夹里的页面。");
  symlinkSync(dir, join(dir, "sub", "loop")); // a link back up: walked once, not forever
  const read = await collect([dir]);
  assert.deepEqual(read.sort(), ["第一篇。", "链接指向的页面。", "子文件夹里的页面。", "失败 链接指向的文件不存在"].sort());
});

test("an unreadable file or subfolder fails alone and the rest of the folder is read", { skip: process.getuid?.() === 0 ? "root reads everything" : false }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "huiyi-eacces-"));
  writeFileSync(join(dir, "a.txt"), "第一篇。");
  writeFileSync(join(dir, "b.txt"), "锁住的页面。");
  chmodSync(join(dir, "b.txt"), 0);
  mkdirSync(join(dir, "c"));
  writeFileSync(join(dir, "c", "x.txt"), "锁住的文件夹。");
  chmodSync(join(dir, "c"), 0);
  writeFileSync(join(dir, "d.warc"), "WARC/1.0\r\n");
  chmodSync(join(dir, "d.warc"), 0);
  writeFileSync(join(dir, "e.txt"), "最后一篇。");
  assert.deepEqual(await collect([dir]), ["第一篇。", "失败 没有读取权限", "失败 没有读取权限", "失败 没有读取权限", "最后一篇。"]);
});

test("a file name's bytes are shown as UTF-8 where they are, \\xNN where not; file-system errors by their cause", () => {
  assert.equal(shownPath(Buffer.from("会议.txt")), "会议.txt");
  assert.equal(shownPath(Buffer.concat([Buffer.from([0xbb, 0xe1, 0xd2, 0xe9]), Buffer.from("-会议.txt")])), "\\xbb\\xe1\\xd2\\xe9-会议.txt");
  assert.equal(fileProblem(Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" })), "没有读取权限");
  assert.equal(fileProblem(Object.assign(new Error("ELOOP"), { code: "ELOOP" })), "符号链接循环");
  assert.equal(fileProblem(new Error("不是文件错误")), null);
});

test("text shown on the terminal: control characters and direction overrides are escaped, Chinese kept", () => {
  assert.equal(printable("会议\x1b[2J.txt"), "会议\\x1b[2J.txt");
  assert.equal(printable("a\u202etxt.exe"), "a\\u202etxt.exe");
  assert.equal(printable("bell\x07 nul\x00 c1\x9b"), "bell\\x07 nul\\x00 c1\\x9b");
  assert.equal(printable("a.jsonl#id\nhuiyi: 伪造的一行"), "a.jsonl#id\\x0ahuiyi: 伪造的一行");
  assert.equal(printable("区委常委会(2021)\t第一篇"), "区委常委会(2021)\t第一篇");
});

test("the summary of skipped WARC responses counts them, most frequent reason first", () => {
  const line = skippedSummary(new Map([["text/css", 1], ["HTTP 404", 3]]));
  assert.equal(line, "huiyi: 跳过 4 条不是网页的 WARC 响应(HTTP 404 ×3、text/css ×1)");
});

test("lines are read across chunks, CRLF or LF; a line over the bound is only measured, and the next line read", async () => {
  const { boundedLines } = await import("../src/read/lines.js");
  async function* chunks() {
    yield Buffer.from('{"text": "第一');
    yield Buffer.from('篇。"}\r\n' + "x".repeat(50));
    yield Buffer.from("x".repeat(50) + '\n{"text": "第二篇。"}');
  }
  const lines = [];
  for await (const line of boundedLines(chunks(), 64)) lines.push(line);
  // 24 bytes of text, then "\r\n"; the last line has no line end but counts one, as every line does.
  assert.deepEqual(lines, [{ text: '{"text": "第一篇。"}', bytes: 26 }, { tooLong: 100 }, { text: '{"text": "第二篇。"}', bytes: 25 }]);
});

test("a JSONL line longer than the page limit is one failure; the lines after it are read", async () => {
  const dir = mkdtempSync(join(tmpdir(), "huiyi-jsonl-long-"));
  writeFileSync(join(dir, "a.jsonl"), [JSON.stringify({ text: "长".repeat(2000) }), JSON.stringify({ text: "第二篇。" })].join("\n"));
  const items: ReadItem[] = [];
  for await (const item of readInputs([join(dir, "a.jsonl")], { maxPageBytes: 1024 })) items.push(item);
  assert.deepEqual(
    items.map((item) => ("doc" in item ? item.doc.text : item.failure.problem)),
    ["页面过大(0.0 MB,上限 0.0 MB)", "第二篇。"],
  );
});

test("standard input beginning with a bracketed column tag is a page, not JSON lines", async () => {
  assert.deepEqual(await collect(["-"], Readable.from([Buffer.from("[要闻]区委常委会召开会议\n7月23日,会议召开。")])), ["[要闻]区委常委会召开会议\n7月23日,会议召开。"]);
});
