import type Database from "better-sqlite3";
import { containsElement, elementPattern } from "./like.js";
import type { RegionRows } from "../corpus/backend.js";
import type { DirectiveRequest, FacetCount, FollowUpStatus, LedgerEntry } from "./store.js";

// The SQLite backend's reads for exploring a corpus: the people of a set of pages, a region's rows, the
// directive ledger and the people met most often. Each takes the backend's statement cache and its filters.

export type Sql = (text: string) => Database.Statement;
export type Where = (filters: { region?: string; from?: string; to?: string }) => { sql: string; params: unknown[] };

/** How many documents of these name each person's name, the most first. */
export function personCounts(sql: Sql, ids: number[], limit: number): FacetCount[] {
  return sql(
    `SELECT p.name AS value, COUNT(DISTINCT a.document) AS count, p.id FROM appearances a JOIN persons p ON p.id = a.person
     WHERE a.document IN (SELECT value FROM json_each(?)) GROUP BY p.id ORDER BY count DESC, p.id LIMIT ?`,
  ).all(JSON.stringify(ids), limit) as FacetCount[];
}

/** The pages whose region path names the region (date, path), its people and its directives' themes. */
export function regionRows(sql: Sql, name: string): RegionRows | null {
  const inRegion = `SELECT id FROM facets WHERE ${containsElement("region")}`;
  const pattern = elementPattern(name, "/");
  const rows = sql(`SELECT cluster, date, region FROM facets WHERE ${containsElement("region")}`).raw().all(pattern) as [number, string | null, string][];
  if (rows.length === 0) return null;
  const people = sql(
    `SELECT a.person AS id, p.name, COUNT(DISTINCT f.cluster) AS documents FROM appearances a JOIN persons p ON p.id = a.person
     JOIN facets f ON f.id = a.document WHERE a.document IN (${inRegion}) GROUP BY a.person ORDER BY documents DESC, p.name LIMIT 15`,
  ).all(pattern) as RegionRows["people"];
  // One page of each cluster: a reposted report's directives are counted once.
  const themes = sql(
    `SELECT theme, COUNT(*) AS directives FROM directives WHERE document IN (SELECT MIN(id) FROM facets WHERE ${containsElement("region")} GROUP BY cluster) AND theme IS NOT NULL
     GROUP BY theme ORDER BY directives DESC, theme`,
  ).all(pattern) as RegionRows["themes"];
  return { pages: rows.map(([cluster, date, region]) => ({ cluster, date, region: region.split("/").filter(Boolean) })), people, themes };
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

export function setFollowUp(sql: Sql, id: number, status: FollowUpStatus, note: string, updated = new Date().toISOString()): LedgerEntry | null {
  if (!sql("SELECT 1 FROM directives WHERE id = ?").get(id)) return null;
  sql(
    `INSERT INTO follow_ups (directive, status, note, updated) VALUES (?, ?, ?, ?)
     ON CONFLICT (directive) DO UPDATE SET status = excluded.status, note = excluded.note, updated = excluded.updated`,
  ).run(id, status, note, updated);
  return sql(`SELECT ${LEDGER_COLUMNS} FROM ${LEDGER_FROM} WHERE d.id = ?`).get(id) as LedgerEntry;
}
