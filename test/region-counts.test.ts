import assert from "node:assert/strict";
import { test } from "node:test";
import type { RegionRows } from "../src/corpus/backend.js";
import { facetsOf, regionOverview, trendOf } from "../src/corpus/explore.js";
import { UNPLACED } from "../src/corpus/places.js";
import { titled } from "../src/corpus/titles.js";

// How a region's page, search facets and a trend sum up stored rows: places that are no places, a county
// that is not its own child, a way up, undated documents, and titles made for untitled pages.

const rows = (pages: RegionRows["pages"]): RegionRows => ({ pages, people: [], themes: [] });
const CITY = ["河北省", "石家庄市"];

test("a county placed twice on its pages (division and jurisdiction) is not listed as its own sub-region", () => {
  const overview = regionOverview("正定县", rows([{ cluster: 1, date: "2021-03-02", region: [...CITY, "正定县", "正定县"] }]));
  assert.deepEqual(overview.children, []);
  assert.deepEqual(overview.parents, CITY);
});

test("pages under a city read only as 县 or 经开区 are grouped as unplaced with a reason, not listed as sub-regions", () => {
  const overview = regionOverview(
    "石家庄市",
    rows([
      { cluster: 1, date: "2021-03-02", region: [...CITY, "正定县"] },
      { cluster: 2, date: "2021-04-02", region: [...CITY, "县"] },
      { cluster: 3, date: "2021-05-02", region: [...CITY, "经开区"] },
      { cluster: 4, date: "2021-05-09", region: [...CITY, "正定县"] },
    ]),
  );
  assert.deepEqual(overview.children, [{ name: "正定县", documents: 2 }]);
  assert.equal(overview.unplaced?.documents, 2);
  assert.deepEqual([...overview.unplaced!.words].sort(), ["县", "经开区"].sort());
  assert.match(overview.unplaced!.reason, /具体地名/);
  assert.equal(overview.documents, 4);
});

test("a bare level word asked for as a region names no region: all its pages are unplaced and it has no sub-regions", () => {
  const overview = regionOverview("县", rows([
    { cluster: 1, date: null, region: ["县"] },
    { cluster: 2, date: "2020-01-05", region: ["县"] },
  ]));
  assert.deepEqual(overview.children, []);
  assert.equal(overview.unplaced?.documents, 2);
  assert.equal(overview.undated, 1);
  assert.ok(UNPLACED.length > 0);
});

test("the way up is read from the longest path naming the region, whatever page comes first", () => {
  const overview = regionOverview("正定县", rows([
    { cluster: 1, date: null, region: ["正定县"] },
    { cluster: 2, date: null, region: [...CITY, "正定县"] },
  ]));
  assert.deepEqual(overview.parents, CITY);
});

test("copies of one report on a region's page count once, at their earliest date; undated ones as undated", () => {
  const overview = regionOverview("正定县", rows([
    { cluster: 7, date: "2021-05-01", region: [...CITY, "正定县"] },
    { cluster: 7, date: "2021-04-30", region: [...CITY, "正定县"] },
    { cluster: 8, date: null, region: [...CITY, "正定县"] },
    { cluster: 9, date: "2021", region: [...CITY, "正定县"] },
  ]));
  assert.equal(overview.documents, 3);
  assert.deepEqual(overview.months, [{ month: "2021-04", documents: 1 }]);
  assert.equal(overview.undated, 2, "no date, and a year without a month, are in no month");
});

test("a trend's points and its undated documents add up to its total, by month and by year", () => {
  const matches = { clusters: [1, 1, 2, 3, 4], dates: ["2021-05-01", "2020-12-31", null, "2021", "2021-02-03"] };
  // All documents of each period (with the term or without it), for the shares.
  const byMonth = trendOf("招商", matches, "month", new Map([["2020-12", 4], ["2021-02", 2]]));
  assert.equal(byMonth.total, 4);
  assert.deepEqual(byMonth.points, [
    { period: "2020-12", documents: 1, all: 4, share: 0.25 },
    { period: "2021-02", documents: 1, all: 2, share: 0.5 },
  ]);
  assert.equal(byMonth.undated, 2);
  const byYear = trendOf("招商", matches, "year", new Map([["2020", 10], ["2021", 8]]));
  assert.deepEqual(byYear.points, [
    { period: "2020", documents: 1, all: 10, share: 0.1 },
    { period: "2021", documents: 2, all: 8, share: 0.25 },
  ]);
  assert.equal(byYear.undated, 1);
});

test("search facets under a county list neither the county itself nor a bare level word", () => {
  const facets = facetsOf(
    [
      { id: 1, cluster: 1, rank: 0, date: null, region: [...CITY, "正定县", "正定县"], kinds: [] },
      { id: 2, cluster: 2, rank: 1, date: null, region: [...CITY, "正定县", "区"], kinds: [] },
      { id: 3, cluster: 3, rank: 2, date: null, region: [...CITY, "正定县", "西柏坡镇"], kinds: [] },
    ],
    "正定县",
    [],
  );
  assert.deepEqual(facets.regions, [{ value: "西柏坡镇", count: 1 }]);
});

test("an untitled page is titled by its meeting's name, else its first line, and says so; a title of its own is kept", () => {
  const base = { title: null, meeting: null };
  assert.deepEqual(titled({ ...base, meeting: "区委常委会会议" }, "正文"), { title: "区委常委会会议", meeting: "区委常委会会议", titleDerived: "meeting" });
  assert.deepEqual(titled(base, "\n  西青区召开防汛工作会议  \n正文"), { title: "西青区召开防汛工作会议", meeting: null, titleDerived: "first-line" });
  assert.equal(titled(base, "长".repeat(100)).title, `${"长".repeat(40)}…`);
  assert.deepEqual(titled({ title: "原标题", meeting: "区委常委会会议" }, "正文"), { title: "原标题", meeting: "区委常委会会议" });
  assert.deepEqual(titled(base, ""), base);
});
