import assert from "node:assert/strict";
import { test } from "node:test";
import { findPrintedDate, findUrlDate } from "../src/clean/dates.js";
import { cleanTitle } from "../src/clean/header.js";
import { clean } from "../src/clean/index.js";
import { cleanFixture } from "./helpers.js";

/** A short page cleaned on its own. */
const cleanLines = (...lines: string[]) => clean({ path: null, url: null, text: lines.join("\n"), encoding: "utf-8" });

test("a headline repeated as photo captions is kept once; its list-prefixed copy goes", () => {
  const record = cleanFixture("jinghai-ganbuhuiyi");
  const headline = "静海区召开领导干部会议 解放思想 下定决心 强化担当 以壮士断腕的勇气推动高质量发展";
  assert.equal(record.text.split("\n").filter((l) => l === headline).length, 1);
  assert.equal(record.text.split("\n")[0], headline);
  assert.equal(record.title, headline);
  assert.equal(record.removed.filter((r) => r.reason === "重复行").length, 3);
  assert.ok(record.removed.some((r) => r.line.startsWith("05.11 ") && r.reason.startsWith("重复行")));
});

test("copies are found through white space; lines that share only their first and last characters stay", () => {
  const lead = "会议强调，全区上下要深入学习贯彻会议精神，扎实推进各项工作落实。";
  const record = cleanLines(
    "某区召开区委常委会会议",
    lead,
    "会议强调，要抓好安全生产和防汛工作落实。",
    "会议强调 ，全区上下要深入学习贯彻会议精神， 扎实推进各项工作落实。",
    "会议强调，要扎实推进乡村振兴各项工作落实。",
  );
  const kept = record.text.split("\n");
  assert.deepEqual(
    record.removed.filter((r) => r.rule === "repeats.copy").map((r) => r.n),
    [4],
  );
  assert.ok(kept.includes("会议强调，要抓好安全生产和防汛工作落实。"));
  assert.ok(kept.includes("会议强调，要扎实推进乡村振兴各项工作落实。"));
  assert.equal(kept.filter((line) => line === lead).length, 1);
});

test("with width switched off, a copy indented with ideographic spaces is still a copy", () => {
  const paragraph = "会议强调，全区上下要深入学习贯彻会议精神，扎实推进各项工作落实。";
  const text = ["某区召开区委常委会会议", paragraph, "会议听取了有关工作情况汇报。", `\u3000\u3000${paragraph}\u3000`].join("\n");
  const record = clean({ path: null, url: null, text, encoding: "utf-8" }, { skip: ["width"] });
  assert.deepEqual(
    record.removed.filter((r) => r.rule === "repeats.copy").map((r) => r.n),
    [4],
  );
});

test("a list-prefixed line goes when another line, spaced differently, is the same without the prefix", () => {
  const record = cleanLines("某区召开项目推进会", "05.11 某区召开重点项目推进会议", "某区召开重点 项目推进会议", "会议听取了全区重点项目进展情况汇报，研究部署下一步工作。");
  assert.deepEqual(
    record.removed.filter((r) => r.rule === "repeats.list-prefix").map((r) => r.n),
    [2],
  );
});

test("a footer printed twice is removed both times, each with its reason", () => {
  const record = cleanFixture("xiqing-changweihui");
  assert.equal(record.removed.filter((r) => r.line === "wzalogo_06.png").length, 2);
  assert.ok(!record.text.includes("ICP"));
});

test("title without column tags or list prefixes; null when the page has no headline line", () => {
  assert.equal(cleanTitle("V视 | 【“两会”动态】政协通山县十届十六次常委会召开"), "政协通山县十届十六次常委会召开");
  assert.equal(cleanTitle("- 连云港市开发区召开重点部门工作过堂会"), "连云港市开发区召开重点部门工作过堂会");
  assert.equal(cleanFixture("tianqu-tuijinhui-glossed").title, "天衢新区:乘势而上 全力奋战二季度");
  assert.equal(cleanFixture("shawan-diaoyan-no-meeting").title, "副市长刘志强到沙湾区调研春耕生产");
  assert.equal(cleanFixture("gaoling-renda-zhuxituan").title, "高陵区第十八届人民代表大会第四次会议主席团举行第一次会议");
  // A page that opens with its first paragraph has no headline.
  assert.equal(cleanLines("7月22日,经开区召开上半年经济形势分析会,总结上半年工作,部署下半年任务。", "会议强调,要坚定信心,确保完成全年目标。").title, null);
});

test("published date from date lines in any common format, not from a weather box", () => {
  assert.equal(cleanFixture("xiqing-changweihui").published, "2021-07-26");
  const body = "会议强调,要坚定信心,确保完成全年目标。";
  assert.equal(cleanLines("区政府召开常务会议", "21.12.2015 10:55", body).published, "2015-12-21");
  assert.equal(cleanLines("区政府召开常务会议", "2016年12月26日 00:00:00tz2浏览量:180次", body).published, "2016-12-26");
  assert.equal(cleanLines("区政府召开常务会议", "- 2022年02月10日来源:新闻中心", body).published, "2022-02-10");
  assert.equal(cleanLines("区政府召开常务会议", "时间:2020-01-03 来源:党群工作部 点击:", body).published, "2020-01-03");
  // The weather box's date is no publication date.
  assert.equal(cleanLines("天气预报:", "西青区气象台2024年3月29日07时发布:今天白天晴间多云。", "区政府召开常务会议", body).published, null);
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
  assert.equal(cleanFixture("xiqing-changweihui").source.site, "西青信息港");
  assert.equal(cleanFixture("tianqu-tuijinhui-glossed").source.site ?? null, null);
});
