import assert from "node:assert/strict";
import { test } from "node:test";
import { dropGlosses } from "../src/clean/glosses.js";
import { lineWith } from "./helpers.js";

test("drops every pinyin gloss after a Han character, with or without tone marks", () => {
  const line = lineWith("tianqu-tuijinhui-glossed", "天衢新區(qū):乘勢(shì)而上");
  const { text, count } = dropGlosses(line);
  assert.equal(text, "天衢新區:乘勢而上 全力奮戰二季度");
  assert.equal(count, 3);
  assert.deepEqual(dropGlosses("區(qu)發(fa)調(diao)"), { text: "區發調", count: 3 });
});

test("keeps real parentheses: (扩大), (天津), (韓哲宋釗銘), (2023), (街、办)", () => {
  for (const kept of ["西青区委常委会(扩大)会议", "京津冀(天津)西青数据中心项目", "德州新聞網訊(韓哲宋釗銘)4月26日", "规划(2023)", "各鎮(街、辦)"]) {
    assert.deepEqual(dropGlosses(kept), { text: kept, count: 0 });
  }
  const line = lineWith("tianqu-tuijinhui-glossed", "各鎮(zhèn)(街、辦)");
  assert.equal(dropGlosses(line).text, "會議采取視頻形式召開,各鎮(街、辦)、天衢建設發展集團設分會場。");
});

test("a parenthesised Latin word that is no pinyin syllable stays", () => {
  assert.deepEqual(dropGlosses("园区(xyz)"), { text: "园区(xyz)", count: 0 });
  assert.deepEqual(dropGlosses("项目(PPP)"), { text: "项目(PPP)", count: 0 });
});
