import { conjunctsOf, hasRequired, type QueryTree } from "../../search/query.js";
import { elementPattern } from "../like.js";
import type { Filters } from "../store.js";
import { compileTerm } from "./fts.js";

// The PostgreSQL backend's SQL conditions: filters on facets f (as SQLite's, with $n parameters), and a
// query tree as a tsquery over the search table. Values always travel as parameters, never inside SQL.

/** Parameters of one statement, numbered as they are added. */
export class Params {
  readonly values: unknown[] = [];
  /** the placeholder of a new parameter */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A --to bound as a string every date it covers sorts under (columns are COLLATE "C": by code point). */
const upperBound = (to: string) => `${to}\uffff`;

/** The condition on facets f for the filters. */
export function whereOf(filters: Filters, params: Params): string {
  const conditions: string[] = [];
  if (filters.region) conditions.push(`(f.region LIKE ${params.add(elementPattern(filters.region, "/"))} ESCAPE '\\' OR f.code = ${params.add(filters.region)})`);
  if (filters.person) conditions.push(`f.id IN (SELECT document FROM appearances WHERE person IN (SELECT id FROM persons WHERE name = ${params.add(filters.person)}))`);
  if (filters.personId !== undefined) conditions.push(`f.id IN (SELECT document FROM appearances WHERE person = ${params.add(filters.personId)})`);
  if (filters.kind) conditions.push(`f.kinds LIKE ${params.add(elementPattern(filters.kind, ","))} ESCAPE '\\'`);
  if (filters.from) conditions.push(`f.date >= ${params.add(filters.from)}`);
  if (filters.to) conditions.push(`f.date <= ${params.add(upperBound(filters.to))}`);
  return conditions.length ? conditions.join(" AND ") : "TRUE";
}

/**
 * What a query tree asks of the search table: a tsquery (text) to rank by when it requires words; when it
 * only leaves words out (-引资), the tsquery of what it leaves out (a OR b for -a -b), asked positively so
 * that the GIN index answers it; `nothing` when it requires words that can never be found.
 */
export type Matching = { kind: "ranked"; tsquery: string } | { kind: "browse"; excluded: string | null } | { kind: "nothing" };

export function matchingOf(tree: QueryTree | null): Matching {
  if (!tree) return { kind: "browse", excluded: null };
  if (hasRequired(tree)) {
    const tsquery = compileTerm(tree);
    return tsquery === null ? { kind: "nothing" } : { kind: "ranked", tsquery };
  }
  const { excluded } = conjunctsOf(tree);
  return { kind: "browse", excluded: compileTerm({ kind: "or", items: excluded }) };
}

/** The condition that facets row f's page matches a tsquery parameter. */
export const matchesQuery = (placeholder: string) => `f.id IN (SELECT s.id FROM search s WHERE s.tokens @@ ${placeholder}::tsquery)`;
