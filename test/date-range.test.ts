import assert from "node:assert/strict";
import { test } from "node:test";
import { dateProblem, dateRangeProblem } from "../src/serve/date-range.js";

// The one date checker the CLI, the API and the web app share: the calendar's days, leap years by the
// Gregorian rule, and a range whose start is not after its end (a shorter date standing for its whole period).

const label = (key: "from" | "to") => key;

test("days that exist pass, in each of the three forms; leap days by the Gregorian rule", () => {
  for (const date of ["2021", "2021-01", "2021-12", "2021-01-31", "2021-04-30", "2020-02-29", "2000-02-29", "2024-02-29"]) assert.equal(dateProblem(date, "from"), null, date);
  assert.equal(dateProblem("1900-02-29", "from"), 'from 的日期不存在:"1900-02-29"(1900 年 2 月只有 28 天)');
  assert.equal(dateProblem("2021-04-31", "--to"), '--to 的日期不存在:"2021-04-31"(2021 年 4 月只有 30 天)');
  assert.equal(dateProblem("2021-01-00", "from"), 'from 的日期不存在:"2021-01-00"(2021 年 1 月只有 31 天)');
  assert.equal(dateProblem("2021-00", "from"), 'from 的日期不存在:"2021-00"(月份须在 01 到 12 之间)');
  for (const form of ["21-01-01", "2021-1", "2021/01/01", "2021-01-01T00:00", "２０２１", ""]) assert.match(dateProblem(form, "from")!, /需要 YYYY、YYYY-MM 或 YYYY-MM-DD 形式的日期/, form);
});

test("a range's start may not be after its end; a shorter end covers its period", () => {
  assert.equal(dateRangeProblem("2021-05-03", "2021-05", label), null);
  assert.equal(dateRangeProblem("2021-05", "2021-05-03", label), null);
  assert.equal(dateRangeProblem("2021", "2021", label), null);
  assert.equal(dateRangeProblem("2021-12-31", "2022-01-01", label), null);
  assert.equal(dateRangeProblem(undefined, "2021-02-30", label), 'to 的日期不存在:"2021-02-30"(2021 年 2 月只有 28 天)');
  assert.equal(dateRangeProblem("2022", "2021-12-31", label), "起始日期 2022 晚于截止日期 2021-12-31");
  assert.equal(dateRangeProblem("2021-06-01", "2021-05", label), "起始日期 2021-06-01 晚于截止日期 2021-05");
});
