import type pg from "pg";
import type { RegionRows } from "../../corpus/backend.js";
import { elementPattern } from "../like.js";
import type { DirectiveRequest, FacetCount, FollowUpStatus, LedgerEntry, Stats } from "../store.js";
import { Params, whereOf } from "./where.js";

// The PostgreSQL backend's reads for exploring a corpus: the people of a set of pages, a region's rows,
// the directive ledger, the people met most often, the corpus's figures. Names are ordered COLLATE "C"
// (by code point), as SQLite orders them, so that both backends list ties alike.

type Queryable = Pick<pg.ClientBase, "query">;

/** How many documents of these name each person's name, the most first. */
export async function personCounts(db: Queryable, ids: number[], limit: number): Promise<FacetCount[]> {
  const { rows } = await db.query<FacetCount>(
    `SELECT p.name AS value, count(DISTINCT a.document)::int AS count, p.id::int AS id FROM appearances a JOIN persons p ON p.id = a.person
     WHERE a.document = ANY($1::bigint[]) GROUP BY p.id, p.name ORDER BY count DESC, p.id LIMIT $2`,
    [ids, limit],
  );
  return rows;
}

/** The pages whose region path names the region (date, path), its people and its directives' themes. */
export async function regionRows(db: Queryable, name: string): Promise<RegionRows | null> {
  const inRegion = "SELECT id FROM facets WHERE region LIKE $1 ESCAPE '\\'";
  const pattern = [elementPattern(name, "/")];
  const pages = await db.query<{ cluster: number; date: string | null; region: string }>(`SELECT cluster, date, region FROM facets WHERE region LIKE $1 ESCAPE '\\'`, pattern);
  if (pages.rows.length === 0) return null;
  const people = await db.query<RegionRows["people"][number]>(
    `SELECT a.person AS id, p.name, count(DISTINCT f.cluster)::int AS documents FROM appearances a JOIN persons p ON p.id = a.person
     JOIN facets f ON f.id = a.document WHERE a.document IN (${inRegion}) GROUP BY a.person, p.name ORDER BY documents DESC, p.name COLLATE "C" LIMIT 15`,
    pattern,
  );
  // One page of each cluster: a reposted report's directives are counted once.
  const themes = await db.query<RegionRows["themes"][number]>(
    `SELECT theme, count(*)::int AS directives FROM directives WHERE document IN (SELECT min(id) FROM facets WHERE region LIKE $1 ESCAPE '\\' GROUP BY cluster) AND theme IS NOT NULL
     GROUP BY theme ORDER BY directives DESC, theme COLLATE "C"`,
    pattern,
  );
  return { pages: pages.rows.map(({ cluster, date, region }) => ({ cluster, date, region: region.split("/").filter(Boolean) })), people: people.rows, themes: themes.rows };
}

const LEDGER_COLUMNS = `d.id, d.document, doc.title, f.date, doc.jurisdiction, d.speaker, d.text, d.theme,
  COALESCE(u.status, '未跟进') AS status, COALESCE(u.note, '') AS note, u.updated`;
const LEDGER_FROM = `directives d JOIN facets f ON f.id = d.document JOIN documents doc ON doc.id = d.document
  LEFT JOIN follow_ups u ON u.directive = d.id`;

export async function ledger(db: Queryable, request: DirectiveRequest): Promise<{ total: number; entries: LedgerEntry[] }> {
  const params = new Params();
  const conditions = [whereOf(request, params)];
  if (request.speaker) conditions.push(`d.speaker = ${params.add(request.speaker)}`);
  if (request.theme) conditions.push(`d.theme = ${params.add(request.theme)}`);
  if (request.status) conditions.push(`COALESCE(u.status, '未跟进') = ${params.add(request.status)}`);
  const clause = conditions.join(" AND ");
  const total = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${LEDGER_FROM} WHERE ${clause}`, params.values);
  const limit = params.add(Math.max(1, Math.min(request.limit ?? 20, 100)));
  const offset = params.add(Math.max(0, request.offset ?? 0));
  // Newest first, undated last (as SQLite sorts NULL lowest).
  const entries = await db.query<LedgerEntry>(`SELECT ${LEDGER_COLUMNS} FROM ${LEDGER_FROM} WHERE ${clause} ORDER BY f.date DESC NULLS LAST, d.id DESC LIMIT ${limit} OFFSET ${offset}`, params.values);
  return { total: total.rows[0]!.n, entries: entries.rows };
}

export async function setFollowUp(db: Queryable, id: number, status: FollowUpStatus, note: string, updated = new Date().toISOString()): Promise<LedgerEntry | null> {
  const { rows } = await db.query<LedgerEntry>(
    `WITH written AS (
       INSERT INTO follow_ups (directive, status, note, updated) SELECT id, $2, $3, $4 FROM directives WHERE id = $1
       ON CONFLICT (directive) DO UPDATE SET status = excluded.status, note = excluded.note, updated = excluded.updated
       RETURNING directive, status, note, updated)
     SELECT d.id, d.document, doc.title, f.date, doc.jurisdiction, d.speaker, d.text, d.theme, u.status, u.note, u.updated
     FROM written u JOIN directives d ON d.id = u.directive JOIN facets f ON f.id = d.document JOIN documents doc ON doc.id = d.document`,
    [id, status, note, updated],
  );
  return rows[0] ?? null;
}

export async function stats(db: Queryable, schemaVersion: number): Promise<Stats> {
  const one = async <T>(sql: string) => (await db.query<{ v: T }>(sql)).rows[0]!.v;
  const scripts = await db.query<{ script: string; n: number }>("SELECT script, count(*) AS n FROM documents GROUP BY script");
  const kindRows = await db.query<{ kinds: string; n: number }>("SELECT kinds, count(*) AS n FROM documents WHERE kinds IS NOT NULL AND kinds != '' GROUP BY kinds");
  const kinds = new Map<string, number>();
  for (const row of kindRows.rows) for (const kind of row.kinds.split(",")) kinds.set(kind, (kinds.get(kind) ?? 0) + row.n);
  const regions = await db.query<{ name: string; documents: number }>(
    `SELECT COALESCE(division_path, jurisdiction) AS name, count(*) AS documents FROM documents WHERE COALESCE(division_path, jurisdiction) IS NOT NULL
     GROUP BY 1 ORDER BY 2 DESC, COALESCE(division_path, jurisdiction) COLLATE "C" LIMIT 10`,
  );
  return {
    schemaVersion,
    documents: await one<number>("SELECT count(*) AS v FROM documents"),
    clusters: await one<number>("SELECT count(DISTINCT cluster) AS v FROM facets"),
    meetings: await one<number>("SELECT count(*) AS v FROM documents WHERE meeting IS NOT NULL"),
    persons: await one<number>("SELECT count(*) AS v FROM persons"),
    appearances: await one<number>("SELECT count(*) AS v FROM appearances"),
    directives: await one<number>("SELECT count(*) AS v FROM directives"),
    firstDate: await one<string | null>("SELECT min(date) AS v FROM documents"),
    lastDate: await one<string | null>("SELECT max(date) AS v FROM documents"),
    scripts: Object.fromEntries(scripts.rows.map((row) => [row.script, row.n])),
    regions: regions.rows,
    kinds: [...kinds].map(([name, documents]) => ({ name, documents })).sort((a, b) => b.documents - a.documents || a.name.localeCompare(b.name)),
    // the database's size on the server: the corpus's tables and indexes (and the work queue)
    bytes: await one<number>("SELECT pg_database_size(current_database()) AS v"),
  };
}
