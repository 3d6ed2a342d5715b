import assert from "node:assert/strict";
import { test } from "node:test";
import { firstChars, topLevelAlternatives } from "../src/lexicon/first-chars.js";

// What a match of an expression must have, read from its source: the characters it can begin with where
// it is anchored at the line's start, else a set of characters one of which it holds. A set too small would
// let the screen pass over a line a rule names, so the cases read as "any" matter as much as the others.

const chars = (set: Set<number>) => String.fromCharCode(...[...set].sort((a, b) => a - b));
const sorted = (text: string) => [...text].sort().join("");

/** source, flags, characters at the start, characters anywhere */
const READ: [string, string, string, string][] = [
  ["ICP备", "", "", "备"],
  ["ICP", "", "", "I"],
  ["^(当前位置|您的位置)\\s*[:：]", "", "当您", ""],
  ["^[•·>\\-]*(当前|位置)", "", "•·>-当位", ""],
  ["(^(主办|承办)\\s*[:：]|版权所有|\\(c\\))", "", "主承", "版("],
  ["(扫一扫|扫码).{0,12}手机", "", "", "扫"],
  ["[晴阴]天", "", "", "天"],
  ["[晴阴]", "", "", "晴阴"],
  // a part not read (a dot, a back-reference) is passed over for one that is
  ["a|.b", "", "", "ab"],
  ["(a)\\1", "", "", "a"],
  ["\\1a", "", "", "a"],
  // a name referred back to is not text the match holds
  ["(?<名>a)\\k<名>", "", "", "a"],
  ["(a|)b", "", "", "b"],
  ["a*b", "", "", "b"],
  ["(ab)?c", "", "", "c"],
  ["x{0,2}y", "", "", "y"],
  ["(?=a)b", "", "", "b"],
  ["(?<x>a)", "", "", "a"],
  // the beginning is not read (a negated class), so a part every match has screens it
  ["^[^。]{0,20}(https?://|www\\.)", "", "", "hw"],
  ["Copyright", "i", "", "Cc"],
  ["^[\\u4e00-\\u4e02]", "", "一丁丂", ""],
];

/** Expressions any line may match as far as the reading can tell. */
const ANY: [string, string][] = [
  ["", ""],
  ["^$", ""],
  ["^\\s*", ""],
  [".{0,3}", ""],
  ["[^。]+", ""],
  ["\\S+", ""],
  ["a|.", ""],
  ["\\1", ""],
  ["\\p{L}", "u"],
  ["abc", "g"],
  ["(a|)", ""],
];

test("the characters matches of the rules' kinds of expression must have", () => {
  for (const [source, flags, anchored, anywhere] of READ) {
    const found = firstChars(source, flags);
    assert.equal(found.any, false, source);
    assert.equal(chars(found.anchored), sorted(anchored), `${source}: at the start`);
    assert.equal(chars(found.anywhere), sorted(anywhere), `${source}: anywhere`);
  }
});

test("a white-space class and a digit class are read as the characters they stand for", () => {
  const found = firstChars("^\\s*\\d");
  for (const c of [" ", "\t", "\u3000", "\u00a0", "0", "9"]) assert.ok(found.anchored.has(c.charCodeAt(0)), JSON.stringify(c));
  assert.ok(!found.anchored.has("a".charCodeAt(0)));
});

test("what the reading cannot be sure of is asked on every line", () => {
  for (const [source, flags] of ANY) assert.equal(firstChars(source, flags).any, true, `/${source}/${flags}`);
});

test("of the parts every match has, the rarest screens", () => {
  // 大 and 的 are in most paragraphs; 汉 and 版 far fewer
  const common = (code: number) => ("大的".includes(String.fromCharCode(code)) ? 20 : 1);
  assert.equal(chars(firstChars("大汉版通", "", common).anywhere), "汉");
  assert.equal(chars(firstChars("的[版汉]", "", common).anywhere), sorted("版汉"));
});

test("top-level alternatives keep groups, classes and escapes whole", () => {
  assert.deepEqual(topLevelAlternatives("a|(b|c)|[|]|\\|d"), ["a", "(b|c)", "[|]", "\\|d"]);
});
