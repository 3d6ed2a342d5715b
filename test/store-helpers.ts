import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI } from "./helpers.js";

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "huiyi-store-"));
}

export function huiyiRun(args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The figures of ingest's summary line: 已读 N 篇 · 新存入 N · 已在库中 N · 其中近似重复 N · 失败 N */
export function summaryOf(stdout: string) {
  const figure = (label: string) => Number(stdout.match(new RegExp(`${label} (\\d+)`))?.[1] ?? NaN);
  return { read: figure("已读"), stored: figure("新存入"), known: figure("已在库中"), nearDuplicates: figure("其中近似重复"), failed: figure("失败") };
}
