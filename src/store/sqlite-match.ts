import { conjunctsOf, hasRequired, type QueryTree, type TermNode } from "../search/query.js";
import { leafOf } from "../search/terms.js";

// A query tree compiled for SQLite: FTS5 MATCH expressions over the pair index (`search`) for words and
// phrases and over the character index (`characters`) for one-character words. A tree whose words all
// live in one index becomes one MATCH expression there (every query before OR and -word did); a tree
// mixing them is driven by one index's MATCH and narrowed by the other's as rowid sets.

type Table = "search" | "characters";

/** Where a query's matches come from: a FROM fragment, the condition its rows must meet, and their rank. */
export interface Matching {
  /** `FROM <from>`: a full-text table, or a derived table of (rowid, rank) */
  from: string;
  /** the matching document's id in `from` */
  id: string;
  /** `WHERE <condition>` over `from` alone */
  condition: string;
  /** parameters of `from`, then of `condition` */
  params: unknown[];
  /** the rank of a match, lower is better */
  rank: string;
}

/** A title match weighs four body matches. */
const bm25 = (table: Table) => `bm25(${table}, 4.0, 1.0)`;

/** One word or phrase as an FTS5 phrase in the index that holds it. Tokens are letters and digits only. */
function leafMatch(term: TermNode): { table: Table; fts: string } | null {
  const leaf = leafOf(term.text);
  if (!leaf) return null;
  if ("character" in leaf) return { table: "characters", fts: `"${leaf.character}"` };
  return { table: "search", fts: `"${leaf.pairs.join(" ")}"${leaf.open ? " *" : ""}` };
}

/** The index a (sub)tree can be asked of as one MATCH expression; null when it needs both, or has no required part. */
function pureTable(tree: QueryTree): Table | null {
  if (tree.kind === "term") return leafMatch(tree)?.table ?? null;
  if (tree.kind === "not") return null;
  if (!hasRequired(tree)) return null;
  const tables = new Set(tree.items.map((item) => (item.kind === "not" && tree.kind === "and" ? pureTable(item.item) : pureTable(item))));
  return tables.size === 1 ? [...tables][0]! : null;
}

/** A pure tree as one FTS5 expression. FTS5's NOT is binary: the required part comes first. */
function ftsOf(tree: QueryTree): string {
  switch (tree.kind) {
    case "term":
      return leafMatch(tree)!.fts;
    case "or":
      return `(${tree.items.map(ftsOf).join(" OR ")})`;
    case "and": {
      const { required, excluded } = conjunctsOf(tree);
      let expression = `(${required.map(ftsOf).join(" AND ")})`;
      for (const item of excluded) expression = `(${expression} NOT ${ftsOf(item)})`;
      return expression;
    }
    case "not":
      throw new Error("an exclusion alone is not an FTS5 expression");
  }
}

/** SQL that holds when document `id` matches the tree (any tree: each pure part one MATCH). */
function conditionOn(tree: QueryTree, id: string, params: unknown[]): string {
  const table = pureTable(tree);
  if (table) {
    params.push(ftsOf(tree));
    return `${id} IN (SELECT rowid FROM ${table} WHERE ${table} MATCH ?)`;
  }
  switch (tree.kind) {
    case "term":
      return "0";
    case "not":
      return `NOT (${conditionOn(tree.item, id, params)})`;
    case "and":
      return `(${tree.items.map((item) => conditionOn(item, id, params)).join(" AND ")})`;
    case "or":
      return `(${tree.items.map((item) => conditionOn(item, id, params)).join(" OR ")})`;
  }
}

/** A SELECT of (id, rank) for the documents matching a tree with a required part. */
function rankedSelect(tree: QueryTree, params: unknown[]): string {
  const table = pureTable(tree);
  if (table) {
    params.push(ftsOf(tree));
    return `SELECT rowid AS id, ${bm25(table)} AS rank FROM ${table} WHERE ${table} MATCH ?`;
  }
  if (tree.kind === "or") return `SELECT id, MIN(rank) AS rank FROM (${tree.items.filter(hasRequired).map((item) => rankedSelect(item, params)).join(" UNION ALL ")}) GROUP BY id`;
  const items = tree.kind === "and" ? tree.items : [tree];
  const driver = items.find((item) => item.kind !== "not" && hasRequired(item))!;
  const from = rankedSelect(driver, params);
  const rest = items.filter((item) => item !== driver).map((item) => conditionOn(item, "id", params));
  return `SELECT id, rank FROM (${from})${rest.length ? ` WHERE ${rest.join(" AND ")}` : ""}`;
}

/**
 * The documents matching a query tree. Its required words of one index (the pair index first) drive the
 * query as one MATCH, ranked there, with exclusions of that index inside the expression; the rest narrows
 * them by rowid. Null when the tree requires nothing (see `exclusionOf`).
 */
export function matchingOf(tree: QueryTree): Matching | null {
  if (!hasRequired(tree)) return null;
  const { required, excluded } = conjunctsOf(tree);
  for (const table of ["search", "characters"] as const) {
    const driving = required.filter((item) => pureTable(item) === table);
    if (driving.length === 0) continue;
    const excludedHere = excluded.filter((item) => pureTable(item) === table);
    const expression = ftsOf(driving.length === 1 && excludedHere.length === 0 ? driving[0]! : { kind: "and", items: [...driving, ...excludedHere.map((item) => ({ kind: "not" as const, item }))] });
    const params: unknown[] = [expression];
    const id = `${table}.rowid`;
    const rest = [
      ...required.filter((item) => !driving.includes(item)).map((item) => conditionOn(item, id, params)),
      ...excluded.filter((item) => !excludedHere.includes(item)).map((item) => `NOT (${conditionOn(item, id, params)})`),
    ];
    return { from: table, id, condition: [`${table} MATCH ?`, ...rest].join(" AND "), params, rank: bm25(table) };
  }
  // Every required part needs both indexes (招 OR 引资): a derived table ranks them.
  const params: unknown[] = [];
  const from = `(${rankedSelect(tree, params)}) hits`;
  return { from, id: "hits.id", condition: "1", params, rank: "hits.rank" };
}

/** For a tree that only excludes (-引资): the condition on facets f that leaves those pages out. */
export function exclusionOf(tree: QueryTree): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  return { sql: conditionOn(tree, "f.id", params), params };
}

/** The matches joined to their facets (f), up to the WHERE conditions: `FROM <this> AND <filters>`. */
export const withFacets = ({ from, id, condition }: Matching) => `${from} JOIN facets f ON f.id = ${id} WHERE ${condition}`;
