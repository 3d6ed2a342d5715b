import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as OpenCC from "opencc-js";
import { cleanBatch } from "../src/clean/index.js";
import { extract } from "../src/extract/index.js";
import type { RawDoc, Record } from "../src/types.js";
import { variedPages } from "./pages.js";

// npm run bench: clean throughput on one core beside opencc-js conversion alone on the same text, then
// the peak memory of `huiyi clean` on a 1 GB JSONL file, with its breakdown by table and its growth
// along the input. BENCH_CLEAN_MB and BENCH_BIG_MB make the runs shorter; BENCH_ONLY=memory skips the
// throughput part.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const MB = 1024 * 1024;
const CLEAN_MB = Number(process.env.BENCH_CLEAN_MB ?? 60);
const BIG_MB = Number(process.env.BENCH_BIG_MB ?? 1024);
/** Megabytes of the big file cleaned in-process to break its memory down by table. */
const SAMPLE_MB = Math.min(8, BIG_MB);

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

/** The process's peak resident memory so far (VmHWM) and the bytes it has read (rchar), from /proc. */
function procFigures(pid: number): { peakKb: number; readBytes: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const io = readFileSync(`/proc/${pid}/io`, "utf8");
    return { peakKb: Number(status.match(/VmHWM:\s+(\d+)/)?.[1] ?? 0), readBytes: Number(io.match(/rchar:\s+(\d+)/)?.[1] ?? 0) };
  } catch {
    return { peakKb: 0, readBytes: 0 };
  }
}

/** The first lines of a JSONL file, about `megabytes` of them, for the in-process breakdown. */
function writeSample(from: string, to: string, megabytes: number): void {
  const text = readFileSync(from).subarray(0, megabytes * MB).toString("utf8");
  writeFileSync(to, text.slice(0, text.lastIndexOf("\n") + 1));
}

/** Where the memory of huiyi clean goes: node, its code, each table, what cleaning holds (bench/clean-memory.ts). */
function memoryShares(sample: string): void {
  const shares = spawnSync(process.execPath, ["--expose-gc", join(ROOT, "dist/bench/clean-memory.js"), sample], { encoding: "utf8" });
  console.log(`memory shares of huiyi clean, one process (clean has no worker threads), on ${SAMPLE_MB} MB of the file:`);
  process.stdout.write(shares.stdout.replace(/^/gm, "  "));
  if (shares.status !== 0) process.stderr.write(shares.stderr);
}

/** Fractions of the input at which the peak so far is reported: a peak that still grows with the input shows here. */
const CHECKPOINTS = [0.125, 0.25, 0.5];

async function benchMemory(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "huiyi-bench-"));
  const path = join(dir, "big.jsonl");
  try {
    const pages = await writeBigJsonl(path);
    const bytes = statSync(path).size;
    const size = bytes / MB;
    const sample = join(dir, "sample.jsonl");
    writeSample(path, sample, SAMPLE_MB);
    memoryShares(sample);
    const start = Date.now();
    const child = spawn(process.execPath, [join(ROOT, "dist/src/cli/main.js"), "clean", path], { stdio: ["ignore", "ignore", "inherit"] });
    let peak = 0;
    const atCheckpoint: number[] = [];
    const timer = setInterval(() => {
      const { peakKb, readBytes } = procFigures(child.pid!);
      peak = Math.max(peak, peakKb);
      for (const [i, fraction] of CHECKPOINTS.entries()) if (atCheckpoint[i] === undefined && readBytes >= fraction * bytes) atCheckpoint[i] = peak;
    }, 100);
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    clearInterval(timer);
    const elapsed = (Date.now() - start) / 1000;
    const growth = CHECKPOINTS.map((fraction, i) => `${fraction * 100}%: ${((atCheckpoint[i] ?? 0) / 1024).toFixed(0)}`).join(", ");
    console.log(`memory       ${(peak / 1024).toFixed(0)} MB peak RSS   (huiyi clean on a ${size.toFixed(0)} MB JSONL of ${pages} pages, exit ${code}, ${(size / elapsed).toFixed(1)} MB/s end to end; bar: ≤ 300 MB)`);
    console.log(`             peak after reading ${growth} MB of it; 100%: ${(peak / 1024).toFixed(0)} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env.BENCH_ONLY !== "memory") benchClean();
await benchMemory();
