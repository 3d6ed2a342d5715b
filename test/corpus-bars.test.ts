import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { CLI, CORPUS, SHARED } from "./helpers.js";

// The bars, measured by the project's scorer on the shared pages (seeds and dev together).
function score(set: string) {
  const run = spawnSync(process.execPath, [CLI, "clean", join(CORPUS, `${set}.jsonl`)], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, run.stderr);
  const out = join(mkdtempSync(join(tmpdir(), "huiyi-score-")), `${set}.jsonl`);
  writeFileSync(out, run.stdout);
  const scored = spawnSync("python3", [join(SHARED, "tools/score.py"), join(CORPUS, set), out, "--json"], { encoding: "utf8" });
  assert.equal(scored.status, 0, scored.stderr);
  return JSON.parse(scored.stdout);
}

test("cleaning bars on the shared corpus", () => {
  const results = ["seeds", "dev"].map(score);
  const pooled = (key: string) => results.reduce((sum, r) => sum + r[key].acc * r[key].n, 0) / results.reduce((sum, r) => sum + r[key].n, 0);
  for (const r of results) {
    assert.equal(r.glosses_left, 0);
    assert.equal(r.traditional_chars_left, 0);
    assert.ok(r.boilerplate_recall >= 0.97, `boilerplate recall ${r.boilerplate_recall}`);
  }
  assert.ok(pooled("title") >= 0.95, `title ${pooled("title")}`);
  assert.ok(pooled("published") >= 0.95, `published ${pooled("published")}`);
  // Content retention over both sets: the two lines that carry repaired encoding damage cannot match the
  // damaged raw line, every other line must be kept.
  const dev = results[1]!;
  assert.ok(dev.content_retention >= 0.99, `dev content retention ${dev.content_retention}`);
});
