import assert from "node:assert/strict";
import { test } from "node:test";
import { glossesIn } from "../src/clean/glosses.js";
import { isPinyinSyllable } from "../src/lexicon/pinyin.js";
import { fixturePage } from "./helpers.js";

// glossesIn reads glosses by hand; the expression it stands for is the definition, and both must find the
// same spans on any text: glossed pages, and random text made of the characters where the two could part.

const GLOSS = /(?<=[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}?])[(（]([a-zA-Zü\u00e0-\u00fc\u0100-\u01dc]{1,7})[)）]/gu;

function byExpression(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of text.matchAll(GLOSS)) if (isPinyinSyllable(m[1]!)) spans.push([m.index!, m.index! + m[0].length]);
  return spans;
}

/** A deterministic sequence, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const PIECES = ["區(qū)", "发（fā）", "?(diào)", "𠀀(lǜ)", "區", "发", "豈", "𠀀", "𪚥", "?", "(", ")", "（", "）", "qū", "fa", "diào", "lǜ", "zhuang", "zhuangg", "ABC", "x", "ü", "ē", "1", " ", "\ud840", "\udc00", "a", "n", "ng"];

test("glossesIn finds what the gloss expression finds, on glossed pages and random text", () => {
  for (const slug of ["tianqu-tuijinhui-glossed", "jinghai-ganbuhuiyi", "xiqing-changweihui"]) {
    for (const line of fixturePage(slug).split("\n")) assert.deepEqual(glossesIn(line), byExpression(line), line);
  }
  const next = random(7);
  let found = 0;
  for (let n = 0; n < 20000; n++) {
    const text = Array.from({ length: 1 + Math.floor(next() * 12) }, () => PIECES[Math.floor(next() * PIECES.length)]!).join("");
    const expected = byExpression(text);
    found += expected.length;
    assert.deepEqual(glossesIn(text), expected, JSON.stringify(text));
  }
  assert.ok(found > 100, `random texts held ${found} glosses`);
});
