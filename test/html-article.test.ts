import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { clean } from "../src/clean/index.js";
import { readHtml, withoutSiteName } from "../src/read/html.js";
import { pageFromText } from "../src/read/page.js";
import { rawViewOf } from "../src/serve/raw-view.js";
import type { Record } from "../src/types.js";
import { PAGES } from "./fixture-pages.js";

// The HTML reader's choice of the article: the block whose lines the line model reads as prose, with link
// text counted against it. Pages are built in the shapes government and news sites use (div and table
// layouts without <nav> or <footer>), so the choice, not the furniture elements, has to find the article.

const PARAGRAPHS = [
  "3月12日,区委书记李清主持召开区委常委会会议,传达学习全国两会精神,研究部署全区重点工作。",
  "会议强调,要坚持稳中求进工作总基调,抓好项目建设和招商引资,确保一季度经济运行开门红。",
  "区委副书记、区长白凤祥,区委常委出席会议。",
];
const HEADLINES = [
  "区政府召开第54次常务会议,研究部署安全生产工作",
  "西青区召开区委理论学习中心组学习会,专题学习全会精神",
  "我区开展春季植树活动,千余名干部群众参加",
];

const recordOf = (html: string): Record => clean(pageFromText(html, "page.html", null, "html"));
const textLines = (record: Record) => record.text.split("\n");
const ruleOf = (record: Record, line: string) => record.removed.find((item) => item.line === line)?.rule;
const links = (items: readonly string[], withDate = false) =>
  items.map((item, i) => `<li><a href="/a/${i}.html">${item}</a>${withDate ? `<span>2024-03-0${(i % 9) + 1}</span>` : ""}</li>`).join("");

test("headlines in links are not content though they read as prose: inside the article's block and beside it", () => {
  const html = `<html><body>
    <div class="content"><h1>区委常委会召开会议</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join("")}
      <ul class="xglj">${links(HEADLINES.slice(0, 1))}${links(HEADLINES.slice(1, 2), true)}</ul></div>
    <div class="side"><ul>${links(HEADLINES.slice(2), true)}</ul></div></body></html>`;
  const record = recordOf(html);
  assert.deepEqual(textLines(record), ["区委常委会召开会议", ...PARAGRAPHS]);
  assert.equal(ruleOf(record, HEADLINES[0]!), "html.link-line");
  // with its date beside it the headline is still mostly link text
  assert.equal(ruleOf(record, `${HEADLINES[1]!}2024-03-01`), "html.link-line");
  assert.equal(ruleOf(record, `${HEADLINES[2]!}2024-03-01`), "html.outside.links");
});

test("a short article beside a long list of links: the article's block is chosen and every link set aside at its line", () => {
  const many = Array.from({ length: 30 }, (_, i) => `${HEADLINES[i % 3]!.split(",")[0]!}(${i + 1})`);
  const html = `<html><body><div class="wrap">
    <div class="left"><div class="title">部门链接</div><ul>${links(many, true)}</ul></div>
    <div class="right"><div class="bt">区委常委会召开会议</div><div class="nr"><div>${PARAGRAPHS[0]}</div><div>${PARAGRAPHS[2]}</div></div></div>
    </div></body></html>`;
  const page = readHtml(html);
  const lines = page.text.split("\n");
  const record = recordOf(html);
  assert.deepEqual(textLines(record), ["区委常委会召开会议", PARAGRAPHS[0], PARAGRAPHS[2]]);
  for (const item of many) {
    const n = lines.findIndex((line) => line.startsWith(item)) + 1;
    const removed = record.removed.find((r) => r.line.startsWith(item));
    assert.deepEqual([removed?.n, removed?.rule], [n, "html.outside.links"], item);
  }
  assert.equal(ruleOf(record, "部门链接"), "html.outside");
});

test("paragraphs in <div>s and text separated by <br> are each a line of the article", () => {
  const html = `<table><tr><td class="menu"><a href="/">网站首页</a> | <a href="/zw/">政务公开</a> | <a href="/hd/">互动交流</a></td></tr>
    <tr><td class="content">&nbsp;&nbsp;${PARAGRAPHS[0]}<br><br>&nbsp;&nbsp;${PARAGRAPHS[1]}<br><div style="text-indent:2em">${PARAGRAPHS[2]}</div></td></tr></table>`;
  const record = recordOf(html);
  assert.deepEqual(textLines(record), PARAGRAPHS);
  assert.equal(ruleOf(record, "网站首页 | 政务公开 | 互动交流"), "html.outside.links");
});

test("a paragraph of finished sentences outside the chosen block is left to cleaning, never set aside by the reader", () => {
  const stray = "本站所有新闻均由各单位报送,经审核后发布,欢迎广大干部群众积极投稿,共同办好政务网站。";
  const html = `<body><div class="main"><h1>区委常委会召开会议</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join("")}</div>
    <div class="side"><ul>${links(HEADLINES)}</ul></div><div class="note"><p>${stray}</p></div></body>`;
  const page = readHtml(html);
  assert.ok(!page.removed.some((item) => item.line === stray));
  assert.ok(page.removed.some((item) => item.line === HEADLINES[0] && item.rule === "html.outside.links"));
});

test("an article split over two blocks around a list of links keeps both parts, a subheading between paragraphs too", () => {
  const subheading = "一、强化责任落实";
  const html = `<body><div class="c1"><h1>区委常委会召开会议</h1><p>${PARAGRAPHS[0]}</p><p>${PARAGRAPHS[1]}</p></div>
    <div class="ad"><ul>${links(HEADLINES)}</ul></div>
    <div class="c2"><p>${subheading}</p><p>${PARAGRAPHS[2]}</p></div></body>`;
  const record = recordOf(html);
  assert.deepEqual(textLines(record), ["区委常委会召开会议", PARAGRAPHS[0], PARAGRAPHS[1], subheading, PARAGRAPHS[2]]);
  for (const headline of HEADLINES) assert.equal(ruleOf(record, headline), "html.outside.links");
});

test("the page's <h1> in a block of its own, away from the article, is left to cleaning, which keeps it as the headline", () => {
  const html = `<body><div class="hd"><h1>区委常委会召开会议</h1></div>
    <div class="menu"><a href="/">首页</a> <a href="/1">要闻</a> <a href="/2">公开</a> <a href="/3">服务</a></div>
    <div class="side"><ul>${links(HEADLINES)}</ul></div><div class="bd">${PARAGRAPHS.map((p) => `<p>${p}</p>`).join("")}</div></body>`;
  const record = recordOf(html);
  assert.equal(record.title, "区委常委会召开会议");
  assert.deepEqual(textLines(record), ["区委常委会召开会议", ...PARAGRAPHS]);
});

test("the date line beside the article's block is left to its cleaning rule, so the header reads the page's date", () => {
  const html = `<body><div class="top"><a href="/">首页</a> <a href="/xw/">新闻中心</a> <a href="/gk/">政务公开</a></div>
    <div class="attr"><span>发布时间:2024-03-13 10:20</span> <span>来源:区委办公室</span></div>
    <div class="side"><ul>${links(HEADLINES)}</ul></div>
    <div class="text">${PARAGRAPHS.map((p) => `<p>${p}</p>`).join("")}</div></body>`;
  const record = recordOf(html);
  assert.equal(record.published, "2024-03-13");
  assert.equal(ruleOf(record, "发布时间:2024-03-13 10:20 来源:区委办公室"), "boilerplate.meta.date-source");
  assert.deepEqual(textLines(record), PARAGRAPHS);
});

test("a page without prose has no article to choose: only its lines of links alone are set aside", () => {
  const html = `<body><div class="list"><div>通知公告</div><div>政策文件</div><div>人事信息</div><div><a href="/1">办事指南</a></div></div></body>`;
  const page = readHtml(html);
  assert.deepEqual(page.text.split("\n"), ["通知公告", "政策文件", "人事信息", "办事指南"]);
  assert.deepEqual(page.removed.map((item) => [item.n, item.rule]), [[4, "html.link-line"]]);
});

test("the <title> is cleaned like the text, and the raw view shows the line it was cleaned from", () => {
  const path = join(PAGES, "chongyi-nongcun-glossed-title", "source.html");
  const doc = pageFromText(readFileSync(path, "utf8"), path, null, "html");
  const record = clean(doc);
  assert.equal(record.title, "崇义县召开县委农村工作会议");
  const first = rawViewOf(doc.text, record).lines[0]!;
  assert.equal(first.n, 1);
  assert.equal(first.rule, "html.title");
  assert.equal(first.text, "崇義縣(xiàn)召開(kāi)縣(xiàn)委農(nóng)村工作會(huì)議(yì)_崇義縣(xiàn)人民政府");
  // every gloss of the line is marked dropped; what is left is the headline the record's title is, in
  // traditional script, and the site's name after _
  const glosses = first.marks.filter((mark) => mark.kind === "gloss");
  assert.equal(glosses.length, 7);
  let left = "";
  let from = 0;
  for (const mark of glosses) {
    left += first.text.slice(from, mark.start);
    from = mark.end;
  }
  left += first.text.slice(from);
  assert.equal(left, "崇義縣召開縣委農村工作會議_崇義縣人民政府");
});

test("a <title> loses the site's name after its separator, not a number range or a subtitle's dash", () => {
  assert.equal(withoutSiteName("区委常委会召开会议_西青信息港"), "区委常委会召开会议");
  assert.equal(withoutSiteName("区委常委会召开会议 - 北京市东城区人民政府"), "区委常委会召开会议");
  assert.equal(withoutSiteName("区委常委会召开会议｜东城区融媒体中心"), "区委常委会召开会议");
  assert.equal(withoutSiteName("关于印发2021-2025年发展规划的通知 - 某县人民政府"), "关于印发2021-2025年发展规划的通知");
  assert.equal(withoutSiteName("奋进新征程——区委常委会召开会议_某区"), "奋进新征程——区委常委会召开会议");
});

test("the article choice is linear in the page: 20 times the blocks cost about 20 times the time", { timeout: 60_000 }, () => {
  const pageOf = (n: number) =>
    `<body><div class="side"><ul>${links(Array.from({ length: n }, (_, i) => `${HEADLINES[i % 3]}${i}`), true)}</ul></div><div class="text">${PARAGRAPHS.map((p) => `<p>${p}</p>`).join("").repeat(n / 10)}</div></body>`;
  readHtml(pageOf(100)); // warm the lexicons and the model
  let started = performance.now();
  readHtml(pageOf(1_000));
  const small = performance.now() - started;
  started = performance.now();
  const large = readHtml(pageOf(20_000));
  const largeTime = performance.now() - started;
  assert.equal(large.removed.filter((item) => item.rule === "html.outside.links").length, 20_000);
  assert.ok(largeTime < Math.max(50, small) * 60, `${small.toFixed(0)} → ${largeTime.toFixed(0)} ms`);
});
