import assert from "node:assert/strict";
import { test } from "node:test";
import { clean } from "../src/clean/index.js";
import { convertToSimplified, detectScript } from "../src/clean/script.js";
import { fixturePage, lineWith } from "./helpers.js";

test("detects the script of real pages", () => {
  assert.equal(detectScript(fixturePage("xiqing-changweihui")).script, "simplified");
  assert.equal(detectScript(fixturePage("jinghai-ganbuhuiyi")).script, "traditional");
  assert.equal(detectScript(fixturePage("tianqu-tuijinhui-glossed")).script, "traditional");
});

test("converts phrase by phrase with OpenCC", () => {
  const line = lineWith("jinghai-ganbuhuiyi", "5月10日,靜海區召開領導幹部會議");
  assert.ok(convertToSimplified(line).text.startsWith("5月10日,静海区召开领导干部会议,认真传达贯彻市委书记李鸿忠"));
  assert.equal(convertToSimplified("乾隆年間,乾淨的頭髮").text, "乾隆年间,干净的头发");
});

test("converts 著 and 藉 as OpenCC does, by the phrase they stand in", () => {
  assert.equal(convertToSimplified("要充分藉助東臨濱海").text, "要充分借助东临滨海");
  // A page in Taiwan's variant (裡) writes 著 for 着: OpenCC's tw2s undoes it; standard traditional keeps 著.
  assert.equal(convertToSimplified("裡面的工作圍著發展謀").text, "里面的工作围着发展谋");
  assert.equal(convertToSimplified("群眾的工作圍著發展謀").text, "群众的工作围著发展谋");
  assert.equal(convertToSimplified("顯著").text, "显著");
});

test("a compatibility ideograph on a traditional page is normalized before converting, and counted", () => {
  // U+F9D1 is the compatibility form of 六. Only the first line holds one; the page's count says so and
  // only that line is normalized. Changed by hand: 靜區開領導幹會議 (8), 六, 舉, and 沒 of the second line.
  const record = clean({ path: "t/compat.txt", url: null, text: "靜海區召開領導幹部會議,\uf9d1月十日舉行。\n第二段落沒有相容字。", encoding: "utf-8" });
  assert.equal(record.text, "静海区召开领导干部会议,六月十日举行。\n第二段落没有相容字。");
  assert.equal(record.quality.converted, 11);
});
