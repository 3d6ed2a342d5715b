import assert from "node:assert/strict";
import { test } from "node:test";
import { placeOfPerson, placesSeen } from "../src/corpus/people-place.js";

// A person is placed where their post is, not where the meeting they were seen at took place. Codes are GB/T 2260:
// 131121 枣强县 under 1311 衡水市 (河北); 120111 西青区 under 天津市 (12), whose city row 1201 is a placeholder;
// 441323 惠东县 under 4413 惠州市 (广东).

test("a post naming its place places the person there, whatever the meeting's place", () => {
  assert.deepEqual(placeOfPerson(["衡水市委书记"], ["131121"], "枣强县"), { name: "衡水市", code: "1311", by: "职务" });
  // Seen nowhere precise: the post alone still says where.
  assert.deepEqual(placeOfPerson(["惠州市市长"], [], null), { name: "惠州市", code: "4413", by: "职务" });
});

test("a post naming only its level places the person at that level above the meeting's division", () => {
  assert.deepEqual(placeOfPerson(["市委书记"], ["131121"], "枣强县"), { name: "衡水市", code: "1311", by: "职务" });
  assert.deepEqual(placeOfPerson(["县委副书记", "县长"], ["441323"], "惠东县"), { name: "惠东县", code: "441323", by: "职务" });
  assert.deepEqual(placeOfPerson(["省委书记"], ["441323"], "惠东县"), { name: "广东省", code: "44", by: "职务" });
  // A municipality's city level is the municipality (1201 is a placeholder row).
  assert.deepEqual(placeOfPerson(["市委书记"], ["120111"], "西青区"), { name: "天津市", code: "12", by: "职务" });
});

test("a post that says neither place nor level, or a level seen in two cities, falls back to the meetings' place", () => {
  assert.deepEqual(placeOfPerson(["主任"], ["131121"], "枣强县"), { name: "枣强县", code: null, by: "会议地点" });
  assert.deepEqual(placeOfPerson(["市委书记"], ["131121", "441323"], "枣强县"), { name: "枣强县", code: null, by: "会议地点" });
  assert.equal(placeOfPerson([], [], null), null);
});

test("the places a person was seen at are the divisions' official names, each once", () => {
  assert.deepEqual(placesSeen(["131121", "131121", "441323"], "枣强县"), ["枣强县", "惠东县"]);
  assert.deepEqual(placesSeen([], "阜城县"), ["阜城县"]);
  assert.deepEqual(placesSeen([], null), []);
});
