import assert from "node:assert/strict";
import { test } from "node:test";
import { findPrintedDate, findUrlDate } from "../src/clean/dates.js";
import { cleanTitle } from "../src/clean/header.js";
import { cleanCorpusPage } from "./helpers.js";

test("a headline repeated as photo captions is kept once; its list-prefixed copy goes", () => {
  const record = cleanCorpusPage("001_82af85d000967d12");
  const headline = "静海区召开领导干部会议 解放思想 下定决心 强化担当 以壮士断腕的勇气推动高质量发展";
  assert.equal(record.text.split("\n").filter((l) => l === headline).length, 1);
  assert.equal(record.text.split("\n")[0], headline);
  assert.equal(record.title, headline);
  assert.equal(record.removed.filter((r) => r.reason === "重复行").length, 3);
  assert.ok(record.removed.some((r) => r.line.startsWith("05.11 ") && r.reason.startsWith("重复行")));
});

test("a footer printed twice is removed both times, each with its reason", () => {
  const record = cleanCorpusPage("000_54e3948d9bb23207");
  assert.equal(record.removed.filter((r) => r.line === "wzalogo_06.png").length, 2);
  assert.ok(!record.text.includes("ICP"));
});

test("title without column tags or list prefixes; null when the page has no headline line", () => {
  assert.equal(cleanTitle("V视 | 【“两会”动态】政协通山县十届十六次常委会召开"), "政协通山县十届十六次常委会召开");
  assert.equal(cleanTitle("- 连云港市开发区召开重点部门工作过堂会"), "连云港市开发区召开重点部门工作过堂会");
  assert.equal(cleanCorpusPage("003_463d5c3ed4e0be60").title, "天衢新区:乘势而上 全力奋战二季度");
  assert.equal(cleanCorpusPage("a031").title, "区领导带队到双新街开展调研");
  assert.equal(cleanCorpusPage("c011").title, "市十六届人大常委会第二十七次会议举行第一次全体会议 于伟主持");
  assert.equal(cleanCorpusPage("002_f2ba840133a4e5d0").title, null);
  assert.equal(cleanCorpusPage("a030").title, null);
});

test("published date from date lines in any common format, not from a weather box", () => {
  assert.equal(cleanCorpusPage("000_54e3948d9bb23207").published, "2021-07-26");
  assert.equal(cleanCorpusPage("a032").published, "2015-12-21");
  assert.equal(cleanCorpusPage("c027").published, "2016-12-26");
  assert.equal(cleanCorpusPage("c004").published, "2022-02-10");
  assert.equal(cleanCorpusPage("b002").published, "2020-01-03");
  assert.equal(cleanCorpusPage("a006").published, null);
  assert.equal(findPrintedDate("2021年7月26日"), "2021-07-26");
  assert.equal(findPrintedDate("2021/2/30"), null);
});

test("a date in the address is read but kept apart from the printed date", () => {
  assert.equal(findUrlDate("http://wsq.gov.cn/zw/zdhy/zfqthy/202411/t20241120_3720850.html"), "2024-11-20");
  assert.equal(findUrlDate("https://www.funhillrm.com/news/local/2021-06-07/22953.html"), "2021-06-07");
  assert.equal(findUrlDate("https://hby448.com/old/n200/2022/1011/c43-11043308.html"), "2022-10-11");
  assert.equal(findUrlDate("http://www.gzqyzjbc.com/news/qz/2013052817051596556.htm"), "2013-05-28");
  assert.equal(findUrlDate("https://www.163.com/dy/article/JBIV9CHC0514CAC9.html"), null);
});

test("site from the source line", () => {
  assert.equal(cleanCorpusPage("000_54e3948d9bb23207").source.site, "西青信息港");
  assert.equal(cleanCorpusPage("003_463d5c3ed4e0be60").source.site ?? null, null);
});
