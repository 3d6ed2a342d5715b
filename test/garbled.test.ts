import assert from "node:assert/strict";
import { test } from "node:test";
import iconv from "iconv-lite";
import { repairLine } from "../src/clean/garbled.js";
import { clean } from "../src/clean/index.js";
import { cleanFixture, lineWith } from "./helpers.js";

test("changxingdao: the byte-slipped span is listed and re-aligned to 的干部隊; the lost character is not guessed", () => {
  const { text, spans } = repairLine(lineWith("changxingdao-liangwei-damaged", "錘煉忠誠"));
  assert.deepEqual(
    spans.map((s) => [s.text, s.repaired]),
    [["?shù)", null], ["母刹筷?duì)", "的干部隊"]],
  );
  assert.ok(text.includes("擔(dān)當(dāng)的干部隊(duì)伍建設(shè)"));
  const record = cleanFixture("changxingdao-liangwei-damaged");
  assert.ok(record.text.includes("锤炼忠诚干净担当的干部队伍建设"));
});

// A line of a glossed traditional page whose 區 lost a byte (quoted from a real page).
const SHUANGQIAO = "藉河生態(tài)濕地公園、雙橋?qū)懽謽恰⑥r(nóng)業(yè)大廈及佳•水漾年華、山水花園五星級(jí)酒店項(xiàng)目建設(shè)情況有關(guān)事宜。";

test("雙橋?qū)懽謽恰⑥r → 雙橋區寫字樓、農, the lost 區 chosen by its gloss and the word 双桥区", () => {
  const { spans } = repairLine(SHUANGQIAO);
  assert.deepEqual(
    spans.map((s) => [s.text, s.repaired]),
    [["?qū)", "区"], ["懽謽恰⑥r", "寫字樓、農"]],
  );
  assert.ok(clean({ path: null, url: null, text: SHUANGQIAO, encoding: "utf-8" }).text.includes("双桥区写字楼、农业大厦"));
});

test("UTF-8 read as GBK and as Latin-1 is re-read; 锟斤拷 and U+FFFD are listed and dropped", () => {
  const asGbk = iconv.decode(Buffer.from("区委常委会召开", "utf8"), "gbk");
  const fixed = repairLine(`7月23日,西青${asGbk}。`);
  assert.equal(fixed.text, "7月23日,西青区委常委会召开。");
  const asLatin1 = Buffer.from("经济运行分析会", "utf8").toString("latin1");
  assert.equal(repairLine(`半年${asLatin1}召开`).text, "半年经济运行分析会召开");
  const lost = repairLine("会议锟斤拷锟斤拷强调\ufffd\ufffd要求");
  assert.equal(lost.text, "会议强调要求");
  assert.deepEqual(lost.spans.map((s) => s.repaired), [null, null]);
});

test("clean text with rare names is left alone", () => {
  for (const line of [lineWith("jinghai-ganbuhuiyi", "區委書記藺雪峰主持會議"), "区委书记李清出席会议并讲话。", "规划(2023)?是的。"]) {
    assert.deepEqual(repairLine(line), { text: line, spans: [] });
  }
});
