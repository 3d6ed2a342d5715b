import assert from "node:assert/strict";
import { test } from "node:test";
import { convertToSimplified, detectScript } from "../src/clean/script.js";
import { corpusPage, lineWith } from "./helpers.js";

test("detects the script of real pages", () => {
  assert.equal(detectScript(corpusPage("000_54e3948d9bb23207")).script, "simplified");
  assert.equal(detectScript(corpusPage("001_82af85d000967d12")).script, "traditional");
  assert.equal(detectScript(corpusPage("b010")).script, "traditional");
});

test("converts phrase by phrase with OpenCC", () => {
  const line = lineWith("001_82af85d000967d12", "5月10日,靜海區召開領導幹部會議");
  assert.ok(convertToSimplified(line).text.startsWith("5月10日,静海区召开领导干部会议,认真传达贯彻市委书记李鸿忠"));
  assert.equal(convertToSimplified("乾隆年間,乾淨的頭髮").text, "乾隆年间,干净的头发");
});

test("converts 著 and 藉 as OpenCC does, by the phrase they stand in", () => {
  assert.equal(convertToSimplified("要充分藉助東臨濱海").text, "要充分借助东临滨海");
  // A page in Taiwan's variant (群眾) writes 著 for 着: OpenCC's tw2s undoes it; standard traditional keeps 著.
  assert.equal(convertToSimplified("群眾的工作圍著發展謀").text, "群众的工作围着发展谋");
  assert.equal(convertToSimplified("顯著").text, "显著");
});
