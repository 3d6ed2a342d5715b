import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { test } from "node:test";
import { ConverterFactory } from "opencc-js/core";
import CJKCompatibility from "opencc-js/dict/CJK_Compatibility_Ideographs";
import HKVariantsRev from "opencc-js/dict/HKVariantsRev";
import HKVariantsRevPhrases from "opencc-js/dict/HKVariantsRevPhrases";
import TSCharacters from "opencc-js/dict/TSCharacters";
import TSPhrases from "opencc-js/dict/TSPhrases";
import TWVariantsRev from "opencc-js/dict/TWVariantsRev";
import TWVariantsRevPhrases from "opencc-js/dict/TWVariantsRevPhrases";
import { changedInLast, trieChain } from "../src/clean/trie-chain.js";
import { fixturePage, ROOT } from "./helpers.js";

// The fast converter must give what opencc-js's ConverterFactory gives for the same tables, on any text:
// phrases across each other's ends, characters outside the BMP, lone surrogates, description sequences.

const CHAINS: { name: string; groups: string[][] }[] = [
  { name: "t2s", groups: [[TSPhrases, TSCharacters]] },
  { name: "tw2s", groups: [[TWVariantsRevPhrases, TWVariantsRev], [TSPhrases, TSCharacters]] },
  { name: "hk2s", groups: [[HKVariantsRevPhrases, HKVariantsRev], [TSPhrases, TSCharacters]] },
  { name: "compatibility", groups: [[CJKCompatibility]] },
];

const keysOf = (dict: string) => dict.split("|").map((entry) => entry.slice(0, entry.indexOf(" ")));

const opencc = JSON.parse(readFileSync(resolve(ROOT, "test/opencc/cases.json"), "utf8")) as { [config: string]: { input: string }[] | string };
const openccInputs = Object.values(opencc).flatMap((cases) => (Array.isArray(cases) ? cases.map((c) => c.input) : []));

/** Texts that put the converter's every branch to work. */
function texts(groups: string[][]): string[] {
  const keys = groups.flat().flatMap(keysOf);
  return [
    "",
    "没有一个繁体字的简体句子。",
    "乾隆年間,乾淨的頭髮;著作顯著,圍著發展",
    // every key of the tables back to back, so one key's end meets the next key's start
    keys.join(""),
    keys.join(" "),
    // keys cut in the middle: a phrase's head without its tail
    keys.map((key) => key.slice(0, Math.max(1, key.length - 1))).join(""),
    "𠀀𠮷乾淨\ud840乾\udc00淨",
    "⿰木木乾淨⿱艹頭髮⿰乾",
    "乾淨⿰",
    "\uf900\uf901\ufa0b\u{2f800}",
    "\uf900\uf901\ufa0b會議",
    fixturePage("jinghai-ganbuhuiyi"),
    fixturePage("tianqu-tuijinhui-glossed"),
    ...openccInputs,
  ];
}

for (const { name, groups } of CHAINS) {
  test(`the fast ${name} chain converts every text as opencc-js's ConverterFactory does`, () => {
    const fast = trieChain(...groups);
    const library = ConverterFactory(...groups);
    const all = texts(groups);
    assert.ok(all.length > 20 && all[3]!.length > 1000, "the texts are there");
    for (const text of all) assert.equal(fast(text), library(text), `${name}: ${text.slice(0, 40)}`);
  });
}

test("a text the tables do not touch comes back as it was, a traditional one converted", () => {
  const t2s = trieChain([TSPhrases, TSCharacters]);
  assert.equal(t2s("西青区召开常委会会议"), "西青区召开常委会会议");
  assert.equal(t2s("靜海區召開領導幹部會議"), "静海区召开领导干部会议");
});

/** Units that differ between a text and its conversion of the same length, counted by comparing them. */
function differingUnits(a: string, b: string): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) n++;
  return n;
}

for (const { name, groups } of CHAINS) {
  test(`the ${name} chain's own count of changed units is what a comparison counts, or -1`, () => {
    const fast = trieChain(...groups);
    let counted = 0;
    // every text, and each of its lines, as the script stage converts them
    for (const text of texts(groups).flatMap((t) => [t, ...t.split("\n")])) {
      const out = fast(text);
      const known = changedInLast();
      if (out === text) assert.equal(known, 0, `${name}: nothing changed in ${text.slice(0, 40)}`);
      else if (known >= 0) {
        assert.equal(out.length, text.length, `${name}: a count only where the output stands unit for unit`);
        assert.equal(known, differingUnits(text, out), `${name}: ${text.slice(0, 40)}`);
        counted++;
      }
    }
    assert.ok(counted > 0, `${name}: the converter counted changed texts itself (${counted})`);
  });
}
