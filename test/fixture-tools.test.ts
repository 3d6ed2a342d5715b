import assert from "node:assert/strict";
import { test } from "node:test";
import { formatExpected } from "./fixture-format.js";
import { project, regenerated, sameJson, type Expected } from "./fixture-pages.js";
import type { Record } from "../src/types.js";

const record: Record = {
  id: "x",
  source: { path: "p.txt", url: null },
  title: "县委常委会会议召开",
  published: "2021-03-16",
  script: "simplified",
  text: "县委常委会会议召开\n3月15日,县委书记申文霞主持召开县委常委会会议。",
  removed: [{ line: "首页 > 县内要闻", reason: "导航:栏目路径" }],
  quality: { glosses: 0, garbled: [], width: 2 },
  meeting: { name: "县委常委会会议", date: "2021-03-15", jurisdiction: "阜城县", division: { code: "131128", path: ["河北省", "衡水市", "阜城县"] }, kinds: ["常委会"] },
  people: [{ name: "申文霞", posts: ["县委书记"], roles: ["主持"], clues: [{ sentence: "…", rule: "职务+姓名" }] }],
};

test("the projection keeps what a reader checks and drops clues, ids and paths", () => {
  const projection = project(record);
  assert.deepEqual(projection.kept, ["县委常委会会议召开", "3月15日,县委书记申文霞主持召开县委常委会会议。"]);
  assert.deepEqual(projection.people, [{ name: "申文霞", posts: ["县委书记"], roles: ["主持"] }]);
  assert.equal(projection.meeting?.division, "131128");
  assert.deepEqual(projection.removed, [{ line: "首页 > 县内要闻", reason: "导航:栏目路径" }]);
});

test("a removed line's number and rule id enter the projection only when the record carries them", () => {
  const withProvenance = { ...record, removed: [{ line: "首页 > 县内要闻", reason: "导航:栏目路径", n: 1, rule: "nav.path" }] };
  assert.deepEqual(project(withProvenance).removed, [{ line: "首页 > 县内要闻", reason: "导航:栏目路径", n: 1, rule: "nav.path" }]);
});

test("regenerating keeps an open field's hand-set value and its reason, and takes every other field from the output", () => {
  const actual = project(record);
  const previous: Expected = {
    ...actual,
    title: "旧标题",
    people: [{ name: "申文霞", posts: ["县委书记"], roles: ["主持", "讲话"] }],
    open: [{ field: "people", reason: "讲话 missed" }],
  };
  const next = regenerated(actual, previous);
  assert.equal(next.title, "县委常委会会议召开");
  assert.deepEqual(next.people, [{ name: "申文霞", posts: ["县委书记"], roles: ["主持", "讲话"] }]);
  assert.deepEqual(next.open, [{ field: "people", reason: "讲话 missed" }]);
  assert.ok(!("open" in regenerated(actual, null)));
});

test("expected files put one array item a line and compare without regard to key order", () => {
  const text = formatExpected(project(record));
  assert.ok(text.includes('\n    {"name":"申文霞","posts":["县委书记"],"roles":["主持"]}\n'));
  assert.ok(sameJson(JSON.parse(text), project(record)));
  assert.ok(sameJson({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 }));
  assert.ok(!sameJson({ a: [1, 2] }, { a: [2, 1] }));
});
