import { RANK_WEIGHTS } from "./fts.js";
import type { Params } from "./where.js";

// Ranked matches of a tsquery: the most recently stored `limit` matches that pass the filters (as SQLite
// caps them), each with its rank, lower better.

/**
 * SQL selecting (id, cluster, rank, date, and `extra` facet columns) for the matches of `tsquery` among
 * facets f passing `where` (its parameters already in `params`).
 */
export function rankedMatches(tsquery: string, where: string, params: Params, limit: number | null, extra: string): string {
  const q = `${params.add(tsquery)}::tsquery`;
  const cap = limit === null ? "" : ` LIMIT ${params.add(limit)}`;
  return `SELECT m.*, -ts_rank('${RANK_WEIGHTS}', s.tokens, ${q}) AS rank
    FROM (SELECT f.id, f.cluster, f.date${extra} FROM search s JOIN facets f ON f.id = s.id WHERE s.tokens @@ ${q} AND ${where} ORDER BY s.id DESC${cap}) m
    JOIN search s ON s.id = m.id`;
}
