import assert from "node:assert/strict";
import { test } from "node:test";
import { extractMeeting } from "../src/extract/meeting.js";
import { divisionsNamed, placesIn, renamedDivisionCodes, villageName, villagesOf } from "../src/lexicon/divisions.js";
import type { Record } from "../src/types.js";

// Places below and beside what the gazetteer's names give at once: a village's or community's own meeting
// (its jurisdiction the village as named, its division the village's code or its town's), and counties renamed
// or merged since the gazetteer's edition (户县 → 鄠邑区), read under their old names.

function recordOf(text: string): Record {
  return {
    id: "t",
    source: { path: null, url: null, site: null, url_date: null },
    title: null,
    published: "2021-04-08",
    script: "simplified",
    text,
    removed: [],
    quality: { glosses: 0, garbled: [] },
    meeting: null,
    people: [],
  };
}

const placeOf = (text: string) => {
  const meeting = extractMeeting(recordOf(text));
  return { jurisdiction: meeting?.jurisdiction ?? null, code: meeting?.division?.code ?? null };
};

test("a village committee's row is named as pages name the village", () => {
  const rows: [string, string][] = [
    ["南关村委会", "南关村"],
    ["古城村民委员会", "古城村"],
    ["多福巷社区居委会", "多福巷社区"],
    ["东南关居民委员会", "东南关社区"],
  ];
  for (const [row, name] of rows) assert.equal(villageName(row), name, row);
});

test("a town's villages are read from the village list by the town's code", () => {
  // 阜城县古城镇 (131128101) lists 古城村 as 131128101201; 东华门街道 (110101001) lists 多福巷社区
  assert.ok(villagesOf("131128101").some((v) => v.name === "古城村" && v.code === "131128101201"));
  assert.ok(villagesOf("110101001").some((v) => v.name === "多福巷社区"));
  assert.deepEqual(villagesOf("999999999"), []);
});

test("a village's or community's meeting: the village as named; its code when listed, else its town's", () => {
  const valid: { text: string; jurisdiction: string; code: string }[] = [
    // not in the town's list: the village as named, the town's code (the deepest the gazetteer codes)
    { text: "4月7日,阜城县古城镇南关村召开“两委”全体会议。", jurisdiction: "南关村", code: "131128101" },
    // the same class with a village the town's list holds: the village's own code
    { text: "4月7日,阜城县古城镇古城村召开“两委”全体会议。", jurisdiction: "古城村", code: "131128101201" },
    { text: "东城区东华门街道多福巷社区召开党员大会。", jurisdiction: "多福巷社区", code: "110101001001" },
  ];
  for (const row of valid) assert.deepEqual(placeOf(row.text), { jurisdiction: row.jurisdiction, code: row.code }, row.text);
  // phrases after a town that name no village: the town's meeting, as before
  const invalid: { text: string; jurisdiction: string }[] = [
    { text: "阜城县古城镇各村党支部书记会议召开。", jurisdiction: "阜城县" },
    { text: "阜城县古城镇农村工作会议召开。", jurisdiction: "阜城县" },
  ];
  for (const row of invalid) assert.equal(placeOf(row.text).jurisdiction, row.jurisdiction, row.text);
});

test("every renamed division is found under its parent, and no old name is a current one", () => {
  const entries = renamedDivisionCodes();
  assert.ok(entries.length >= 40);
  for (const entry of entries) {
    assert.ok(entry.code, `${entry.old}: what it became is not found under its parent`);
    assert.ok(!entry.current, `${entry.old} is still a division's name`);
  }
});

test("a county renamed since the gazetteer's edition resolves under its old name", () => {
  const valid: [string, string, string][] = [
    ["户县", "610118", "鄠邑区"],
    ["郫县", "510117", "郫都区"],
    ["萧山市", "330109", "萧山区"],
    ["长岛县", "370614", "蓬莱区"],
    ["襄樊市", "4206", "襄阳市"],
  ];
  for (const [old, code, now] of valid) assert.deepEqual(divisionsNamed(old).map((d) => [d.code, d.path.at(-1)]), [[code, now]], old);
  // the old name is read where a two-character county may stand: after 中共, at a clause's start
  assert.deepEqual(placesIn("中共户县县委召开常委会议").map((p) => p.name), ["户县"]);
  assert.deepEqual(placesIn("会上,郫县县长作报告").map((p) => p.name), ["郫县"]);
  // and not inside another word
  assert.deepEqual(placesIn("服务用户县城居民").map((p) => p.name), []);
  // a meeting held under the old name keeps it, with the division it became
  assert.deepEqual(placeOf("2月28日,中共户县县委召开十六届第43次常委会议。"), { jurisdiction: "户县", code: "610118" });
});
