import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { UserError } from "../src/errors.js";
import { mergeData } from "../src/lexicon/load.js";
import { CLI } from "./helpers.js";

// A user's own data folder extends the shipped knowledge without editing the installed package.

test("a user's data file extends lists and objects and keeps the shipped entries", () => {
  const shipped = { about: "…", events: [{ pattern: "建党(100|一百)周年", year: 2021 }] };
  const own = { events: [{ pattern: "首届进博会", year: 2018 }] };
  const merged = mergeData(shipped, own, "dated-events.json") as typeof shipped;
  assert.deepEqual(merged.events.map((e) => e.year), [2021, 2018]);
  assert.equal(merged.about, "…");
});

test("a user's data file of the wrong shape is refused with the file named", () => {
  assert.throws(() => mergeData({ events: [] }, { events: { pattern: "x" } }, "mine/dated-events.json"), (error: unknown) => {
    return error instanceof UserError && /mine\/dated-events\.json → events/.test(error.message);
  });
});

// A report that gives a month and day but no year, no publication date and no address: only an event it names
// can date it, and the shipped list does not know this one.
const PAGE = "新区召开党工委会议\n7月5日,新区召开党工委会议,传达学习首届中国国际进口博览会筹备工作要求,研究部署下一步工作。\n";

function extractWith(args: string[]): { status: number | null; stderr: string; date: string | null } {
  const page = join(mkdtempSync(join(tmpdir(), "huiyi-page-")), "page.txt");
  writeFileSync(page, PAGE);
  const run = spawnSync(process.execPath, [CLI, ...args, "extract", page], { encoding: "utf8" });
  const record = run.stdout ? JSON.parse(run.stdout) : null;
  return { status: run.status, stderr: run.stderr, date: record?.meeting?.date ?? null };
}

test("--data DIR adds a dated event the shipped list lacks, and HUIYI_DATA does the same", () => {
  const dir = mkdtempSync(join(tmpdir(), "huiyi-data-"));
  assert.equal(extractWith([]).date, null);
  writeFileSync(join(dir, "dated-events.json"), JSON.stringify({ events: [{ pattern: "首届中国国际进口博览会", year: 2018 }] }));
  const run = extractWith(["--data", dir]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.date, "2018-07-05");
  const page = join(mkdtempSync(join(tmpdir(), "huiyi-page-")), "page.txt");
  writeFileSync(page, PAGE);
  const viaEnv = spawnSync(process.execPath, [CLI, "extract", page], { encoding: "utf8", env: { ...process.env, HUIYI_DATA: dir } });
  assert.equal(JSON.parse(viaEnv.stdout).meeting.date, "2018-07-05");
});

test("a broken data file or a missing data folder is one line naming it, exit 1", () => {
  const dir = mkdtempSync(join(tmpdir(), "huiyi-data-"));
  writeFileSync(join(dir, "dated-events.json"), "{ not json");
  const broken = extractWith(["--data", dir]);
  assert.equal(broken.status, 1);
  assert.match(broken.stderr, /dated-events\.json 不是合法的 JSON/);
  assert.equal(broken.stderr.trim().split("\n").length, 1);
  const missing = extractWith(["--data", join(dir, "nowhere")]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /数据目录不存在/);
});

test("a data folder is checked at the start: a file that extends nothing stops the run before any page", () => {
  const dir = mkdtempSync(join(tmpdir(), "huiyi-data-"));
  writeFileSync(join(dir, "dated-event.json"), "{}");
  const run = extractWith(["--data", dir]);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /dated-event\.json 不对应任何自带数据文件/);
});
