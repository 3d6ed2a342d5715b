import type Database from "better-sqlite3";
import { phraseQuery } from "../search/query.js";
import { containsElement, elementPattern } from "./like.js";
import { matchingOf, withFacets } from "./sqlite-match.js";
import type { Companion, DirectiveRequest, FacetCount, FollowUpStatus, LedgerEntry, RegionOverview, SearchFacets, TrendRequest, TrendSeries } from "./store.js";

// The SQLite store's views for exploring a corpus: facet counts, a region's overview, term trends, the
// directive ledger and the people met most often. Each takes the store's statement cache and its filters.

export type Sql = (text: string) => Database.Statement;
export type Where = (filters: { region?: string; from?: string; to?: string }) => { sql: string; params: unknown[] };

/** A facets row as search reads it: cluster, id, rank (lower is better), region path, date, kinds. */
export type RankedRow = [number, number, number, string | null, string | null, string | null];

const top = (counts: Map<string, number>, limit: number): FacetCount[] =>
  [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .slice(0, limit);

const add = (counts: Map<string, number>, key: string | undefined | null) => {
  if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
};

/** The parts of a stored region path: "/河北省/衡水市/阜城县/" → 河北省, 衡水市, 阜城县. */
const partsOf = (region: string) => region.split("/").filter(Boolean);

/**
 * The region one level below `region` on this path; with no region asked, the province of a page placed in
 * a division (a page known only by its jurisdiction has a path of one part).
 */
function below(path: string, region: string | undefined): string | undefined {
  const parts = partsOf(path);
  if (!region) return parts.length > 1 ? parts[0] : undefined;
  const at = parts.indexOf(region);
  return at >= 0 ? parts[at + 1] : undefined;
}

/** Facet counts over the best row of each matching cluster, best-ranked first. */
export function facetsOf(sql: Sql, best: RankedRow[], region: string | undefined): SearchFacets {
  const regions = new Map<string, number>();
  const years = new Map<string, number>();
  const kinds = new Map<string, number>();
  for (const [, , , path, date, kindList] of best) {
    if (path) add(regions, below(path, region));
    add(years, date?.slice(0, 4));
    for (const kind of kindList?.split(",") ?? []) add(kinds, kind);
  }
  // People: among the 2,000 best matches, so a broad query stays fast.
  const ids = JSON.stringify(best.slice(0, PERSON_FACET_DOCUMENTS).map((row) => row[1]));
  const persons = sql(
    `SELECT p.name AS value, COUNT(DISTINCT a.document) AS count FROM appearances a JOIN persons p ON p.id = a.person
     WHERE a.document IN (SELECT value FROM json_each(?)) GROUP BY p.name ORDER BY count DESC, p.name LIMIT 10`,
  ).all(ids) as FacetCount[];
  return { regions: top(regions, 30), years: [...years].map(([value, count]) => ({ value, count })).sort((a, b) => b.value.localeCompare(a.value)), kinds: top(kinds, 20), persons };
}

/** How many of the best-ranked matches the person facet looks at. */
export const PERSON_FACET_DOCUMENTS = 2000;

export function companions(sql: Sql, id: number, limit: number): Companion[] {
  return sql(
    `SELECT b.person AS id, p.name, COUNT(DISTINCT b.document) AS documents
     FROM appearances a JOIN appearances b ON b.document = a.document AND b.person != a.person JOIN persons p ON p.id = b.person
     WHERE a.person = ? GROUP BY b.person ORDER BY documents DESC, p.name LIMIT ?`,
  ).all(id, limit) as Companion[];
}

export function regionOverview(sql: Sql, name: string): RegionOverview | null {
  const inRegion = `SELECT id FROM facets WHERE ${containsElement("region")}`;
  const pattern = elementPattern(name, "/");
  const rows = sql(`SELECT date, region FROM facets WHERE ${containsElement("region")}`).raw().all(pattern) as [string | null, string][];
  if (rows.length === 0) return null;
  const months = new Map<string, number>();
  const children = new Map<string, number>();
  for (const [date, path] of rows) {
    if (date && date.length >= 7) add(months, date.slice(0, 7));
    add(children, below(path, name));
  }
  const first = partsOf(rows[0]![1]);
  const people = sql(
    `SELECT a.person AS id, p.name, COUNT(DISTINCT a.document) AS documents FROM appearances a JOIN persons p ON p.id = a.person
     WHERE a.document IN (${inRegion}) GROUP BY a.person ORDER BY documents DESC, p.name LIMIT 15`,
  ).all(pattern) as RegionOverview["people"];
  const themes = sql(
    `SELECT theme, COUNT(*) AS directives FROM directives WHERE document IN (${inRegion}) AND theme IS NOT NULL
     GROUP BY theme ORDER BY directives DESC, theme`,
  ).all(pattern) as RegionOverview["themes"];
  return {
    name,
    parents: first.slice(0, Math.max(0, first.indexOf(name))),
    documents: rows.length,
    months: [...months].map(([month, documents]) => ({ month, documents })).sort((a, b) => a.month.localeCompare(b.month)),
    children: top(children, 100).map(({ value, count }) => ({ name: value, documents: count })),
    people,
    themes,
  };
}

export function trends(sql: Sql, where: Where, request: TrendRequest): TrendSeries[] {
  const filter = where(request);
  const width = request.by === "year" ? 4 : 7;
  return request.terms.map((term) => {
    // A term is counted where it stands whole, as a phrase.
    const tree = phraseQuery(term);
    const matching = tree && matchingOf(tree);
    if (!matching) return { term, total: 0, points: [] };
    const rows = sql(`SELECT f.cluster, f.date FROM ${withFacets(matching)} AND ${filter.sql}`)
      .raw()
      .all(...matching.params, ...filter.params) as [number, string | null][];
    // One document per cluster, at its earliest date: a report reposted ten times counts once.
    const earliest = new Map<number, string | null>();
    for (const [cluster, date] of rows) {
      const seen = earliest.get(cluster);
      if (seen === undefined || (date !== null && (seen === null || date < seen))) earliest.set(cluster, date);
    }
    const counts = new Map<string, number>();
    for (const date of earliest.values()) if (date && date.length >= width) add(counts, date.slice(0, width));
    return { term, total: earliest.size, points: [...counts].map(([period, documents]) => ({ period, documents })).sort((a, b) => a.period.localeCompare(b.period)) };
  });
}

const LEDGER_COLUMNS = `d.id, d.document, doc.title, f.date, doc.jurisdiction, d.speaker, d.text, d.theme,
  COALESCE(u.status, '未跟进') AS status, COALESCE(u.note, '') AS note, u.updated`;
const LEDGER_FROM = `directives d JOIN facets f ON f.id = d.document JOIN documents doc ON doc.id = d.document
  LEFT JOIN follow_ups u ON u.directive = d.id`;

export function ledger(sql: Sql, where: Where, request: DirectiveRequest): { total: number; entries: LedgerEntry[] } {
  const filter = where(request);
  const conditions = [filter.sql];
  const params = [...filter.params];
  if (request.speaker) {
    conditions.push("d.speaker = ?");
    params.push(request.speaker);
  }
  if (request.theme) {
    conditions.push("d.theme = ?");
    params.push(request.theme);
  }
  if (request.status) {
    conditions.push("COALESCE(u.status, '未跟进') = ?");
    params.push(request.status);
  }
  const clause = conditions.join(" AND ");
  const total = sql(`SELECT COUNT(*) FROM ${LEDGER_FROM} WHERE ${clause}`).pluck().get(...params) as number;
  const limit = Math.max(1, Math.min(request.limit ?? 20, 100));
  const entries = sql(`SELECT ${LEDGER_COLUMNS} FROM ${LEDGER_FROM} WHERE ${clause} ORDER BY f.date DESC, d.id DESC LIMIT ? OFFSET ?`).all(
    ...params,
    limit,
    Math.max(0, request.offset ?? 0),
  ) as LedgerEntry[];
  return { total, entries };
}

export function setFollowUp(sql: Sql, id: number, status: FollowUpStatus, note: string): LedgerEntry | null {
  if (!sql("SELECT 1 FROM directives WHERE id = ?").get(id)) return null;
  sql(
    `INSERT INTO follow_ups (directive, status, note, updated) VALUES (?, ?, ?, ?)
     ON CONFLICT (directive) DO UPDATE SET status = excluded.status, note = excluded.note, updated = excluded.updated`,
  ).run(id, status, note, new Date().toISOString());
  return sql(`SELECT ${LEDGER_COLUMNS} FROM ${LEDGER_FROM} WHERE d.id = ?`).get(id) as LedgerEntry;
}
