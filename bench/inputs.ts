import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import iconv from "iconv-lite";
import { cleanBatch } from "../src/clean/index.js";
import { extract } from "../src/extract/index.js";
import { ReadError } from "../src/read/decode.js";
import { pageFromBytes } from "../src/read/sources.js";

// npm run bench:inputs: the time and peak memory of reading, cleaning and extracting the long inputs that used to
// cost hours — a million unclosed elements, megabytes of random high bytes, one line of a million Han
// characters — each beside an ordinary page of the same size. A ratio near 1 (or below, for input that
// is refused early) shows the cost is linear in the size; each case runs in its own process so that its
// peak memory is its own.

const MB = 1024 * 1024;
const SENTENCES = [
  "7月23日,区委书记李清主持召开区委常委会会议,传达学习市委有关会议精神。",
  "会议指出,当前正值主汛期,各级各部门要克服麻痹思想,压紧压实防汛责任。",
  "会议强调,要加强监测预警,落实好值班值守制度,确保信息畅通、反应迅速。",
  "会议听取了县农业农村局关于春耕备耕情况的汇报,对种子、化肥供应作出安排。",
];

/** Ordinary article text of about `bytes` UTF-8 bytes, one sentence a line, numbered so no two lines repeat. */
function articleText(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `(${i + 1})${SENTENCES[i % SENTENCES.length]}`;
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  return lines.join("\n");
}

function randomHighBytes(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let seed = 2024;
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    bytes[i] = 0x80 | (seed >>> 24);
  }
  return bytes;
}

interface Case {
  name: string;
  hint: "html" | "text";
  build: () => Buffer;
}

/** Each long input and, beside it, an ordinary page of its size. */
const CASES: Record<string, { long: Case; normal: Case }> = {
  nested: {
    long: { name: "1,000,000 个未闭合的嵌套 <div>", hint: "html", build: () => Buffer.from("<html><body>" + "<div>".repeat(1_000_000) + SENTENCES[0]) },
    normal: { name: "同样大小的普通网页", hint: "html", build: () => Buffer.from(`<html><body>${articleText(5 * MB).split("\n").map((l) => `<p>${l}</p>`).join("\n")}</body></html>`) },
  },
  random: {
    long: { name: "4 MB 随机高位字节", hint: "text", build: () => randomHighBytes(4 * MB) },
    normal: { name: "4 MB GBK 正文", hint: "text", build: () => iconv.encode(articleText(6 * MB), "gbk") },
  },
  line: {
    long: { name: "一行 1,000,000 个汉字", hint: "text", build: () => Buffer.from(SENTENCES.join("").replace(/[^\u4e00-\u9fff]/g, "").repeat(20_000).slice(0, 1_000_000)) },
    normal: { name: "同样大小的分行正文", hint: "text", build: () => Buffer.from(articleText(3 * MB)) },
  },
  longHtmlLine: {
    long: { name: "一行 4 MB 的网页(无换行、无块元素)", hint: "html", build: () => Buffer.from("<html><body><span>" + articleText(4 * MB).replace(/\n/g, "") + "</span></body></html>") },
    normal: { name: "同样大小的普通网页", hint: "html", build: () => Buffer.from(`<html><body>${articleText(4 * MB).split("\n").map((l) => `<p>${l}</p>`).join("\n")}</body></html>`) },
  },
};

/** In a child: build one input, then time reading, cleaning and extracting it; print bytes, seconds, peak RSS. */
function runOne(key: string, which: "long" | "normal"): void {
  const spec = CASES[key]![which];
  const bytes = spec.build();
  const base = process.memoryUsage().rss;
  const start = process.hrtime.bigint();
  let outcome = "记录";
  try {
    const doc = pageFromBytes(bytes, "bench", null, spec.hint);
    extract(cleanBatch([doc])[0]!);
  } catch (error) {
    if (!(error instanceof ReadError)) throw error;
    outcome = `拒绝:${error.message}`;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ bytes: bytes.length, seconds, peakMb: peak / MB, inputRssMb: base / MB, outcome }) + "\n");
}

interface Measured {
  bytes: number;
  seconds: number;
  peakMb: number;
  outcome: string;
}

function measure(key: string, which: "long" | "normal"): Measured | null {
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), key, which], { encoding: "utf8", timeout: 300_000 });
  if (run.status !== 0) {
    process.stderr.write(`  ${key}/${which}: ${run.error ? "超时(300 秒)" : run.stderr.trim().split("\n").slice(-1)[0]}\n`);
    return null;
  }
  return JSON.parse(run.stdout) as Measured;
}

function main(): void {
  const [key, which] = process.argv.slice(2);
  if (key && (which === "long" || which === "normal")) return runOne(key, which);
  console.log("读取+清洗+抽取,长输入与同样大小的普通页面(每项一个进程):");
  for (const [key, pair] of Object.entries(CASES)) {
    const long = measure(key, "long");
    const normal = measure(key, "normal");
    const describe = (m: Measured | null) => (m ? `${(m.bytes / MB).toFixed(1)} MB ${m.seconds.toFixed(2)} 秒 峰值 ${m.peakMb.toFixed(0)} MB` : "失败");
    const ratio = long && normal ? ` · 时间比 ${(long.seconds / normal.seconds).toFixed(2)}` : "";
    console.log(`  ${pair.long.name}: ${describe(long)}${long?.outcome.startsWith("拒绝") ? `(${long.outcome})` : ""}`);
    console.log(`    ${pair.normal.name}: ${describe(normal)}${ratio}`);
  }
}

main();
