import { spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as OpenCC from "opencc-js";
import { cleanBatch } from "../src/clean/index.js";
import { extract } from "../src/extract/index.js";
import type { RawDoc, Record } from "../src/types.js";
import { variedPages } from "./pages.js";

// npm run bench: clean throughput on one core beside opencc-js conversion alone on the same text, then
// the peak memory of `huiyi clean` on a 1 GB JSONL file.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const MB = 1024 * 1024;
const CLEAN_MB = Number(process.env.BENCH_CLEAN_MB ?? 60);
const BIG_MB = Number(process.env.BENCH_BIG_MB ?? 1024);

function collectPages(megabytes: number): { docs: RawDoc[]; bytes: number } {
  const docs: RawDoc[] = [];
  let bytes = 0;
  for (const text of variedPages(ROOT)) {
    docs.push({ path: `bench/${docs.length}.txt`, url: null, text, encoding: "utf-8" });
    bytes += Buffer.byteLength(text);
    if (bytes >= megabytes * MB) break;
  }
  return { docs, bytes };
}

function seconds(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Clean and the reference take turns, three rounds each, so a noisy neighbour hits both alike; medians. */
const ROUNDS = 3;

function benchClean(): void {
  const { docs, bytes } = collectPages(CLEAN_MB);
  const mb = bytes / MB;
  const convert = OpenCC.Converter({ from: "t", to: "cn" });
  const cleanAll = () => {
    for (let i = 0; i < docs.length; i += 256) cleanBatch(docs.slice(i, i + 256));
  };
  const convertAll = () => {
    for (const doc of docs) convert(doc.text);
  };
  // Steady state is what a long run sees: lexicons loaded and the code compiled by a first pass.
  const warmUp = docs.slice(0, Math.ceil(docs.length / 6));
  for (let i = 0; i < warmUp.length; i += 256) cleanBatch(warmUp.slice(i, i + 256));
  for (const doc of warmUp) convert(doc.text);
  const cleanTimes: number[] = [];
  const convertTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    cleanTimes.push(seconds(cleanAll));
    convertTimes.push(seconds(convertAll));
  }
  const clean = mb / median(cleanTimes);
  const reference = mb / median(convertTimes);
  console.log(`clean        ${clean.toFixed(1)} MB/s   (${docs.length} pages, ${mb.toFixed(1)} MB, one core, ${(docs.length / median(cleanTimes)).toFixed(0)} pages/s; median of ${ROUNDS})`);
  console.log(`opencc-js    ${reference.toFixed(1)} MB/s   (Converter t → cn alone on the same text, same run; median of ${ROUNDS})`);
  console.log(`ratio        ${(clean / reference).toFixed(2)}×   (bar: clean ≥ 15 MB/s and ≥ 0.4× conversion)`);
  benchExtract(docs, mb, median(cleanTimes));
}

/** Extraction on the records clean produced, timed alone and with clean (what `huiyi extract` does). */
function benchExtract(docs: RawDoc[], mb: number, cleanSeconds: number): void {
  const records: Record[] = [];
  for (let i = 0; i < docs.length; i += 256) records.push(...cleanBatch(docs.slice(i, i + 256)));
  for (const record of records.slice(0, Math.ceil(records.length / 6))) extract(record);
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    times.push(
      seconds(() => {
        for (const record of records) extract(record);
      }),
    );
  }
  const alone = median(times);
  console.log(`extract      ${(mb / alone).toFixed(1)} MB/s   (${(docs.length / alone).toFixed(0)} documents/s, one core, on the cleaned records; median of ${ROUNDS})`);
  console.log(`clean+extract ${(mb / (alone + cleanSeconds)).toFixed(1)} MB/s   (${(docs.length / (alone + cleanSeconds)).toFixed(0)} documents/s: the work of huiyi extract; bar: ≥ 2 MB/s)`);
}

async function writeBigJsonl(path: string): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let n = 0;
  for (const text of variedPages(ROOT, 7)) {
    const line = JSON.stringify({ id: `p${n++}`, url: `http://www.example.gov.cn/${2000 + (n % 25)}-01-01/${n}.html`, text }) + "\n";
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await new Promise<void>((done) => out.once("drain", () => done()));
    if (bytes >= BIG_MB * MB) break;
  }
  await new Promise<void>((done) => out.end(() => done()));
  return n;
}

function peakKb(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmHWM:\s+(\d+)/)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

async function benchMemory(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "huiyi-bench-"));
  const path = join(dir, "big.jsonl");
  try {
    const pages = await writeBigJsonl(path);
    const size = statSync(path).size / MB;
    const start = Date.now();
    const child = spawn(process.execPath, [join(ROOT, "dist/src/cli/main.js"), "clean", path], { stdio: ["ignore", "ignore", "inherit"] });
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, peakKb(child.pid!))), 100);
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    clearInterval(timer);
    const elapsed = (Date.now() - start) / 1000;
    console.log(`memory       ${(peak / 1024).toFixed(0)} MB peak RSS   (huiyi clean on a ${size.toFixed(0)} MB JSONL of ${pages} pages, exit ${code}, ${(size / elapsed).toFixed(1)} MB/s end to end; bar: ≤ 300 MB)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

benchClean();
await benchMemory();
