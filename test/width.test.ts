import assert from "node:assert/strict";
import { test } from "node:test";
import { normalizeWidth } from "../src/clean/width.js";

test("full-width letters and digits become half-width; Chinese punctuation stays", () => {
  assert.equal(normalizeWidth("２０２１年７月，ＧＤＰ增长５．２％。").text, "2021年7月，GDP增长5.2%。");
});

test("no-break and ideographic spaces are normalized, indentation and trailing spaces dropped", () => {
  const { text, count } = normalizeWidth("\u3000\u30007月23日,西青区委常委会召开\u00a0\u00a0 ");
  assert.equal(text, "7月23日,西青区委常委会召开");
  assert.ok(count > 0);
  assert.equal(normalizeWidth("解放思想 下定决心").text, "解放思想 下定决心");
});

test("counts: an odd space counts once made plain and once trimmed; other trimmed units once; inner work as before", () => {
  // [input, text, count], worked out by hand from the rules above
  const cases: [string, string, number][] = [
    ["\u3000\u3000会议强调", "会议强调", 4],
    ["会议强调\u3000\u00a0 ", "会议强调", 5],
    ["  会议强调  ", "会议强调", 4],
    ["\u3000\u3000５．２％增长", "5.2%增长", 8],
    ["\u3000会议  强调", "会议 强调", 3],
    ["\u200b会议", "会议", 1],
  ];
  for (const [input, text, count] of cases) assert.deepEqual(normalizeWidth(input), { text, count }, JSON.stringify(input));
});
