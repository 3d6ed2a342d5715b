import assert from "node:assert/strict";
import { test } from "node:test";
import { EXTRACT_STAGE_IDS, extract } from "../src/extract/index.js";
import { cleanFixture } from "./helpers.js";

// The extractors are one registry of {id, run}; switching one off leaves its own fact empty and the others as
// they were, except those that read it (roles need the meeting, directives their speakers).

test("the extractors run in one registry, meeting first and directives after people", () => {
  assert.deepEqual(EXTRACT_STAGE_IDS, ["meeting", "people", "directives", "projects", "indicators"]);
});

test("an extractor switched off leaves its own fact empty and the rest of the record as it was", () => {
  const record = cleanFixture("xiqing-changweihui");
  const full = extract(record);
  assert.ok(full.meeting && full.people.length > 0 && full.directives!.length > 0 && full.projects!.length > 0);
  const noProjects = extract(record, { skip: ["projects"] });
  assert.deepEqual(noProjects.projects, []);
  assert.deepEqual({ ...noProjects, projects: full.projects }, full);
  // without the meeting nobody has a role, as on a page that reports none; names and posts stay
  const noMeeting = extract(record, { skip: ["meeting"] });
  assert.equal(noMeeting.meeting, null);
  assert.deepEqual(noMeeting.people.map((p) => [p.name, p.posts]), full.people.map((p) => [p.name, p.posts]));
  assert.ok(noMeeting.people.every((p) => p.roles.length === 0));
  // without people, directives have no speaker but 会议 and pronouns
  const noPeople = extract(record, { skip: ["people"] });
  assert.ok(noPeople.directives!.every((d) => d.speaker === null || !full.people.some((p) => p.name === d.speaker)));
});
