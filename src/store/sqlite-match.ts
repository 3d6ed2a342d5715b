import type { ParsedQuery } from "../search/terms.js";

/** Where a query's matches come from, joined to their facets (f): SQL up to its WHERE conditions, and its parameters. */
export interface Matching {
  /** `... FROM <sql> AND <filters>` */
  sql: string;
  params: unknown[];
  /** the rank of a match, lower is better */
  rank: string;
  /** the matches newest first, in the full-text index's own order */
  newestFirst: string;
}

/**
 * The documents matching a parsed query: from the pair index, with the character index narrowing them
 * when the query also has one-character words; from the character index alone when it has only those.
 * Null when the query asks for nothing.
 */
export function matchingOf({ match, characters }: ParsedQuery): Matching | null {
  // A title match weighs four body matches.
  const over = (table: string, condition: string, params: unknown[]): Matching => ({
    sql: `${table} JOIN facets f ON f.id = ${table}.rowid WHERE ${table} MATCH ?${condition}`,
    params,
    rank: `bm25(${table}, 4.0, 1.0)`,
    newestFirst: `${table}.rowid DESC`,
  });
  if (match && characters) return over("search", " AND f.id IN (SELECT rowid FROM characters WHERE characters MATCH ?)", [match, characters]);
  if (match) return over("search", "", [match]);
  if (characters) return over("characters", "", [characters]);
  return null;
}
