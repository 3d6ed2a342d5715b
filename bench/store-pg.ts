import { spawn } from "node:child_process";
import { dirname, join, resolve } from "node:path";
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
// Two processes share the work through the database's queue, as two machines would: `huiyi ingest --db URL
// PAGES` lists the pages and works the queue, and `huiyi ingest --db URL` (no inputs: it only works the
// queue), started once the pages are listed, works it beside the first. The time is the first's start to
// the end of both.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CLI = join(ROOT, "dist/src/cli/main.js");

export interface SqliteFigures {
  store: Store;
  /** documents/s of SQLite's ingest of the same pages */
  rate: number;
  bytesPerPage: number;
  queries: SearchRequest[];
  times: number[];
  /** what each query found on SQLite (ten hits), in the timed run */
  results: SearchResult[];
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

/** `huiyi ingest` as its own process (without input: a worker of the queue); resolves when it exits, rejects if it fails. */
function ingestProcess(db: string, input: string | null, workers: number): Promise<void> {
  return new Promise((done, fail) => {
    const args = [CLI, "ingest", "--db", db, "--workers", String(workers), ...(input === null ? [] : [input])];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    child.on("error", fail);
    child.on("exit", (code) => (code === 0 ? done() : fail(new Error(`huiyi ingest exited with ${code}: ${stderr}`))));
  });
}

/** Resolves once the database's queue lists `pages` pages (or `lister` ended first). */
async function listed(db: string, pages: number, lister: Promise<unknown>): Promise<void> {
  let over = false;
  void lister.finally(() => (over = true)).catch(() => {});
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    while (!over) {
      // The queue's table exists once the first process has brought the new database's schema up.
      const { rows: made } = await client.query<{ queue: string | null }>("SELECT to_regclass('work_queue')::text AS queue");
      const count = made[0]!.queue ? (await client.query<{ n: string }>("SELECT count(*) AS n FROM work_queue")).rows[0]!.n : 0;
      if (Number(count) >= pages) return;
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await client.end();
  }
}

/** Two processes on one database: the first lists the pages and works the queue, the second works it from when they are listed. */
async function twoProcesses(db: string, input: string, pages: number, workers: number): Promise<void> {
  const lister = ingestProcess(db, input, workers);
  await listed(db, pages, lister);
  await Promise.all([lister, ingestProcess(db, null, workers)]);
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

      const twoUrl = await freshDatabase(server.url, two);
      const twoSeconds = await timed(() => twoProcesses(twoUrl, input, pages, workers));
      const twoStore = await openStore(twoUrl, { create: false });
      const twoStats = await twoStore.stats();
      await twoStore.close();
      await dropDatabase(server.url, two);
      const twoRate = twoStats.documents / twoSeconds;

      console.log(
        `ingest: ${fmt(oneRate)} documents/s with one process (${fmt(oneSeconds, 1)} s, ${stats.documents} stored) · ` +
          `${fmt(twoRate)} documents/s with two processes (${fmt(twoSeconds, 1)} s, ${twoStats.documents} stored; ` +
          `one \`huiyi ingest\` listing the pages and working the queue, a second working it from when they are listed) · ` +
          `SQLite ${fmt(sqlite.rate)} documents/s in process` +
          `\n  ratios: PostgreSQL one process / SQLite ${fmt(oneRate / sqlite.rate, 2)}× · two processes / one ${fmt(twoRate / oneRate, 2)}×` +
          `\n  clusters: ${stats.clusters} (one process) · ${twoStats.clusters} (two processes)`,
      );
      console.log(
        `database: ${fmt(stats.bytes / 1024 / 1024, 1)} MB beyond an empty database's ${fmt(empty / 1024 / 1024, 1)} MB, ${fmt(stats.bytes / stats.documents)} bytes per page ` +
          `(SQLite ${fmt(sqlite.bytesPerPage)}; ${fmt(stats.bytes / stats.documents / sqlite.bytesPerPage, 2)}×)`,
      );

      // The queries as timed (limit 10, as the bench's queries ask): what they found is what is compared.
      const { times, results } = await timeQueries(store, sqlite.queries);
      let agree = 0;
      const disagreements: string[] = [];
      for (const [i, query] of sqlite.queries.entries()) {
        const left = topOf(sqlite.results[i]!);
        const right = topOf(results[i]!);
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
