import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { Record } from "../src/types.js";
import { fixtureSource } from "./fixture-pages.js";
import { CLI, ROOT } from "./paths.js";

function huiyi(args: string[], input?: string) {
  const run = spawnSync(process.execPath, [CLI, ...args], { input, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const records = run.stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record);
  return { status: run.status, records, stderr: run.stderr };
}

test("one record a document in input order; stdin with '-'; the same article gets the same id", () => {
  const text = readFileSync(join(ROOT, "examples/xiqing-changweihui.txt"), "utf8");
  const { status, records } = huiyi(["clean", join(ROOT, "examples/xiqing-changweihui.txt"), "-", join(ROOT, "examples/xiqing-changweihui.gbk.html")], text);
  assert.equal(status, 0);
  assert.deepEqual(records.map((r) => r.source.path), [join(ROOT, "examples/xiqing-changweihui.txt"), "-", join(ROOT, "examples/xiqing-changweihui.gbk.html")]);
  assert.equal(records[0]!.id, records[1]!.id);
  assert.equal(records[2]!.title, "西青区委常委会(扩大)会议暨半年经济运行分析会召开");
  assert.equal(records[2]!.published, "2021-07-26");
  // the <nav> bar is a line of the page as read, set aside at its place by the rule that names a menu
  assert.ok(records[2]!.removed.some((r) => r.line === "首页 新闻中心 政务公开" && r.reason.startsWith("导航") && r.n !== undefined));
  assert.ok(!records[2]!.text.includes("相关新闻"));
});

test("--keep-script keeps traditional text", () => {
  const { records } = huiyi(["clean", "--keep-script", fixtureSource("jinghai-ganbuhuiyi")]);
  assert.equal(records[0]!.script, "traditional");
  assert.ok(records[0]!.text.includes("靜海區召開領導幹部會議"));
});

test("bad inputs: one line each on stderr naming the input, the rest of the batch printed, exit status 1", () => {
  const dir = mkdtempSync(join(tmpdir(), "huiyi-cli-"));
  writeFileSync(join(dir, "empty.txt"), "");
  writeFileSync(join(dir, "bad.jsonl"), '{"text": "第一篇。"}\nnot json\n{"text": "第三篇。"}\n');
  const { status, records, stderr } = huiyi(["clean", join(dir, "empty.txt"), join(dir, "bad.jsonl"), join(dir, "missing.html")]);
  assert.equal(status, 1);
  assert.deepEqual(records.map((r) => r.text), ["第一篇。", "第三篇。"]);
  const lines = stderr.trim().split("\n");
  assert.equal(lines.length, 3);
  assert.match(lines[0]!, /empty\.txt: 空文件/);
  assert.match(lines[1]!, /bad\.jsonl:2: 不是有效的 JSON 行/);
  assert.match(lines[2]!, /missing\.html: 找不到/);
  assert.ok(!/at \w+ \(/.test(stderr), "no stack trace");
});

test("a 100 MB page is refused in one line without reading it whole", () => {
  const dir = mkdtempSync(join(tmpdir(), "huiyi-huge-"));
  const path = join(dir, "huge.txt");
  writeFileSync(path, "");
  spawnSync("truncate", ["-s", "100M", path]);
  const { status, stderr } = huiyi(["clean", path]);
  assert.equal(status, 1);
  assert.match(stderr.trim(), /huge\.txt: 页面过大\(100\.0 MB/);
});

test("usage errors exit with 2", () => {
  assert.equal(huiyi(["frobnicate"]).status, 2);
  assert.equal(huiyi(["clean", "--max-page-mb", "zero"]).status, 2);
});
