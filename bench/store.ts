import { createWriteStream, mkdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { BANDS, CONFIRMED_AT_MOST, distinctShingles, HASHES, jaccard, ROWS, SHINGLE, signatureOf, similarity, THRESHOLD } from "../src/dedup/minhash.js";
import { defaultWorkers, ingest, type IngestCounts } from "../src/ingest/ingest.js";
import { SqliteStore } from "../src/store/sqlite.js";
import type { SearchRequest, SearchResult } from "../src/store/store.js";
import { benchPages } from "./corpus-pages.js";
import { benchPostgres } from "./store-pg.js";
import { searchQueries } from "./queries.js";
import { percentile, timeQueries } from "./timing.js";

// npm run bench:store — the corpus store at scale: ingest throughput with all cores beside one thread on
// the same pages, database bytes per page, search latency over varied queries beside a full scan,
// near-duplicate precision and recall on planted reposts, and the MinHash parameters compared; then the
// same pages and queries on PostgreSQL (bench/store-pg.ts) beside SQLite's figures.
//
// Size: BENCH_STORE_PAGES=N or --pages N (100,000 by default). BENCH_PG=0 or --no-pg skips PostgreSQL.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const OUT = join(ROOT, "bench/out");
const flag = (name: string) => {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
};
const PAGES = Number(flag("--pages") ?? process.env.BENCH_STORE_PAGES ?? 100_000);
const WITH_PG = process.env.BENCH_PG !== "0" && !process.argv.includes("--no-pg");
/** pages of the one-thread comparison; 0 skips it (and the MinHash settings compared on them) */
const SINGLE = Math.min(PAGES, Number(process.env.BENCH_SINGLE_PAGES ?? 20_000));
/** where the ingest of all pages reports the peak memory reached so far */
const MEMORY_AT = 20_000;

/**
 * The generated pages as JSONL, and the first `subsetCount` of them into a file of their own (the same
 * pages, written in the same pass rather than generated twice). Returns each page's report group.
 */
async function writePages(file: string, count: number, subset?: { file: string; count: number }): Promise<Map<string, number>> {
  const groups = new Map<string, number>();
  const out = createWriteStream(file);
  const subsetOut = subset ? createWriteStream(subset.file) : null;
  const write = async (stream: NodeJS.WritableStream, line: string) => {
    if (!stream.write(line)) await new Promise<void>((r) => stream.once("drain", () => r()));
  };
  let n = 0;
  for (const page of benchPages(ROOT, count)) {
    groups.set(page.url, page.group);
    const line = JSON.stringify({ id: page.id, url: page.url, text: page.text }) + "\n";
    await write(out, line);
    if (subsetOut && n++ < subset!.count) await write(subsetOut, line);
  }
  await Promise.all([out, subsetOut].map((stream) => stream && new Promise<void>((r) => stream.end(() => r()))));
  return groups;
}

/** Peak memory (RSS) and progress over time of one ingest: does memory stay flat, the rate steady? */
class IngestWatch {
  peak = 0;
  /** the peak when MEMORY_AT pages had been stored */
  peakAt: number | null = null;
  /** [seconds since start, pages stored] at each progress report */
  readonly progress: [number, number][] = [[0, 0]];
  /** memory as each further tenth of the pages was stored: what grows, if anything */
  readonly byTenth: { pages: number; rss: number; heap: number; external: number }[] = [];
  private readonly start = process.hrtime.bigint();
  private readonly timer = setInterval(() => this.sample(), 100);

  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }

  onProgress = (counts: IngestCounts): void => {
    this.sample();
    if (this.peakAt === null && counts.stored >= MEMORY_AT) this.peakAt = this.peak;
    if (counts.stored >= ((this.byTenth.length + 1) * PAGES) / 10) {
      const { rss, heapUsed, external } = process.memoryUsage();
      this.byTenth.push({ pages: counts.stored, rss, heap: heapUsed, external });
    }
    this.progress.push([Number(process.hrtime.bigint() - this.start) / 1e9, counts.stored]);
  };

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  /** Seconds from the start until `pages` pages were stored (at the progress report that reached them). */
  secondsTo(pages: number): number {
    return (this.progress.find(([, stored]) => stored >= pages) ?? this.progress.at(-1)!)[0];
  }

  /** Pages a second over the first and over the last tenth of the pages stored. */
  tenths(): { first: number; last: number } {
    const [end, total] = this.progress.at(-1)!;
    const reached = (pages: number) => this.progress.find(([, stored]) => stored >= pages)!;
    const [firstSeconds, firstPages] = reached(total / 10);
    const [lastStart, lastFrom] = reached(total - total / 10);
    return { first: firstPages / firstSeconds, last: (total - lastFrom) / (end - lastStart) };
  }
}

async function timedIngest(db: string, input: string, workers: number) {
  rmSync(db, { force: true });
  rmSync(db + "-wal", { force: true });
  rmSync(db + "-shm", { force: true });
  const store = new SqliteStore(db, { create: true });
  const watch = new IngestWatch();
  const start = process.hrtime.bigint();
  const counts = await ingest(store, [input], { workers, onProgress: watch.onProgress });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  watch.stop();
  return { store, counts, seconds, rate: counts.stored / seconds, watch };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Pairs of pages that share a group (truth) or a cluster (found), as "a b" with a < b. */
function pairsOf(members: Map<number, string[]>): Set<string> {
  const pairs = new Set<string>();
  for (const urls of members.values()) {
    const sorted = [...urls].sort();
    for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length; j++) pairs.add(`${sorted[i]} ${sorted[j]}`);
  }
  return pairs;
}

function precisionRecall(found: Set<string>, truth: Set<string>) {
  let both = 0;
  for (const pair of found) if (truth.has(pair)) both++;
  return { precision: found.size ? both / found.size : 1, recall: truth.size ? both / truth.size : 1, found: found.size, truth: truth.size };
}

function groupBy(entries: [string, number][]): Map<number, string[]> {
  const members = new Map<number, string[]>();
  for (const [url, key] of entries) members.set(key, [...(members.get(key) ?? []), url]);
  return members;
}

const fmt = (x: number, digits = 3) => x.toFixed(digits);

/** Other MinHash settings on the same cleaned texts: shingle size, bands × rows, threshold. */
function compareParameters(texts: { url: string; text: string }[], groups: Map<string, number>): void {
  const truth = pairsOf(groupBy(texts.map(({ url }) => [url, groups.get(url)!])));
  console.log(`\nMinHash settings on ${texts.length} cleaned pages (${truth.size} planted pairs); chosen: ${SHINGLE}-char shingles, ${BANDS}×${ROWS}, ≥ ${THRESHOLD}`);
  console.log("shingle  bands×rows  threshold  candidates/page  precision  recall");
  for (const shingle of [3, 5, 7]) {
    const shingles = texts.map(({ text }) => distinctShingles(text, shingle));
    const signatures = shingles.map((hashes) => signatureOf(hashes, HASHES));
    for (const [bands, rows] of [
      [32, 2],
      [16, 4],
      [8, 8],
    ] as const) {
      for (const threshold of shingle === SHINGLE && bands === BANDS ? [0.3, 0.5, 0.7] : [THRESHOLD]) {
        // The store's way: each page joins the cluster of its likeliest earlier candidate that its shingles confirm.
        const buckets = new Map<string, number[]>();
        const cluster: number[] = [];
        let candidates = 0;
        signatures.forEach((signature, i) => {
          const seen = new Set<number>();
          for (let b = 0; b < bands; b++) {
            const key = `${b}:${signature.subarray(b * rows, b * rows + rows).join(",")}`;
            for (const j of buckets.get(key) ?? []) seen.add(j);
            buckets.set(key, [...(buckets.get(key) ?? []), i]);
          }
          candidates += seen.size;
          const likely = [...seen].map((j) => ({ j, estimate: similarity(signature, signatures[j]!) })).filter(({ estimate }) => estimate >= threshold);
          likely.sort((a, b) => b.estimate - a.estimate);
          const best = likely.slice(0, CONFIRMED_AT_MOST).find(({ j }) => jaccard(shingles[i]!, shingles[j]!) >= threshold);
          cluster.push(best ? cluster[best.j]! : i);
        });
        const found = pairsOf(groupBy(texts.map(({ url }, i) => [url, cluster[i]!])));
        const { precision, recall } = precisionRecall(found, truth);
        console.log(`${String(shingle).padStart(7)}  ${`${bands}×${rows}`.padStart(10)}  ${String(threshold).padStart(9)}  ${fmt(candidates / texts.length, 2).padStart(15)}  ${fmt(precision).padStart(9)}  ${fmt(recall).padStart(6)}`);
      }
    }
  }
}

async function benchSearch(store: SqliteStore): Promise<{ queries: SearchRequest[]; times: number[]; results: SearchResult[] }> {
  const queries = searchQueries(store, 200);
  const { times, results } = await timeQueries(store, queries);
  const scan = store.sqlite.db.prepare("SELECT COUNT(*) FROM documents WHERE text LIKE ?").pluck();
  const scans = queries.slice(0, 10).map((query) => {
    const start = process.hrtime.bigint();
    scan.get(`%${query.query.replace(/"/g, "")}%`);
    return Number(process.hrtime.bigint() - start) / 1e6;
  });
  console.log(
    `\nsearch, ${queries.length} queries (words, names, places, 1–2 characters, phrases, traditional, with filters), limit 10:` +
      `\n  p50 ${fmt(percentile(times, 50), 1)} ms · p95 ${fmt(percentile(times, 95), 1)} ms · max ${fmt(Math.max(...times), 1)} ms` +
      `\n  reference, a full scan (LIKE) of the same texts: median ${fmt(percentile(scans, 50), 1)} ms`,
  );
  return { queries, times, results };
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const workers = defaultWorkers();
  console.log(`generating ${PAGES} pages …`);
  const all = join(OUT, "store-pages.jsonl");
  const subset = join(OUT, "store-pages-subset.jsonl");
  const groups = await writePages(all, PAGES, SINGLE > 0 ? { file: subset, count: SINGLE } : undefined);
  // The one-thread run of the first SINGLE pages; the pooled figure beside it is the time the ingest of
  // all pages took to store the same first SINGLE pages (an ingest of its own would clean them again).
  let compared: { texts: { url: string; text: string }[]; groups: Map<string, number>; rate: number } | null = null;
  if (SINGLE > 0) {
    const single = await timedIngest(join(OUT, "single.db"), subset, 0);
    const texts = single.store.sqlite.db.prepare("SELECT url, text FROM documents").all() as { url: string; text: string }[];
    compared = { texts, groups: new Map(texts.map(({ url }) => [url, groups.get(url)!])), rate: single.rate };
    await single.store.close();
  }

  const full = await timedIngest(join(OUT, "store.db"), all, workers);
  const { store, counts } = full;
  store.sqlite.db.pragma("wal_checkpoint(TRUNCATE)");
  const bytes = statSync(join(OUT, "store.db")).size;
  console.log(
    `ingest of ${PAGES} pages: ${fmt(full.rate, 0)} documents/s with ${workers} worker threads (${fmt(full.seconds, 1)} s; ` +
      `${counts.stored} stored, ${counts.nearDuplicates} filed as copies, ${counts.failed} failed)` +
      `\ndatabase: ${fmt(bytes / 1024 / 1024, 1)} MB, ${fmt(bytes / counts.stored, 0)} bytes per page`,
  );
  if (compared) {
    const pooled = SINGLE / full.watch.secondsTo(SINGLE);
    console.log(
      `ingest of the same first ${SINGLE} pages: ${fmt(pooled, 0)} documents/s with ${workers} worker threads (within the ingest of all pages) · ` +
        `${fmt(compared.rate, 0)} documents/s in one thread (${fmt(pooled / compared.rate, 2)}×)`,
    );
  }
  const { first, last } = full.watch.tenths();
  console.log(
    `memory (peak RSS, worker threads included): ${full.watch.peakAt === null ? `– at ${MEMORY_AT} pages (fewer stored)` : `${mb(full.watch.peakAt)} at ${MEMORY_AT} pages`} · ${mb(full.watch.peak)} at ${counts.stored} pages` +
      `\nby tenth (pages: RSS / store thread's JS heap / its buffers): ${full.watch.byTenth.map((m) => `${m.pages}: ${mb(m.rss)} / ${mb(m.heap)} / ${mb(m.external)}`).join(" · ")}` +
      `\nrate: ${fmt(first, 0)} documents/s over the first tenth of the pages · ${fmt(last, 0)} over the last tenth (${fmt(last / first, 2)}×)`,
  );

  const stored = store.sqlite.db.prepare("SELECT d.url, f.cluster FROM documents d JOIN facets f ON f.id = d.id").all() as { url: string; cluster: number }[];
  const truth = pairsOf(groupBy(stored.map(({ url }) => [url, groups.get(url)!])));
  const found = pairsOf(groupBy(stored.map(({ url, cluster }) => [url, cluster])));
  const { precision, recall } = precisionRecall(found, truth);
  console.log(`near-duplicates on the planted reposts: precision ${fmt(precision)} · recall ${fmt(recall)} (${found.size} pairs found, ${truth.size} planted)`);

  const searched = await benchSearch(store);
  if (WITH_PG)
    await benchPostgres({ input: all, pages: PAGES, workers, sqlite: { store, rate: full.rate, bytesPerPage: bytes / counts.stored, ...searched } });
  await store.close();
  if (compared) compareParameters(compared.texts, compared.groups);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
