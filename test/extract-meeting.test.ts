import assert from "node:assert/strict";
import { test } from "node:test";
import { extract } from "../src/extract/index.js";
import { clean } from "../src/clean/index.js";
import { cleanFixture } from "./helpers.js";

const meetingOf = (slug: string) => extract(cleanFixture(slug)).meeting;
const meetingOfLines = (...lines: string[]) => extract(clean({ path: null, url: null, text: lines.join("\n"), encoding: "utf-8" })).meeting;

test("the meeting of a page: name from the headline, date with the year of the publication date", () => {
  const meeting = meetingOf("xiqing-changweihui");
  assert.equal(meeting?.name, "西青区委常委会(扩大)会议暨半年经济运行分析会");
  assert.equal(meeting?.date, "2021-07-23");
  assert.equal(meeting?.jurisdiction, "西青区");
  assert.deepEqual(meeting?.division, { code: "120111", path: ["天津市", "西青区"] });
  assert.deepEqual(meeting?.kinds, ["常委会", "经济运行分析会"]);
});

test("X召开第N次会议 reads as X第N次会议", () => {
  const headline = "区委区政府推进京津冀协同发展领导小组召开第三次会议";
  assert.equal(meetingOfLines(headline, "6月4日上午,区委区政府推进京津冀协同发展领导小组召开第三次会议。")?.name, "区委区政府推进京津冀协同发展领导小组第三次会议");
});

test("the year from a dated event when the page carries no date: 新中国成立70周年 → 2019", () => {
  const record = cleanFixture("changxingdao-liangwei-damaged");
  const undated = extract({ ...record, published: null });
  assert.equal(undated.meeting?.date, "2019-08-23");
  assert.equal(undated.meeting?.jurisdiction, "长兴岛经济区");
});

test("a page that reports no meeting (an inspection tour) has none, and nobody has a role", () => {
  const record = extract(cleanFixture("shawan-diaoyan-no-meeting"));
  assert.equal(record.meeting, null);
  assert.ok(record.people.length > 0);
  for (const p of record.people) assert.deepEqual(p.roles, []);
});

test("a bare 县 resolves to the county the page names; none named leaves 县", () => {
  assert.equal(meetingOf("fucheng-changweihui-2021-03")?.jurisdiction, "阜城县");
  assert.equal(meetingOf("planted-script")?.jurisdiction, "县");
});
