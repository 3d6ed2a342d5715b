import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import type { Record } from "../src/types.js";
import { EXAMPLES } from "./examples.js";
import { huiyiRun } from "./store-helpers.js";

// huiyi clean / extract --skip STAGE: the stage does not run, the others do; a name that is no stage is refused.

const PAGE = join(EXAMPLES, "xiqing-changweihui.txt");
const recordOf = (stdout: string) => JSON.parse(stdout) as Record;

test("clean --skip boilerplate keeps the boilerplate lines and runs every other stage", () => {
  const full = huiyiRun(["clean", PAGE]);
  const off = huiyiRun(["clean", "--skip", "boilerplate", PAGE]);
  assert.equal(full.status, 0);
  assert.equal(off.status, 0);
  const [a, b] = [recordOf(full.stdout), recordOf(off.stdout)];
  assert.ok(a.removed.some((item) => item.rule?.startsWith("boilerplate.")));
  assert.ok(!b.removed.some((item) => item.rule?.startsWith("boilerplate.")));
  assert.ok(b.text.includes("发布日期:2021-07-26 来源:西青信息港"), "the date line stays in the text");
  assert.deepEqual(Object.keys(b.quality.stages!), ["garbled", "glosses", "width", "script", "repeats", "site-recurring", "header"]);
});

test("extract takes --skip too, repeated or comma-separated", () => {
  const run = huiyiRun(["extract", "--skip", "header", "--skip", "repeats,site-recurring", PAGE]);
  assert.equal(run.status, 0, run.stderr);
  const record = recordOf(run.stdout);
  assert.equal(record.title, null);
  assert.deepEqual(Object.keys(record.quality.stages!), ["garbled", "glosses", "width", "script", "boilerplate"]);
  assert.ok(record.meeting, "extraction still runs");
});

test("a name that is no stage is refused with the names there are", () => {
  const run = huiyiRun(["clean", "--skip", "boilerplat", PAGE]);
  assert.equal(run.status, 2);
  assert.equal(run.stdout, "");
  assert.match(run.stderr, /--skip 不认识的清洗步骤: boilerplat;可跳过的步骤: garbled, markup, glosses, width, script, boilerplate, repeats, site-recurring, header/);
});
