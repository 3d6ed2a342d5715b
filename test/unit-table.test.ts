import assert from "node:assert/strict";
import { test } from "node:test";
import { unitsMatching } from "../src/clean/unit-table.js";

test("a unit table holds what its expression matches as one unit, whatever the expression's flags", () => {
  const blank = unitsMatching(/\s+/g);
  for (const ch of [" ", "\t", "\u3000", "\u00a0", "\ufeff"]) assert.equal(blank[ch.charCodeAt(0)], 1, JSON.stringify(ch));
  for (const ch of ["a", "会", "，", "\u200b"]) assert.equal(blank[ch.charCodeAt(0)], 0, JSON.stringify(ch));
  const punctuation = unitsMatching(/[\s\p{P}]+/gu);
  for (const ch of ["，", "。", "（", "!", " "]) assert.equal(punctuation[ch.charCodeAt(0)], 1, ch);
  for (const ch of ["会", "a", "1", "\ud840"]) assert.equal(punctuation[ch.charCodeAt(0)], 0, JSON.stringify(ch));
});
