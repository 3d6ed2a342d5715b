import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import iconv from "iconv-lite";
import { decodeBytes } from "../src/read/decode.js";
import { clean } from "../src/clean/index.js";
import { readHtml } from "../src/read/html.js";
import { pageFromText } from "../src/read/page.js";
import { readInputs, type ReadItem } from "../src/read/sources.js";
import { fixturePage, ROOT } from "./helpers.js";

const page = fixturePage("jinghai-ganbuhuiyi");

test("detects UTF-8, GB18030/GBK, Big5 and UTF-16 with a byte-order mark", () => {
  // Only what GBK can encode: the page's no-break and em spaces are not in it.
  const simplified = fixturePage("xiqing-changweihui").replace(/[\u00a0\u2000-\u200a]/g, " ");
  assert.equal(iconv.decode(iconv.encode(simplified, "gbk"), "gbk"), simplified);
  assert.deepEqual(decodeBytes(Buffer.from(simplified, "utf8")), { text: simplified, encoding: "utf-8" });
  assert.deepEqual(decodeBytes(iconv.encode(simplified, "gbk")), { text: simplified, encoding: "gb18030" });
  assert.equal(decodeBytes(iconv.encode(page, "big5")).encoding, "big5");
  assert.equal(decodeBytes(iconv.encode(page, "big5")).text.slice(0, 40), page.slice(0, 40));
  assert.equal(decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(page, "utf-16le")])).text, page);
  assert.equal(decodeBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(page, "utf-16be")])).text, page);
});

test("a declared charset is honoured when the bytes are not UTF-8", () => {
  const text = "区委常委会";
  assert.equal(decodeBytes(iconv.encode(text, "gbk"), "gb2312").text, text);
});

test("HTML: the article's lines, the headline, and site furniture set aside with reasons", () => {
  const html = `<html><head><title>区委常委会召开_西青信息港</title><script>var x="不是正文";</script></head><body>
    <nav><a href="/">首页</a><a href="/a">新闻中心</a></nav>
    <div><a href="/1">区政府召开常务会议</a></div>
    <h1>区委常委会召开</h1><p>7月23日,区委常委会召开。<br>区委书记李清出席会议并讲话。</p>
    <footer>主办单位:西青区人民政府</footer></body></html>`;
  const result = readHtml(html);
  assert.equal(result.title, "区委常委会召开");
  // every line of text is a line of the page as read, the <title> first; scripts are not text
  assert.deepEqual(result.text.split("\n"), [
    "区委常委会召开_西青信息港", "首页新闻中心", "区政府召开常务会议", "区委常委会召开", "7月23日,区委常委会召开。", "区委书记李清出席会议并讲话。", "主办单位:西青区人民政府",
  ]);
  // the reader sets aside what is not the article, at its line; the footer's host line is left to the
  // cleaning rule that names it (the header reads the publisher from it)
  assert.deepEqual(
    result.removed.map((r) => [r.n, r.rule, r.reason]),
    [[1, "html.title", "网页标题栏<title>:用于读取标题,不属正文"], [2, "html.nav", "导航:网页<nav>"], [3, "html.outside.links", "正文区块之外:链接列表"]],
  );
  const record = clean(pageFromText(html, "a.html", null, "html"));
  assert.deepEqual(record.text.split("\n"), ["区委常委会召开", "7月23日,区委常委会召开。", "区委书记李清出席会议并讲话。"]);
  assert.deepEqual(record.removed.at(-1), { line: "主办单位:西青区人民政府", reason: "页脚:主办/版权", n: 7, rule: "boilerplate.footer.host" });
});

async function collect(inputs: string[]): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of readInputs(inputs, { maxPageBytes: 1024 * 1024 })) items.push(item);
  return items;
}

test("folders are read recursively in name order; JSONL lines one document each; bad lines reported in place", async () => {
  const dir = mkdtempSync(join(tmpdir(), "huiyi-read-"));
  writeFileSync(join(dir, "b.txt"), "第二篇。");
  writeFileSync(join(dir, "a.html"), iconv.encode('<meta charset="gbk"><p>第一篇。</p>', "gbk"));
  writeFileSync(
    join(dir, "c.jsonl"),
    ['{"id": "x1", "url": "http://a.gov.cn/2021-01-02/1.html", "text": "第三篇。"}', "{broken", '{"html": "<p>第四篇。</p>"}', '{"title": "无正文"}'].join("\n"),
  );
  const items = await collect([dir]);
  const summary = items.map((item) => ("doc" in item ? item.doc.text : `失败:${item.failure.problem}`));
  assert.deepEqual(summary, ["第一篇。", "第二篇。", "第三篇。", "失败:不是有效的 JSON 行", "第四篇。", "失败:JSON 行缺少 text 或 html 字段"]);
  const third = items[2] as { doc: { path: string; url: string } };
  assert.equal(third.doc.path, join(dir, "c.jsonl") + "#x1");
  assert.equal(third.doc.url, "http://a.gov.cn/2021-01-02/1.html");
});

test("empty, binary, missing, oversized inputs and empty folders each give one failure; the batch goes on", async () => {
  const dir = mkdtempSync(join(tmpdir(), "huiyi-bad-"));
  writeFileSync(join(dir, "empty.txt"), "");
  writeFileSync(join(dir, "binary.txt"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3, 0, 0, 0]));
  writeFileSync(join(dir, "huge.txt"), Buffer.alloc(2 * 1024 * 1024, 0x41));
  // Lead bytes with no valid trail: neither UTF-8, GB18030 nor Big5.
  writeFileSync(join(dir, "invalid.txt"), Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 2 ? 0x0a : 0xff))));
  const emptyFolder = mkdtempSync(join(tmpdir(), "huiyi-none-"));
  const good = join(ROOT, "examples/xiqing-changweihui.txt");
  const items = await collect([join(dir, "empty.txt"), join(dir, "binary.txt"), join(dir, "huge.txt"), emptyFolder, join(dir, "nope.txt"), join(dir, "invalid.txt"), good]);
  const problems = items.map((item) => ("failure" in item ? item.failure.problem : "ok"));
  assert.equal(problems.length, 7);
  assert.match(problems[0]!, /空文件/);
  assert.match(problems[1]!, /二进制/);
  assert.match(problems[2]!, /页面过大/);
  assert.match(problems[3]!, /没有可读的页面/);
  assert.match(problems[4]!, /找不到/);
  assert.match(problems[5]!, /无效字节/);
  assert.equal(problems[6], "ok");
});
