import assert from "node:assert/strict";
import { test } from "node:test";
import { extractMeeting } from "../src/extract/meeting.js";
import { extractPeople } from "../src/extract/people.js";
import type { Record } from "../src/types.js";

// Mongolian and Tibetan names in lists with no post of their own, and a unit's meeting (a 指挥部). The sentences
// have the shape of the pages' own (出席会议的还有：…, …等出席会议, X指挥部召开…); 拓园工作指挥部 is quoted.

const names = (text: string) => extractPeople(text).map((p) => [p.name, p.roles.join("/")]);

test("Mongolian and Tibetan names in a list, without a post", () => {
  const valid: [string, string[][]][] = [
    // jieba lists 乌云其木格 as a frequent word (tagged as a place): a proper noun is no common word
    ["出席会议的还有：巴特尔、乌云其木格。", [["巴特尔", "出席"], ["乌云其木格", "出席"]]],
    ["巴特尔、乌云其木格、王伟出席会议。", [["巴特尔", "出席"], ["乌云其木格", "出席"], ["王伟", "出席"]]],
    ["副旗长乌云其木格出席会议。", [["乌云其木格", "出席"]]],
    ["旗领导那仁满都拉、格日勒图出席会议。", [["那仁满都拉", "出席"], ["格日勒图", "出席"]]],
    ["次仁多吉、格桑卓玛、扎西出席会议。", [["次仁多吉", "出席"], ["格桑卓玛", "出席"], ["扎西", "出席"]]],
  ];
  for (const [text, people] of valid) assert.deepEqual(names(text), people, text);
  // a frequent common word made of transliteration characters is still no name
  const invalid = ["各族干部群众出席会议。", "会议强调,要巩固拓展脱贫攻坚成果。"];
  for (const text of invalid) assert.deepEqual(names(text), [], text);
});

function recordOf(text: string): Record {
  return {
    id: "t",
    source: { path: null, url: null, site: null, url_date: null },
    title: null,
    published: "2021-03-06",
    script: "simplified",
    text,
    removed: [],
    quality: { glosses: 0, garbled: [] },
    meeting: null,
    people: [],
  };
}

test("a unit's meeting keeps the unit in its name; its jurisdiction is the place the unit belongs to", () => {
  const rows: [string, string, string][] = [
    ["3月5日,阜城县疫情防控指挥部召开专题会议。", "阜城县疫情防控指挥部专题会议", "阜城县"],
    ["12月24日,高新区拓园工作调度会在拓园工作指挥部召开,高新区党工委书记李卫国出席会议并讲话。", "高新区拓园工作调度会", "高新区"],
  ];
  for (const [text, name, jurisdiction] of rows) {
    const meeting = extractMeeting(recordOf(text));
    assert.equal(meeting?.name, name, text);
    assert.equal(meeting?.jurisdiction, jurisdiction, text);
  }
});
