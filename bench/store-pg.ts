import { spawn } from "node:child_process";
import { createReadStream, createWriteStream } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { openStore } from "../src/store/open.js";
import type { SearchRequest, SearchResult, Store } from "../src/store/store.js";
import { benchServer } from "./pg-cluster.js";
import { percentile, timeQueries } from "./timing.js";

// The store bench's PostgreSQL half: the pages SQLite was just given, ingested into PostgreSQL by one
// `huiyi ingest` process and then by two at once; bytes per page; the same 200 queries timed on both
// backends; and the share of queries whose top 10 documents are the same on both.
//
// Two processes: until ingest shares one input list through the database queue, each process is given
// its own half of the pages (disjoint halves, run at the same time into one database); the output says so.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CLI = join(ROOT, "dist/src/cli/main.js");

export interface SqliteFigures {
  store: Store;
  /** documents/s of SQLite's ingest of the same pages */
  rate: number;
  bytesPerPage: number;
  queries: SearchRequest[];
  times: number[];
}

export interface PgBenchInput {
  input: string;
  pages: number;
  workers: number;
  sqlite: SqliteFigures;
}

const fmt = (x: number, digits = 0) => x.toFixed(digits);

/** A fresh database on the server, named for this bench; dropped first if a run before left it. */
async function freshDatabase(server: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

async function databaseSize(server: string, name: string): Promise<number> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    return Number((await admin.query<{ n: string }>("SELECT pg_database_size($1) AS n", [name])).rows[0]!.n);
  } finally {
    await admin.end();
  }
}

async function dropDatabase(server: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** `huiyi ingest` as its own process; resolves when it exits, rejects if it fails. */
function ingestProcess(db: string, input: string, workers: number): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, "ingest", "--db", db, "--workers", String(workers), input], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    child.on("error", fail);
    child.on("exit", (code) => (code === 0 ? done() : fail(new Error(`huiyi ingest exited with ${code}: ${stderr}`))));
  });
}

/** The JSONL input cut into two disjoint halves (first half of the lines, second half). */
async function halves(input: string, pages: number): Promise<[string, string]> {
  const files: [string, string] = [input.replace(/\.jsonl$/, "-half1.jsonl"), input.replace(/\.jsonl$/, "-half2.jsonl")];
  const outs = files.map((file) => createWriteStream(file));
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(input), crlfDelay: Infinity })) {
    if (!line) continue;
    const out = outs[n++ < pages / 2 ? 0 : 1]!;
    if (!out.write(line + "\n")) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await Promise.all(outs.map((out) => new Promise<void>((r) => out.end(() => r()))));
  return files;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** The addresses of a result's top documents, in rank order (ids differ between backends, addresses not). */
const topOf = (result: SearchResult) => result.hits.map((hit) => hit.url ?? hit.path ?? hit.title ?? "").slice(0, 10);

export async function benchPostgres({ input, pages, workers, sqlite }: PgBenchInput): Promise<void> {
  const server = benchServer();
  const one = "huiyi_bench_one";
  const two = "huiyi_bench_two";
  try {
    console.log(`\nPostgreSQL (${server.throwaway ? "a throwaway cluster" : "HUIYI_TEST_PG"}), the same ${pages} pages, each process with ${workers} worker threads:`);
    const oneUrl = await freshDatabase(server.url, one);
    // An empty database already takes some MB (the catalog): the corpus is what comes on top.
    const empty = await databaseSize(server.url, one);
    const oneSeconds = await timed(() => ingestProcess(oneUrl, input, workers));
    const store = await openStore(oneUrl, { create: false });
    try {
      const stats = await store.stats();
      stats.bytes -= empty;
      const oneRate = stats.documents / oneSeconds;

      const [first, second] = await halves(input, pages);
      const twoUrl = await freshDatabase(server.url, two);
      const twoSeconds = await timed(() => Promise.all([ingestProcess(twoUrl, first, workers), ingestProcess(twoUrl, second, workers)]));
      const twoStore = await openStore(twoUrl, { create: false });
      const twoStats = await twoStore.stats();
      await twoStore.close();
      await dropDatabase(server.url, two);
      const twoRate = twoStats.documents / twoSeconds;

      console.log(
        `ingest: ${fmt(oneRate)} documents/s with one process (${fmt(oneSeconds, 1)} s, ${stats.documents} stored) · ` +
          `${fmt(twoRate)} documents/s with two processes (${fmt(twoSeconds, 1)} s, ${twoStats.documents} stored; ` +
          `two \`huiyi ingest\` processes over disjoint halves of the pages at once, as ingest does not yet share one input list through the queue) · ` +
          `SQLite ${fmt(sqlite.rate)} documents/s in process` +
          `\n  ratios: PostgreSQL one process / SQLite ${fmt(oneRate / sqlite.rate, 2)}× · two processes / one ${fmt(twoRate / oneRate, 2)}×` +
          `\n  clusters: ${stats.clusters} (one process) · ${twoStats.clusters} (two processes)`,
      );
      console.log(
        `database: ${fmt(stats.bytes / 1024 / 1024, 1)} MB beyond an empty database's ${fmt(empty / 1024 / 1024, 1)} MB, ${fmt(stats.bytes / stats.documents)} bytes per page ` +
          `(SQLite ${fmt(sqlite.bytesPerPage)}; ${fmt(stats.bytes / stats.documents / sqlite.bytesPerPage, 2)}×)`,
      );

      const times = await timeQueries(store, sqlite.queries);
      let agree = 0;
      const disagreements: string[] = [];
      for (const query of sqlite.queries) {
        const [a, b] = await Promise.all([sqlite.store.search({ ...query, limit: 10 }), store.search({ ...query, limit: 10 })]);
        const left = topOf(a);
        const right = topOf(b);
        const same = left.length === right.length && new Set([...left, ...right]).size === left.length;
        if (same) agree++;
        else if (disagreements.length < 5) disagreements.push(JSON.stringify(query));
      }
      const share = agree / sqlite.queries.length;
      const p = (values: number[], q: number) => fmt(percentile(values, q), 1);
      console.log(
        `search, the same ${sqlite.queries.length} queries, limit 10:` +
          `\n  PostgreSQL p50 ${p(times, 50)} ms · p95 ${p(times, 95)} ms · SQLite p50 ${p(sqlite.times, 50)} ms · p95 ${p(sqlite.times, 95)} ms` +
          ` (PostgreSQL / SQLite: p50 ${fmt(percentile(times, 50) / percentile(sqlite.times, 50), 2)}×, p95 ${fmt(percentile(times, 95) / percentile(sqlite.times, 95), 2)}×)` +
          `\n  top 10 documents the same on both: ${fmt(share, 3)} of the queries (bar ≥ 0.95: ${share >= 0.95 ? "met" : "NOT met"})` +
          (disagreements.length ? `\n  first that differ: ${disagreements.join(" · ")}` : ""),
      );
    } finally {
      await store.close();
      await dropDatabase(server.url, one);
    }
  } finally {
    server.stop();
  }
}
