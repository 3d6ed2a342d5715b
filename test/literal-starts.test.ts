import assert from "node:assert/strict";
import { test } from "node:test";
import { literalStarts, startsFinder, topLevelAlternatives } from "../src/lexicon/literal-starts.js";

// The literal texts a match must start with, read from an expression's source; null where the source does
// not say for certain (then the expression is always run). A wrong non-null answer would let a screen pass
// over a line a rule names, so the unreadable cases matter as much as the readable ones.

const READ: [string, string[]][] = [
  ["ICP备", ["ICP备"]],
  ["(发布时间|发布日期|来源)\\s*[:：]", ["发布时间", "发布日期", "来源"]],
  ["(?:扫一扫|扫码).{0,12}手机", ["扫一扫", "扫码"]],
  ["(^(主办|承办)\\s*[:：]|版权所有|\\(c\\))", ["主办", "承办", "版权所有", "(c)"]],
  ["已有\\d+人参与", ["已有"]],
  ["版权归[^。]{1,30}所有", ["版权归"]],
  ["读完(约|需)\\d+分钟", ["读完"]],
  ["ab?c", ["a"]],
  ["ab+c", ["ab"]],
];

const UNREADABLE = ["[晴阴]天", ".{0,3}发布", "\\d+人", "(a|)b", "a*b", "(?=a)a", "(?<x>a)", "(ab)?c", "", "^$", "\\s*来源"];

test("the literal starts of expressions the screen joins", () => {
  for (const [source, starts] of READ) assert.deepEqual(literalStarts(source), starts, source);
});

test("expressions whose matches may start anywhere are not read", () => {
  for (const source of UNREADABLE) assert.equal(literalStarts(source), null, source);
});

test("top-level alternatives keep groups, classes and escapes whole", () => {
  assert.deepEqual(topLevelAlternatives("a|(b|c)|[|]|\\|d"), ["a", "(b|c)", "[|]", "\\|d"]);
});

test("a finder says whether any start occurs in a line", () => {
  const finder = startsFinder(["ICP备", "转载必究", "转载请注明"]);
  assert.equal(finder.occursIn("京ICP备05070829号"), true);
  assert.equal(finder.occursIn("版权所有,转载请注明出处"), true);
  assert.equal(finder.occursIn("会议强调,要转变作风,狠抓落实。"), false);
  assert.equal(finder.occursIn(""), false);
});
