import assert from "node:assert/strict";
import { test } from "node:test";
import iconv from "iconv-lite";
import { repairLine } from "../src/clean/garbled.js";
import { cleanCorpusPage, lineWith } from "./helpers.js";

test("seed 004: the byte-slipped span is listed and re-aligned to 的干部隊; the lost character is not guessed", () => {
  const { text, spans } = repairLine(lineWith("004_d722b9b81b7011d3", "錘煉忠誠"));
  assert.deepEqual(
    spans.map((s) => [s.text, s.repaired]),
    [["?shù)", null], ["母刹筷?duì)", "的干部隊"]],
  );
  assert.ok(text.includes("擔(dān)當(dāng)的干部隊(duì)伍建設(shè)"));
  const record = cleanCorpusPage("004_d722b9b81b7011d3");
  assert.ok(record.text.includes("锤炼忠诚干净担当的干部队伍建设"));
});

test("dev b005: 雙橋?qū)懽謽恰⑥r → 雙橋區寫字樓、農, the lost 區 chosen by its gloss and the word 双桥区", () => {
  const { spans } = repairLine(lineWith("b005", "雙橋"));
  assert.deepEqual(
    spans.map((s) => [s.text, s.repaired]),
    [["?qū)", "区"], ["懽謽恰⑥r", "寫字樓、農"]],
  );
  assert.ok(cleanCorpusPage("b005").text.includes("双桥区写字楼、农业大厦"));
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
  for (const line of [lineWith("001_82af85d000967d12", "區委書記藺雪峰主持會議"), "区委书记李清出席会议并讲话。", "规划(2023)?是的。"]) {
    assert.deepEqual(repairLine(line), { text: line, spans: [] });
  }
});
