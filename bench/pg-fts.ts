import Database from "better-sqlite3";
import { mkdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { clean } from "../src/clean/index.js";
import { indexCharacters, indexTokens } from "../src/search/terms.js";
import { parseQuery, type QueryTree } from "../src/search/query.js";
import { migrate } from "../src/store/migrations.js";
import { matchingOf } from "../src/store/sqlite-match.js";
import { compileTerm, compileText, PG_RANKED_AT_MOST, RANKED_MATCHES_SQL, tsvectorOf } from "../src/store/pg/fts.js";
import { migratePg } from "../src/store/pg/migrations.js";
import { benchPages } from "./corpus-pages.js";
import { benchServer } from "./pg-cluster.js";
import { classedQueries, type QueryClass } from "./queries.js";

// npm run bench:pg-fts — full-text search in PostgreSQL, two ways, beside SQLite's FTS5 on the same pages
// and the same queries:
//   tsvector: the pairs and characters of src/store/pg/fts.ts in one tsvector with a GIN index, ranked
//             with ts_rank among the newest 10,000 matches (as SQLite ranks with bm25), or by BM25 as FTS5
//             computes it, from each term's occurrences in the stored text (a bench-only variant);
//   pg_trgm:  the page's title and text with a GIN trigram index, each word a LIKE '%word%' (no ranking:
//             pg_trgm offers similarity, not relevance, and the newest matches come first);
//   tsvector without positions: the same lexemes, no positions, longer words confirmed by LIKE on the text;
//   FTS5:     SQLite's two indexes as src/store/migrations.ts makes them, ranked with bm25.
// It prints, for 1-character, 2-character, word and phrase queries, p50/p95 latency of the first ten
// results, the share of queries whose matches are the very documents FTS5 matches, how many of FTS5's
// top ten the ranked ways share, load time a page and index size. BENCH_PG_PAGES sets the pages (20,000).

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const OUT = join(ROOT, "bench/out");
const PAGES = Number(process.env.BENCH_PG_PAGES ?? 20_000);
const QUERIES_PER_CLASS = Number(process.env.BENCH_PG_QUERIES ?? 50);
const TOP = 10;
const BATCH = 500;

interface Page {
  id: number;
  title: string;
  text: string;
}

function cleanedPages(): Page[] {
  const pages: Page[] = [];
  for (const page of benchPages(ROOT, PAGES)) {
    const record = clean({ path: null, url: page.url, text: page.text, encoding: "utf-8" });
    pages.push({ id: page.id + 1, title: record.title ?? "", text: record.text });
  }
  return pages;
}


const queries = (pages: Page[]) => classedQueries(pages.map((page) => page.text), QUERIES_PER_CLASS);

/** The query's words and phrases as the term tree the stores compile: all must be found. */
function treeOf(query: string): QueryTree {
  return { kind: "and", items: parseQuery(query).terms.map((text): QueryTree => ({ kind: "term", text, quoted: false })) };
}

/** How many tokens a page has (its title's and its text's token strings): its length for BM25. */
function tokenCount(...tokenStrings: string[]): number {
  let count = 0;
  for (const tokens of tokenStrings) {
    if (tokens === "") continue;
    count++;
    for (let i = tokens.indexOf(" "); i !== -1; i = tokens.indexOf(" ", i + 1)) count++;
  }
  return count;
}

/** BM25's parameters, FTS5's: how fast repeated matches stop counting, how much a long page is discounted. */
const K1 = 1.2;
const B = 0.75;

/**
 * BM25 weight of a term (FTS5's): rarer terms count more; one in most pages next to nothing (never
 * negative). `pages` stored, `matching` of them holding the term.
 */
function idfOf(pages: number, matching: number): number {
  return Math.max(1e-6, Math.log((pages - matching + 0.5) / (matching + 0.5)));
}

/**
 * The SQL ranking the matches of a compiled query by BM25 as SQLite's FTS5 computes it (bm25 with the
 * title counting four): among the newest PG_RANKED_AT_MOST matching documents, each term's occurrences
 * in the title and the text (as substrings of the stored text, which are its runs of pairs), weighed by
 * the term's idf and the page's length in tokens against the average. Parameters: $1 the compiled query
 * (tsquery text), $2 the terms (text[], folded, lowercased), $3 their idf (float8[]), $4 the average
 * page length in tokens, $5 the limit. Returns id and score, best first.
 */
const BM25_MATCHES_SQL = `
  SELECT n.id, r.score
  FROM (SELECT s.id, l.length FROM search s JOIN page_lengths l ON l.id = s.id WHERE s.tokens @@ $1::tsquery ORDER BY s.id DESC LIMIT ${PG_RANKED_AT_MOST}) n
  JOIN documents d ON d.id = n.id
  CROSS JOIN LATERAL (
    SELECT sum(t.idf * (t.f * ${K1 + 1}) / (t.f + ${K1} * (${1 - B} + ${B} * n.length / $4::float8))) AS score
    FROM (
      SELECT u.idf,
             4 * (length(h.title) - length(replace(h.title, u.term, ''))) / length(u.term)
               + (length(h.body) - length(replace(h.body, u.term, ''))) / length(u.term) AS f
      FROM unnest($2::text[], $3::float8[]) AS u(term, idf)
      CROSS JOIN LATERAL (
        SELECT CASE WHEN u.term ~ '[a-z]' THEN lower(coalesce(d.title, '')) ELSE coalesce(d.title, '') END AS title,
               CASE WHEN u.term ~ '[a-z]' THEN lower(d.text) ELSE d.text END AS body
      ) h
    ) t
  ) r
  ORDER BY r.score DESC, n.id DESC
  LIMIT $5`;

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function loadSqlite(file: string, pages: Page[]): Promise<{ seconds: number; bytes: number; db: Database.Database }> {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  migrate(db);
  const pairs = db.prepare("INSERT INTO search (rowid, title, body) VALUES (?, ?, ?)");
  const characters = db.prepare("INSERT INTO characters (rowid, title, body) VALUES (?, ?, ?)");
  const start = process.hrtime.bigint();
  for (let i = 0; i < pages.length; i += BATCH) {
    db.transaction(() => {
      for (const page of pages.slice(i, i + BATCH)) {
        pairs.run(page.id, indexTokens(page.title), indexTokens(page.text));
        characters.run(page.id, indexCharacters(page.title), indexCharacters(page.text));
      }
    })();
  }
  const took = seconds(start);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.exec("VACUUM");
  return { seconds: took, bytes: statSync(file).size, db };
}

interface PgLoad {
  seconds: number;
  /** table, its TOAST and its indexes */
  total: number;
  /** the full-text index alone */
  index: number;
}

async function loadTsvector(pool: pg.Pool, pages: Page[]): Promise<PgLoad> {
  // Each page's length in tokens, for the BM25 variant alone (timed with the load: BM25 would need it).
  await pool.query("CREATE TABLE page_lengths (id bigint PRIMARY KEY, length integer NOT NULL)");
  const start = process.hrtime.bigint();
  for (let i = 0; i < pages.length; i += BATCH) {
    const batch = pages.slice(i, i + BATCH);
    await pool.query(
      `INSERT INTO documents (id, page_key, record_id, script, title, text, record)
       SELECT i, i::text, i::text, 'simplified', t, x, '' FROM unnest($1::bigint[], $2::text[], $3::text[]) AS u(i, t, x)`,
      [batch.map((p) => p.id), batch.map((p) => p.title), batch.map((p) => p.text)],
    );
    const vectors = batch.map((p) => tsvectorOf({ titleTokens: indexTokens(p.title), bodyTokens: indexTokens(p.text) }));
    const lengths = batch.map((p) => tokenCount(indexTokens(p.title), indexTokens(p.text)));
    await pool.query("INSERT INTO search (id, tokens) SELECT * FROM unnest($1::bigint[], $2::tsvector[])", [batch.map((p) => p.id), vectors]);
    await pool.query("INSERT INTO page_lengths (id, length) SELECT * FROM unnest($1::bigint[], $2::int[])", [batch.map((p) => p.id), lengths]);
  }
  const took = seconds(start);
  await pool.query("VACUUM ANALYZE search");
  const { rows } = await pool.query<{ total: string; index: string }>("SELECT pg_total_relation_size('search') AS total, pg_relation_size('search_tokens') AS index");
  return { seconds: took, total: Number(rows[0]!.total), index: Number(rows[0]!.index) };
}

async function loadTrigrams(pool: pg.Pool, pages: Page[]): Promise<PgLoad> {
  await pool.query("CREATE EXTENSION IF NOT EXISTS pg_trgm");
  await pool.query("CREATE TABLE trgm_pages (id bigint PRIMARY KEY, content text NOT NULL)");
  await pool.query("CREATE INDEX trgm_pages_content ON trgm_pages USING gin (content gin_trgm_ops)");
  const start = process.hrtime.bigint();
  for (let i = 0; i < pages.length; i += BATCH) {
    const batch = pages.slice(i, i + BATCH);
    await pool.query("INSERT INTO trgm_pages (id, content) SELECT * FROM unnest($1::bigint[], $2::text[])", [batch.map((p) => p.id), batch.map((p) => `${p.title}\n${p.text}`)]);
  }
  const took = seconds(start);
  await pool.query("VACUUM ANALYZE trgm_pages");
  const { rows } = await pool.query<{ total: string; index: string }>("SELECT pg_total_relation_size('trgm_pages') AS total, pg_relation_size('trgm_pages_content') AS index");
  return { seconds: took, total: Number(rows[0]!.total), index: Number(rows[0]!.index) };
}

/**
 * The lighter alternative: the same lexemes without positions (array_to_tsvector, built by the server), so
 * the index answers words of one pair, characters, and/or/not without reading a row; a longer word or
 * phrase asks for all its pairs there and is confirmed by LIKE on the page's text. Each distinct character
 * is there too as a lexeme of its own (~字), to time one-character queries both ways.
 */
async function loadLite(pool: pg.Pool, pages: Page[]): Promise<PgLoad> {
  await pool.query("CREATE TABLE lite (id bigint PRIMARY KEY, tokens tsvector NOT NULL)");
  await pool.query("CREATE INDEX lite_tokens ON lite USING gin (tokens)");
  const start = process.hrtime.bigint();
  for (let i = 0; i < pages.length; i += BATCH) {
    const batch = pages.slice(i, i + BATCH);
    const lexemes = batch.map((p) => `${indexTokens(p.title)} ${indexTokens(p.text)} ${`${indexCharacters(p.title)} ${indexCharacters(p.text)}`.replace(/(\S+)/g, "~$1")}`);
    await pool.query("INSERT INTO lite (id, tokens) SELECT i, array_to_tsvector(array_remove(string_to_array(v, ' '), '')) FROM unnest($1::bigint[], $2::text[]) AS u(i, v)", [batch.map((p) => p.id), lexemes]);
  }
  const took = seconds(start);
  await pool.query("VACUUM ANALYZE lite");
  const { rows } = await pool.query<{ total: string; index: string }>("SELECT pg_total_relation_size('lite') AS total, pg_relation_size('lite_tokens') AS index");
  return { seconds: took, total: Number(rows[0]!.total), index: Number(rows[0]!.index) };
}

/** A way to answer a query: its first ten ids, and (timed apart) every id it matches. */
interface Way {
  name: string;
  top(query: string): Promise<number[]>;
  all(query: string): Promise<Set<number>>;
}

function sqliteWay(db: Database.Database): Way {
  const matching = (query: string) => {
    const { tree } = parseQuery(query);
    return tree ? matchingOf(tree) : null;
  };
  return {
    name: "SQLite FTS5 (bm25)",
    top: async (query) => {
      const m = matching(query);
      if (!m) return [];
      const rows = db.prepare(`SELECT ${m.id} AS id, ${m.rank} AS rank FROM ${m.from} WHERE ${m.condition} ORDER BY ${m.id} DESC LIMIT 10000`).raw().all(...m.params) as [number, number][];
      return rows.sort((a, b) => a[1] - b[1] || b[0] - a[0]).slice(0, TOP).map(([id]) => id);
    },
    all: async (query) => {
      const m = matching(query);
      if (!m) return new Set();
      return new Set(db.prepare(`SELECT ${m.id} FROM ${m.from} WHERE ${m.condition}`).pluck().all(...m.params) as number[]);
    },
  };
}

function tsvectorWay(pool: pg.Pool): Way {
  const compiled = (query: string) => compileTerm(treeOf(query));
  return {
    name: "tsvector + GIN (ts_rank)",
    top: async (query) => {
      const q = compiled(query);
      if (q === null) return [];
      const { rows } = await pool.query<{ id: string }>(RANKED_MATCHES_SQL, [q, TOP]);
      return rows.map((row) => Number(row.id));
    },
    all: async (query) => {
      const q = compiled(query);
      if (q === null) return new Set();
      const { rows } = await pool.query<{ id: string }>("SELECT id FROM search WHERE tokens @@ $1::tsquery", [q]);
      return new Set(rows.map((row) => Number(row.id)));
    },
  };
}

/**
 * The tsvector's matches ranked by BM25 as FTS5 computes it (BM25_MATCHES_SQL): each term's idf from its
 * count of matches (asked only when the query has more than one term: alone, its idf orders nothing).
 */
function bm25Way(pool: pg.Pool, pages: number, averageLength: number): Way {
  const way = tsvectorWay(pool);
  return {
    name: "tsvector + GIN (BM25 as FTS5)",
    top: async (query) => {
      const tree = treeOf(query);
      const q = compileTerm(tree);
      if (q === null) return [];
      const terms = parseQuery(query).terms.filter((term) => compileText(term) !== null);
      const idfs: number[] = [];
      for (const term of terms) {
        if (terms.length === 1) idfs.push(1);
        else {
          const { rows } = await pool.query<{ n: string }>("SELECT count(*) AS n FROM search WHERE tokens @@ $1::tsquery", [compileText(term)]);
          idfs.push(idfOf(pages, Number(rows[0]!.n)));
        }
      }
      const { rows } = await pool.query<{ id: string }>(BM25_MATCHES_SQL, [q, terms.map((term) => term.toLowerCase()), idfs, averageLength, TOP]);
      return rows.map((row) => Number(row.id));
    },
    all: way.all,
  };
}

/** The tsvector's matches without ranking: the newest ten, as pg_trgm is timed. */
function tsvectorUnrankedWay(pool: pg.Pool): Way {
  const way = tsvectorWay(pool);
  return {
    name: "tsvector + GIN (newest, unranked)",
    top: async (query) => {
      const q = compileTerm(treeOf(query));
      if (q === null) return [];
      const { rows } = await pool.query<{ id: string }>("SELECT id FROM search WHERE tokens @@ $1::tsquery ORDER BY id DESC LIMIT $2", [q, TOP]);
      return rows.map((row) => Number(row.id));
    },
    all: way.all,
  };
}

function trigramWay(pool: pg.Pool): Way {
  /** Each word (or quoted phrase) of the query as a LIKE condition; all must hold. */
  const conditions = (query: string) => {
    const terms = parseQuery(query).terms.map((term) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    return { sql: terms.map((_, i) => `content LIKE $${i + 1}`).join(" AND "), params: terms };
  };
  return {
    name: "pg_trgm + GIN (LIKE, newest)",
    top: async (query) => {
      const { sql, params } = conditions(query);
      if (!params.length) return [];
      const { rows } = await pool.query<{ id: string }>(`SELECT id FROM trgm_pages WHERE ${sql} ORDER BY id DESC LIMIT ${TOP}`, params);
      return rows.map((row) => Number(row.id));
    },
    all: async (query) => {
      const { sql, params } = conditions(query);
      if (!params.length) return new Set();
      const { rows } = await pool.query<{ id: string }>(`SELECT id FROM trgm_pages WHERE ${sql}`, params);
      return new Set(rows.map((row) => Number(row.id)));
    },
  };
}

function liteWay(pool: pg.Pool): Way {
  /** The positioned query with its chains made plain and (&), and the words that chains stood for, to confirm by LIKE. */
  const conditions = (query: string) => {
    const terms = parseQuery(query).terms;
    const compiled = compileTerm(treeOf(query));
    const chained = terms.filter((term) => (compileTerm({ kind: "term", text: term, quoted: false }) ?? "").includes("<->"));
    const like = chained.map((term) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const sql = ["l.tokens @@ $1::tsquery", ...like.map((_, i) => `t.content LIKE $${i + 2}`)].join(" AND ");
    return { q: compiled?.replace(/<->/g, "&") ?? null, sql, params: like };
  };
  const from = "lite l JOIN trgm_pages t ON t.id = l.id";
  return {
    name: "tsvector w/o positions + LIKE",
    top: async (query) => {
      const { q, sql, params } = conditions(query);
      if (q === null) return [];
      const { rows } = await pool.query<{ id: string }>(`SELECT l.id FROM ${from} WHERE ${sql} ORDER BY l.id DESC LIMIT ${TOP}`, [q, ...params]);
      return rows.map((row) => Number(row.id));
    },
    all: async (query) => {
      const { q, sql, params } = conditions(query);
      if (q === null) return new Set();
      const { rows } = await pool.query<{ id: string }>(`SELECT l.id FROM ${from} WHERE ${sql}`, [q, ...params]);
      return new Set(rows.map((row) => Number(row.id)));
    },
  };
}

/**
 * One-character queries two ways on the same table without positions: the prefix of the pairs the
 * character opens ('字':*, the chosen way) and a lexeme of each distinct character ('~字', as SQLite's
 * second index). Newest ten, ms.
 */
async function timeCharacterWays(pool: pg.Pool, characters: string[]): Promise<{ prefix: number[]; lexeme: number[] }> {
  const prefix: number[] = [];
  const lexeme: number[] = [];
  for (const character of characters) {
    for (const [query, times] of [
      [`'${character}':*`, prefix],
      [`'~${character}'`, lexeme],
    ] as const) {
      const start = process.hrtime.bigint();
      await pool.query(`SELECT id FROM lite WHERE tokens @@ $1::tsquery ORDER BY id DESC LIMIT ${TOP}`, [query]);
      times.push(ms(start));
    }
  }
  return { prefix, lexeme };
}

const sameSet = (a: Set<number>, b: Set<number>) => a.size === b.size && [...a].every((id) => b.has(id));
const fmt = (x: number, digits = 1) => x.toFixed(digits);
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024)} MB`;

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const server = benchServer();
  const name = `huiyi_bench_fts_${process.pid}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  // Its connections are closed by the DROP DATABASE at the end; that is no error.
  pool.on("error", () => {});
  try {
    console.log(`generating and cleaning ${PAGES} pages …`);
    const pages = cleanedPages();
    const chars = pages.reduce((sum, p) => sum + p.title.length + p.text.length, 0);
    console.log(`${pages.length} pages, ${fmt(chars / pages.length, 0)} characters a page on average`);
    const { rows: version } = await pool.query<{ server_version: string }>("SHOW server_version");
    console.log(`PostgreSQL ${version[0]!.server_version}${server.throwaway ? " (throwaway cluster)" : ""}`);

    await migratePg(pool);
    const sqlite = await loadSqlite(join(OUT, "pg-fts-sqlite.db"), pages);
    const tsv = await loadTsvector(pool, pages);
    const trgm = await loadTrigrams(pool, pages);
    const lite = await loadLite(pool, pages);
    console.log("\nload (index kept up to date while rows go in, 500 a transaction) and size:");
    console.log(`  SQLite FTS5 pairs + characters  ${fmt((sqlite.seconds * 1000) / pages.length, 3)} ms a page · ${mb(sqlite.bytes)} (${fmt(sqlite.bytes / pages.length, 0)} bytes a page, the file holding nothing else)`);
    console.log(`  tsvector + GIN                  ${fmt((tsv.seconds * 1000) / pages.length, 3)} ms a page · GIN ${mb(tsv.index)} · table with TOAST and index ${mb(tsv.total)} (${fmt(tsv.total / pages.length, 0)} bytes a page)`);
    console.log(`  pg_trgm + GIN                   ${fmt((trgm.seconds * 1000) / pages.length, 3)} ms a page · GIN ${mb(trgm.index)} · table with TOAST and index ${mb(trgm.total)} (${fmt(trgm.total / pages.length, 0)} bytes a page; the text itself, which documents holds anyway, included)`);
    console.log(`  tsvector without positions      ${fmt((lite.seconds * 1000) / pages.length, 3)} ms a page · GIN ${mb(lite.index)} · table with TOAST and index ${mb(lite.total)} (${fmt(lite.total / pages.length, 0)} bytes a page)`);

    const asked = queries(pages);
    const reference = sqliteWay(sqlite.db);
    const { rows: lengthRows } = await pool.query<{ average: number }>("SELECT avg(length)::float8 AS average FROM page_lengths");
    const ways = [reference, tsvectorWay(pool), bm25Way(pool, pages.length, lengthRows[0]!.average), tsvectorUnrankedWay(pool), trigramWay(pool), liteWay(pool)];
    // Warm: statements planned, pages in the caches.
    for (const way of ways) for (const { query } of asked.slice(0, 20)) await way.top(query);

    const classes: QueryClass[] = ["1 character", "2 characters", "words", "phrase"];
    const expected = new Map<string, Set<number>>();
    const expectedTop = new Map<string, number[]>();
    for (const { query } of asked) {
      expected.set(query, await reference.all(query));
      expectedTop.set(query, await reference.top(query));
    }
    const matchCounts = [...expected.values()].map((ids) => ids.size);
    console.log(`\n${asked.length} queries (${QUERIES_PER_CLASS} of each class), matching ${percentile(matchCounts, 50)} documents at the median, ${percentile(matchCounts, 95)} at p95; first ${TOP} results, ms:`);
    console.log(`  ${"".padEnd(34)}${classes.map((c) => `${c} p50/p95`.padStart(24)).join("")}   same matches as FTS5 · top ${TOP} shared`);
    for (const way of ways) {
      const times = new Map<QueryClass, number[]>(classes.map((c) => [c, []]));
      let same = 0;
      let shared = 0;
      for (const { kind, query } of asked) {
        const start = process.hrtime.bigint();
        const top = await way.top(query);
        times.get(kind)!.push(ms(start));
        if (sameSet(await way.all(query), expected.get(query)!)) same++;
        const want = expectedTop.get(query)!;
        shared += want.length ? top.filter((id) => want.includes(id)).length / want.length : 1;
      }
      const cells = classes.map((c) => `${fmt(percentile(times.get(c)!, 50))} / ${fmt(percentile(times.get(c)!, 95))}`.padStart(24)).join("");
      console.log(`  ${way.name.padEnd(34)}${cells}   ${fmt(same / asked.length, 3).padStart(6)} · ${fmt(shared / asked.length, 3)}`);
    }
    const { prefix, lexeme } = await timeCharacterWays(
      pool,
      asked.filter((q) => q.kind === "1 character").map((q) => q.query),
    );
    console.log(
      `\none character, newest ${TOP}, on the vectors without positions: as the prefix of its pairs p50 ${fmt(percentile(prefix, 50))} / p95 ${fmt(percentile(prefix, 95))} ms` +
        ` · as a character lexeme of its own p50 ${fmt(percentile(lexeme, 50))} / p95 ${fmt(percentile(lexeme, 95))} ms`,
    );
    sqlite.db.close();
  } finally {
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await admin.end();
    server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
