import assert from "node:assert/strict";
import { test } from "node:test";
import { cleanBatch } from "../src/clean/index.js";
import { looksLikeHtml, readHtml } from "../src/read/html.js";

// The HTML reader on pages shaped as government sites serve them. Each case is the markup that used to
// lose text (an <input> emptied everything after it) or that a site really wraps its article in.

const ARTICLE = ["7月23日,区委书记李清主持召开区委常委会会议。", "会议强调,要压紧压实防汛责任。"];

const CASES: { name: string; html: string; lines: string[] }[] = [
  {
    name: "a search box before the article",
    html: `<form action="/s"><input type="text" name="q"><input type="submit" value="搜索"></form><p>${ARTICLE[0]}</p><p>${ARTICLE[1]}</p>`,
    lines: ARTICLE,
  },
  {
    name: "an input written as XHTML, and one inside the article's table",
    html: `<input type="hidden" name="x" /><table><tr><td><p>${ARTICLE[0]}</p><input type="button" value="打印"></td></tr><tr><td>${ARTICLE[1]}</td></tr></table>`,
    lines: ARTICLE,
  },
  {
    name: "paragraphs separated by <br> with &nbsp; indents, and comments",
    html: `<div id="zoom"><!-- 正文开始 -->&nbsp;&nbsp;${ARTICLE[0]}<br><br>&nbsp;&nbsp;${ARTICLE[1]}<br/><!-- 正文结束 --></div>`,
    lines: ARTICLE,
  },
  {
    name: "inline scripts and styles with markup inside, a select and a textarea",
    html: `<script>if (a<b) document.write("<p>统计</p>");</script><style>p{color:red}</style><select><option>站内</option></select><p>${ARTICLE[0]}</p><textarea>留言<p>内容</p></textarea><p>${ARTICLE[1]}</p>`,
    lines: ARTICLE,
  },
  {
    name: "unclosed paragraphs and list items",
    html: `<ul><li>${ARTICLE[0]}<li>${ARTICLE[1]}</ul>`,
    lines: ARTICLE,
  },
];

for (const { name, html, lines } of CASES) {
  test(`HTML: ${name}`, () => {
    assert.deepEqual(readHtml(html).text.split("\n"), lines);
  });
}

test("HTML: each kept line carries the share of it that is link text", () => {
  const page = readHtml(`<p>${ARTICLE[0]}</p><p>详见<a href="/x">区委常委会会议</a>的报道全文,请点击。</p>`);
  assert.equal(page.text.split("\n").length, 2);
  assert.equal(page.linkShare[0], 0);
  assert.ok(page.linkShare[1]! > 0.3 && page.linkShare[1]! < 0.6, String(page.linkShare[1]));
});

test("HTML: a page saved by a browser is recognised though it begins with a comment", () => {
  assert.ok(looksLikeHtml('<!-- saved from url=(0045)http://www.xq.gov.cn/zwgk/2021-07/26/1.html -->\n<html><head>'));
  assert.ok(looksLikeHtml('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>'));
  assert.ok(!looksLikeHtml("7月23日,区委常委会召开。<p>不是网页的开头"));
});

test("HTML: a million unclosed elements are read in linear time, their text kept", { timeout: 20_000 }, () => {
  for (const open of ["<div>", "<span>", "<p><b>", "<table><tr><td>"]) {
    const small = open.repeat(10_000) + ARTICLE[0];
    const large = open.repeat(200_000) + ARTICLE[0];
    let started = performance.now();
    assert.equal(readHtml(small).text, ARTICLE[0]);
    const smallTime = performance.now() - started;
    started = performance.now();
    assert.equal(readHtml(large).text, ARTICLE[0]);
    const largeTime = performance.now() - started;
    // 20 times the input: linear costs about 20 times as much, quadratic 400 times.
    assert.ok(largeTime < Math.max(100, smallTime) * 60, `${open}: ${smallTime.toFixed(0)} → ${largeTime.toFixed(0)} ms`);
  }
});

test("the <title> reaches the record cleaned like the page's lines: glosses dropped, in simplified script", () => {
  const [record] = cleanBatch([
    { path: "a.html", url: null, text: "7月23日,区委常委会召开会议,研究部署防汛工作。", encoding: "utf-8", htmlTitle: "區(qū)委常委會召開會議" },
  ]);
  assert.equal(record!.title, "区委常委会召开会议");
});
