import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { test } from "node:test";
import { lineRule } from "../src/clean/boilerplate.js";
import { boilerplateRules } from "../src/lexicon/boilerplate-rules.js";
import { fixturePage } from "./helpers.js";
import { PAGES } from "./fixture-pages.js";

// lineRule asks only the rules whose characters a line has (src/lexicon/first-chars.ts); the rule it
// names must be the first rule, in the file's order, whose expression matches a line of its length.

function firstRule(text: string): string | null {
  for (const rule of boilerplateRules().rules) if (text.length <= rule.maxLength && rule.pattern.test(text)) return rule.id;
  return null;
}

/** The non-empty lines of the fixture pages that have a text page. */
function fixtureLines(): string[] {
  const lines: string[] = [];
  for (const slug of readdirSync(PAGES)) {
    let text: string;
    try {
      text = fixturePage(slug);
    } catch {
      continue; // an HTML fixture has no text page
    }
    for (const raw of text.split("\n")) if (raw.trim() !== "") lines.push(raw.trim());
  }
  return lines;
}

test("the screened rules name every line of the fixture pages as the rules one by one do", () => {
  const ids = new Set(boilerplateRules().rules.map((rule) => rule.id));
  let named = 0;
  let lines = 0;
  for (const line of fixtureLines()) {
    lines++;
    const expected = firstRule(line);
    const got = lineRule(line);
    if (expected !== null) {
      named++;
      assert.equal(got, expected, line);
    } else assert.ok(got === null || !ids.has(got), `${line}: ${got}`);
  }
  assert.ok(lines > 100 && named > 10, `${lines} lines, ${named} named by a rule`);
});

test("lines of every rule's kind are still named, and prose is named by none", () => {
  assert.equal(lineRule("京ICP备05070829号"), "boilerplate.footer.icp");
  assert.equal(lineRule("首页 > 新闻中心 > 工作动态"), "boilerplate.nav.breadcrumb");
  assert.equal(lineRule("责任编辑:王芳"), "boilerplate.credit.editor");
  assert.equal(lineRule("会议强调,要深入学习贯彻党的二十大精神,扎实推动各项工作落地见效。"), null);
});

test("a widget line is widget words and glue only, with one word at least", () => {
  const cases: [string, string | null][] = [
    ["视力保护色 背景色", "boilerplate.widget.line"],
    ["朗读 | 繁体 | 简体", "boilerplate.widget.line"],
    ["【听全文】【纠错】", "boilerplate.widget.line"],
    // glue alone holds no widget word: a line of symbols, not of widgets
    ["| 【】 |", "boilerplate.no-han.symbols"],
    // widget characters inside a headline do not make it a widget line
    ["大中小学校长会议", null],
  ];
  for (const [line, rule] of cases) assert.equal(lineRule(line), rule, line);
});

test("lines a rule names, cut and spliced, are still named as asking every rule names them", () => {
  // Near misses and near matches of every kind the fixtures hold: a wrong reading of an expression would let
  // the screen pass over one of them. The cuts are the same on every run (a fixed sequence).
  const named = fixtureLines().filter((line) => firstRule(line) !== null);
  const others = fixtureLines().filter((line) => firstRule(line) === null);
  let state = 12345;
  const next = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % n;
  };
  let checked = 0;
  let stillNamed = 0;
  for (const line of named) {
    for (let k = 0; k < 20; k++) {
      const at = next(line.length + 1);
      const cut = line.slice(0, at) + line.slice(Math.min(line.length, at + 1 + next(3)));
      const other = others[next(others.length)]!;
      const spliced = next(2) ? other.slice(0, next(8)) + cut : cut + other.slice(0, next(8));
      for (const variant of [cut, spliced]) {
        const expected = firstRule(variant);
        if (expected !== null) stillNamed++;
        if (expected !== null) assert.equal(lineRule(variant), expected, variant);
        checked++;
      }
    }
  }
  assert.ok(named.length > 10 && stillNamed > checked / 4, `${checked} variants of ${named.length} lines, ${stillNamed} still named`);
});
