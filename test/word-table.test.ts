import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import { isKnownPersonName, isProperNoun, pairScore, wordFit, wordFrequency } from "../src/lexicon/char-model.js";
import { WordTable } from "../src/lexicon/word-table.js";

test("WordTable: counts of the words added, 0 for others; a word added again takes its last count, as Map.set does", () => {
  const table = WordTable.build(4, 20, (add) => {
    add("干部", 9717);
    add("写字", 154);
    add("双桥区", 3);
    add("写字", 155);
  });
  assert.equal(table.size, 3);
  assert.equal(table.count("干部"), 9717);
  assert.equal(table.count("写字"), 155);
  assert.equal(table.count("双桥区"), 3);
  assert.equal(table.count("双桥"), 0, "a prefix of a word is not the word");
  assert.equal(table.count("干部们"), 0);
  assert.equal(table.count(""), 0);
  assert.equal(table.has("双桥区"), true);
  assert.equal(table.has("区"), false);
});

test("WordTable: words beyond the 16-bit plane and of one character; counts outside 32 bits are held at its bounds", () => {
  const table = WordTable.build(3, 10, (add) => {
    add("𠀀字", 7);
    add("的", 2 ** 40);
    add("负", -5);
  });
  assert.equal(table.count("𠀀字"), 7);
  assert.equal(table.count("𠀀"), 0);
  assert.equal(table.count("的"), 0xffffffff);
  assert.equal(table.count("负"), 0);
  assert.equal(table.has("负"), true);
});

test("WordTable: refuses more words than it was sized for instead of looping forever", () => {
  assert.throws(() =>
    WordTable.build(2, 10, (add) => {
      for (let i = 0; i < 100; i++) add(String(i), i);
    }),
  );
});

test("WordTable holds every word of jieba's dictionary with the count a Map would hold", () => {
  const require = createRequire(import.meta.url);
  const lines = readFileSync(require.resolve("@node-rs/jieba/dict.txt"), "utf8").split("\n");
  const map = new Map<string, number>();
  for (const line of lines) {
    const [word, count] = line.split(" ");
    if (word && count) map.set(word, Number.parseInt(count, 10) || 1);
  }
  const table = WordTable.build(lines.length, lines.join("").length, (add) => {
    for (const [word, count] of map) add(word, count);
  });
  assert.equal(table.size, map.size);
  for (const [word, count] of map) if (table.count(word) !== count) assert.fail(`${word}: ${table.count(word)} ≠ ${count}`);
  // Misses: each word with a character appended that no word of the dictionary ends with.
  let misses = 0;
  for (const word of map.keys()) if (!map.has(word + "乂") && table.has(word + "乂")) misses++;
  assert.equal(misses, 0);
});

test("char model: dictionary counts, pairs, word fits and name tags read through the table (values from jieba's dict.txt)", () => {
  assert.equal(wordFrequency("干部"), 9717);
  assert.equal(wordFrequency("中华人民共和国中央人民政府"), 180);
  assert.equal(wordFrequency("干部队"), 0);
  assert.equal(pairScore("写", "字"), Math.log(1 + 154) * 0.5);
  assert.equal(pairScore("寫", "字"), Math.log(1 + 154) * 0.5, "traditional characters are looked up as simplified ones");
  assert.equal(pairScore("字", "写"), 0);
  assert.equal(wordFit("雙", "寫字")("橋"), 2, "双桥 is a word; 双桥写 and 桥写字 are not");
  assert.equal(isKnownPersonName("周密"), true);
  assert.equal(isKnownPersonName("干部"), false);
  assert.equal(isProperNoun("乌云其木格"), true);
  assert.equal(isProperNoun("中华人民共和国中央人民政府"), true);
  assert.equal(isProperNoun("写字"), false);
});

test("word table: every pair of neighbours in a word is held; a pair in no word is not, at this table's size", () => {
  const table = WordTable.build(3, 12, (add) => {
    add("双桥区", 10);
    add("写字楼", 5);
    add("𠀋村", 1);
  });
  const pair = (text: string, at: number) => [text.charCodeAt(at), text.charCodeAt(at + 1)] as const;
  for (const [word, at] of [["双桥区", 0], ["双桥区", 1], ["写字楼", 0], ["写字楼", 1], ["𠀋村", 0], ["𠀋村", 1]] as const) {
    assert.equal(table.hasPair(...pair(word, at)), true, `${word} at ${at}`);
  }
  // across words and in reverse: no word holds these side by side (eight bits of 2^22 are set)
  for (const text of ["区写", "桥双", "楼双", "字写"]) assert.equal(table.hasPair(...pair(text, 0)), false, text);
});

test("char model: a candidate that makes a word with neither neighbour fits 0, one that does fits its word's length", () => {
  assert.equal(wordFit("双", "写字")("桥"), 2);
  assert.equal(wordFit("雙", "")("橋"), 2, "traditional neighbours and candidates are looked up simplified");
  assert.equal(wordFit("", "字楼")("写"), 3);
  assert.equal(wordFit("双", "写")("乂"), 0);
  assert.equal(wordFit("", "")("桥"), 0);
});
