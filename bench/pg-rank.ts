import { rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { pageKey, preparePages } from "../src/ingest/prepare.js";
import { openStore } from "../src/store/open.js";
import type { PreparedPage, Store } from "../src/store/store.js";
import { benchPages } from "./corpus-pages.js";
import { benchServer } from "./pg-cluster.js";
import { classedQueries, type QueryClass } from "./queries.js";

// npm run bench:pg-rank — do the two backends rank alike? The same generated pages are stored in a SQLite
// file and in a new PostgreSQL database through the Store API (cleaned, extracted, filed into clusters as
// ingest does), then the same queries are searched on both as users search: ten hits, one a cluster. It
// prints, per query class (1 character, 2 characters, words, phrases), the share of queries whose ten hits
// are the same documents on both (as a set, and in the same order), the mean share of the ten both have,
// and each backend's p50/p95 ms. BENCH_RANK_PAGES sets the pages (10,000), BENCH_RANK_QUERIES the queries
// a class (50).

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const PAGES = Number(process.env.BENCH_RANK_PAGES ?? 10_000);
const QUERIES_PER_CLASS = Number(process.env.BENCH_RANK_QUERIES ?? 50);
const BATCH = 500;


function prepared(): PreparedPage[] {
  const pages: PreparedPage[] = [];
  let window: { path: null; url: string; text: string; encoding: string }[] = [];
  const flush = () => {
    pages.push(...preparePages({ docs: window, keys: window.map(pageKey) }).pages);
    window = [];
  };
  for (const page of benchPages(ROOT, PAGES)) {
    window.push({ path: null, url: page.url, text: page.text, encoding: "utf-8" });
    if (window.length === BATCH) flush();
  }
  if (window.length) flush();
  return pages;
}

const queries = (pages: PreparedPage[]) => classedQueries(pages.map((page) => page.record.text), QUERIES_PER_CLASS);

async function fill(store: Store, pages: PreparedPage[]): Promise<number> {
  const start = process.hrtime.bigint();
  const writer = store.writer();
  for (let i = 0; i < pages.length; i += BATCH) {
    await writer.add(pages.slice(i, i + BATCH));
    await writer.commit();
  }
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

async function timedTop(store: Store, query: string): Promise<{ ms: number; urls: string[] }> {
  const start = process.hrtime.bigint();
  const result = await store.search({ query, limit: 10 });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, urls: result.hits.map((hit) => hit.url ?? String(hit.id)) };
}

async function main(): Promise<void> {
  const server = benchServer();
  const database = `huiyi_bench_rank_${process.pid}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(server.url);
  url.pathname = `/${database}`;
  const file = join(ROOT, "bench/out/pg-rank.db");
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  try {
    const start = process.hrtime.bigint();
    const pages = prepared();
    console.log(`${pages.length} pages prepared in ${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(1)} s`);
    const sqlite = await openStore(file, { create: true });
    const postgres = await openStore(url.toString(), { create: true });
    console.log(`stored: SQLite ${(await fill(sqlite, pages)).toFixed(1)} s, PostgreSQL ${(await fill(postgres, pages)).toFixed(1)} s`);
    const byClass = new Map<QueryClass, { sameSet: number; sameOrder: number; overlap: number; n: number; sqliteMs: number[]; pgMs: number[] }>();
    for (const { kind, query } of queries(pages)) {
      const a = await timedTop(sqlite, query);
      const b = await timedTop(postgres, query);
      const row = byClass.get(kind) ?? { sameSet: 0, sameOrder: 0, overlap: 0, n: 0, sqliteMs: [], pgMs: [] };
      const shared = a.urls.filter((u) => b.urls.includes(u)).length;
      row.n++;
      row.sameSet += shared === a.urls.length && a.urls.length === b.urls.length ? 1 : 0;
      row.sameOrder += a.urls.join("\n") === b.urls.join("\n") ? 1 : 0;
      row.overlap += a.urls.length ? shared / Math.max(a.urls.length, b.urls.length) : 1;
      row.sqliteMs.push(a.ms);
      row.pgMs.push(b.ms);
      byClass.set(kind, row);
    }
    console.log("class          top-10 same set  same order  mean shared  SQLite p50/p95 ms  PostgreSQL p50/p95 ms");
    const all = { sameSet: 0, sameOrder: 0, overlap: 0, n: 0 };
    for (const [kind, row] of byClass) {
      for (const key of ["sameSet", "sameOrder", "overlap", "n"] as const) all[key] += row[key];
      console.log(
        `${kind.padEnd(14)} ${(row.sameSet / row.n).toFixed(2).padStart(16)} ${(row.sameOrder / row.n).toFixed(2).padStart(11)} ${(row.overlap / row.n).toFixed(2).padStart(12)}` +
          `  ${percentile(row.sqliteMs, 50).toFixed(1)}/${percentile(row.sqliteMs, 95).toFixed(1)}`.padStart(19) +
          `  ${percentile(row.pgMs, 50).toFixed(1)}/${percentile(row.pgMs, 95).toFixed(1)}`.padStart(23),
      );
    }
    console.log(`${"all".padEnd(14)} ${(all.sameSet / all.n).toFixed(2).padStart(16)} ${(all.sameOrder / all.n).toFixed(2).padStart(11)} ${(all.overlap / all.n).toFixed(2).padStart(12)}`);
    await sqlite.close();
    await postgres.close();
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    server.stop();
  }
}

await main();
