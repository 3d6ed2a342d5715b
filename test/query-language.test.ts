import assert from "node:assert/strict";
import { test } from "node:test";
import { parseQuery, type QueryTree } from "../src/search/query.js";

// The query language as a tree, before any backend compiles it: what each piece of syntax means.

const term = (text: string, quoted = false): QueryTree => ({ kind: "term", text, quoted });
const tree = (query: string) => parseQuery(query).tree;

test("words are ANDed; a run of words is segmented; traditional script folds", () => {
  assert.deepEqual(tree("招商引资 项目"), { kind: "and", items: [term("招商引资"), term("项目")] });
  assert.deepEqual(tree("招商引资高质量发展"), { kind: "and", items: [term("招商引资"), term("高质量"), term("发展")] });
  assert.deepEqual(tree("招商引資"), term("招商引资"));
  // Not segmented across punctuation: in 县委常委(扩大)会 the 会 is not part of 扩大.
  const items = (tree("县委常委(扩大)会") as { items: QueryTree[] }).items;
  assert.deepEqual(items.slice(-2), [term("扩大"), term("会")]);
});

test("a minus before a word, phrase or group excludes it; a minus inside a word does not", () => {
  const excluding = parseQuery("招商 -引资");
  assert.deepEqual(excluding.tree, { kind: "and", items: [term("招商"), { kind: "not", item: term("引资") }] });
  assert.deepEqual(excluding.terms, ["招商"], "an excluded word is not marked in snippets");
  assert.deepEqual(tree('会议 -"工作会议"'), { kind: "and", items: [term("会议"), { kind: "not", item: term("工作会议", true) }] });
  assert.deepEqual(tree("-引资"), { kind: "not", item: term("引资") });
  // 2021-03 is a date to find, not 2021 without 03; a lone minus is punctuation.
  assert.deepEqual(tree("2021-03"), { kind: "and", items: [term("2021"), term("03")] });
  assert.deepEqual(tree("招商 - 引资"), { kind: "and", items: [term("招商"), term("引资")] });
  assert.deepEqual(tree("招商 -(引资 OR 项目)"), { kind: "and", items: [term("招商"), { kind: "not", item: { kind: "or", items: [term("引资"), term("项目")] } }] });
});

test("OR joins the items on either side and binds closer than the AND between words", () => {
  assert.deepEqual(tree("招商 OR 引资"), { kind: "or", items: [term("招商"), term("引资")] });
  assert.deepEqual(tree("阜城 招商 OR 引资 OR 项目"), { kind: "and", items: [term("阜城"), { kind: "or", items: [term("招商"), term("引资"), term("项目")] }] });
  assert.deepEqual(tree("(招商 OR 引资) 项目"), { kind: "and", items: [{ kind: "or", items: [term("招商"), term("引资")] }, term("项目")] });
  assert.deepEqual(tree('"工作会议" OR 招商'), { kind: "or", items: [term("工作会议", true), term("招商")] });
  // Lower-case or is a word; OR with nothing beside it asks for nothing.
  assert.deepEqual(tree("gdp or cpi"), { kind: "and", items: [term("gdp"), term("or"), term("cpi")] });
  assert.equal(tree("OR"), null);
  // A minus has no meaning inside an OR: the word is an alternative like the others.
  assert.deepEqual(tree("招商 OR -引资"), { kind: "or", items: [term("招商"), term("引资")] });
});

test("quotes of either script keep a phrase whole; punctuation alone asks for nothing", () => {
  assert.deepEqual(tree("“工作会议”"), term("工作会议", true));
  assert.deepEqual(tree("「經濟運行」"), term("经济运行", true));
  assert.equal(tree("，。!"), null);
  assert.equal(tree('""'), null);
  // An unclosed quote, or a parenthesis nothing opened or closed, is punctuation.
  assert.deepEqual(tree('"招商'), term("招商"));
  assert.deepEqual(tree(")招商 引资)"), { kind: "and", items: [term("招商"), term("引资")] });
  assert.deepEqual(tree("(招商 OR 引资"), { kind: "or", items: [term("招商"), term("引资")] });
});
