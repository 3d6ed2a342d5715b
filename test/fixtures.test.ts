import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { listFixtures, PROJECTION_FIELDS, project, readExpected, recordOf, sameJson, type Expected } from "./fixture-pages.js";

// Each fixture page's output against its expected file (test/pages/<slug>/expected.json, checked by hand).
// A field named in the file's `open` list is one where huiyi is known to be wrong: the file states what is
// right, the test tolerates the difference and says so, and says when the gap has closed.

const fixtures = listFixtures();

describe("fixture pages", { timeout: 60_000 }, () => {
  for (const fixture of fixtures) {
    test(fixture.slug, async (t) => {
      const expected = readExpected(fixture);
      assert.ok(expected, `${fixture.slug}: no expected.json — run npm run fixtures and review it`);
      const actual = project(await recordOf(fixture));
      for (const field of PROJECTION_FIELDS) {
        const open = expected.open?.find((point) => point.field === field);
        if (!open) {
          assert.deepEqual(actual[field], expected[field], `${fixture.slug}: ${field} differs from expected.json (npm run fixtures, then review the diff)`);
        } else if (sameJson(actual[field], expected[field])) {
          t.diagnostic(`${field} now matches; take it out of open`);
        } else {
          t.diagnostic(`open: ${field} — ${open.reason}`);
        }
      }
    });
  }
});

test("every open point names a field of the projection and says why", () => {
  for (const fixture of fixtures) {
    for (const point of readExpected(fixture)?.open ?? []) {
      assert.ok(PROJECTION_FIELDS.includes(point.field), `${fixture.slug}: ${point.field}`);
      assert.ok(point.reason.length > 4, `${fixture.slug}: ${point.field} has no reason`);
    }
  }
});

// The set is only worth its upkeep if every stage and every extracted fact is pinned somewhere.
test("the fixture pages cover each input form, each cleaning stage and each extracted fact", () => {
  const all = fixtures.map((fixture) => ({ source: fixture.source, expected: readExpected(fixture)! }));
  const some = (what: string, holds: (page: { source: string; expected: Expected }) => boolean) => assert.ok(all.some(holds), what);
  some("a text page", (p) => p.source.endsWith(".txt"));
  some("an HTML page", (p) => p.source.endsWith(".html"));
  some("a WARC capture", (p) => p.source.endsWith(".warc.gz"));
  some("glosses dropped", (p) => p.expected.quality.glosses > 0);
  some("encoding damage repaired", (p) => p.expected.quality.garbled.some((span) => span.repaired !== null));
  some("encoding damage dropped", (p) => p.expected.quality.garbled.some((span) => span.repaired === null));
  some("traditional converted", (p) => p.expected.script === "traditional" && p.expected.quality.converted > 0);
  some("a repeated headline removed", (p) => p.expected.removed.some((r) => r.reason.startsWith("重复行")));
  some("HTML blocks outside the article set aside", (p) => p.expected.removed.some((r) => r.rule === "html.outside"));
  some("HTML link lists outside the article set aside", (p) => p.expected.removed.some((r) => r.rule === "html.outside.links"));
  some("an HTML <title> shown as a line set aside", (p) => p.expected.removed.some((r) => r.rule === "html.title" && r.n === 1));
  some("a footer removed", (p) => p.expected.removed.some((r) => r.reason.startsWith("页脚")));
  some("a date/source line removed", (p) => p.expected.removed.some((r) => r.reason === "日期/来源行"));
  some("a title", (p) => p.expected.title !== null);
  some("a published date", (p) => p.expected.published !== null);
  some("no published date", (p) => p.expected.published === null);
  some("a meeting with its division", (p) => p.expected.meeting?.division != null && p.expected.meeting.date !== null);
  some("no meeting", (p) => p.expected.meeting === null);
  for (const role of ["主持", "讲话", "出席"]) some(`role ${role}`, (p) => p.expected.people.some((person) => person.roles.includes(role)));
  some("a dotted name", (p) => p.expected.people.some((person) => person.name.includes("·")));
  some("a person with no post", (p) => p.expected.people.some((person) => person.posts.length === 0));
  some("directives", (p) => p.expected.directives.length > 0);
  some("projects", (p) => p.expected.projects.length > 0);
  some("indicators", (p) => p.expected.indicators.length > 0);
});
