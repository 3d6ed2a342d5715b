import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { CLI, CORPUS, SHARED } from "./helpers.js";

// The bars, measured by the project's scorer on the shared pages (seeds and dev together).
function score(set: string, command = "clean") {
  const run = spawnSync(process.execPath, [CLI, command, join(CORPUS, `${set}.jsonl`)], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, run.stderr);
  const out = join(mkdtempSync(join(tmpdir(), "huiyi-score-")), `${set}.jsonl`);
  writeFileSync(out, run.stdout);
  const scored = spawnSync("python3", [join(SHARED, "tools/score.py"), join(CORPUS, set), out, "--json"], { encoding: "utf8" });
  assert.equal(scored.status, 0, scored.stderr);
  return JSON.parse(scored.stdout);
}

test("cleaning bars on the shared corpus", () => {
  const results = ["seeds", "dev"].map((set) => score(set));
  const pooled = (key: string) => results.reduce((sum, r) => sum + r[key].acc * r[key].n, 0) / results.reduce((sum, r) => sum + r[key].n, 0);
  for (const r of results) {
    assert.equal(r.glosses_left, 0);
    assert.equal(r.traditional_chars_left, 0);
    assert.ok(r.boilerplate_recall >= 0.97, `boilerplate recall ${r.boilerplate_recall}`);
  }
  assert.ok(pooled("title") >= 0.95, `title ${pooled("title")}`);
  assert.ok(pooled("published") >= 0.95, `published ${pooled("published")}`);
  // Content retention: the lines that carry repaired encoding damage cannot match the damaged raw line, and a
  // line where 著 is converted to 着 by its phrase (本著 → 本着, as OpenCC converts it) does not match either,
  // because the scorer folds character by character and 著 is a simplified character too; every other line is kept.
  const dev = results[1]!;
  assert.ok(dev.content_retention >= 0.989, `dev content retention ${dev.content_retention}`);
});

test("extraction bars on the shared corpus", () => {
  for (const set of ["seeds", "dev"]) {
    const r = score(set, "extract");
    assert.ok(r.names.f1 >= 0.95, `${set} names F1 ${r.names.f1}`);
    assert.ok(r.posts.f1 >= 0.9, `${set} posts F1 ${r.posts.f1}`);
    assert.ok(r.roles.f1 >= 0.85, `${set} roles F1 ${r.roles.f1}`);
    assert.ok(r.meeting_found.acc >= 0.95, `${set} meeting_found ${r.meeting_found.acc}`);
    assert.ok(r.date.acc >= 0.9, `${set} date ${r.date.acc}`);
    assert.ok(r.jurisdiction.acc >= 0.9, `${set} jurisdiction ${r.jurisdiction.acc}`);
  }
});
