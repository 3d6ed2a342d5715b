import type { ParsedQuery } from "../search/terms.js";

/** Where a query's matches come from: a full-text table and the condition its rows must meet. */
export interface Matching {
  table: "search" | "characters";
  /** `WHERE <condition>` over the table alone */
  condition: string;
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
  const over = (table: Matching["table"], condition: string, params: unknown[]): Matching => ({
    table,
    condition: `${table} MATCH ?${condition}`,
    params,
    rank: `bm25(${table}, 4.0, 1.0)`,
    newestFirst: `${table}.rowid DESC`,
  });
  if (match && characters) return over("search", " AND search.rowid IN (SELECT rowid FROM characters WHERE characters MATCH ?)", [match, characters]);
  if (match) return over("search", "", [match]);
  if (characters) return over("characters", "", [characters]);
  return null;
}

/** The matches joined to their facets (f), up to the WHERE conditions: `FROM <this> AND <filters>`. */
export const withFacets = ({ table, condition }: Matching) => `${table} JOIN facets f ON f.id = ${table}.rowid WHERE ${condition}`;
