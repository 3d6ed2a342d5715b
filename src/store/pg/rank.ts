import { conjunctsOf, hasRequired, type QueryTree } from "../../search/query.js";
import { leafOf } from "../../search/terms.js";
import { compileText } from "./fts.js";
import type { Params } from "./where.js";

// Ranking in PostgreSQL as SQLite ranks: BM25 exactly as FTS5's bm25() computes it (k1 1.2, b 0.75, a
// title match weighing four body matches), over the same index and the same words SQLite's query would
// rank by (src/store/sqlite-match.ts), from the same statistics: how many pages hold each word, each page's
// length in the index's tokens, the average length. ts_rank, which the first design used, shared the top
// ten of only a third of queries with SQLite (bench/pg-rank.ts); a page's place in a list must not depend
// on which database holds the corpus.
//
// SQLite keeps two indexes: pairs (a word or phrase is a chain of them, counted where it occurs, in
// the title and in the text) and characters (one-character queries). Here both live in one tsvector: a
// chain's occurrences are counted from its lexemes' positions. The character index keeps columns, not
// positions (detail=column), and FTS5's bm25() finds no instances of a phrase there: it gives every match
// 0 (checked on SQLite itself), so one-character queries list their matches newest stored first. So they
// do here: a character adds nothing to a page's score, and costs no statistics.

type Index = "pairs" | "characters";

/** One word or phrase as the index that ranks it holds it. */
export interface RankLeaf {
  /** the word or phrase as the query gave it (folded) */
  text: string;
  index: Index;
  /** tsquery text that finds the pages holding it (its document frequency) */
  tsquery: string;
  /** pairs: the chain of lexemes; `open`: the last one is a prefix. characters: the character */
  lexemes: string[];
  open: boolean;
}

/** How a page's rank is computed: BM25 over leaves of one index, or the best of alternatives (an OR). */
export type Plan = { kind: "bm25"; index: Index; leaves: RankLeaf[] } | { kind: "best"; items: Plan[] };

function rankLeaf(text: string): RankLeaf | null {
  const leaf = leafOf(text);
  const tsquery = compileText(text);
  if (!leaf || !tsquery) return null;
  if ("character" in leaf) return { text, index: "characters", tsquery, lexemes: [leaf.character], open: true };
  return { text, index: "pairs", tsquery, lexemes: leaf.pairs, open: leaf.open };
}

/** The index a (sub)tree is one FTS5 expression of in SQLite; null when it needs both or requires nothing. */
function pureIndex(tree: QueryTree): Index | null {
  if (tree.kind === "term") return rankLeaf(tree.text)?.index ?? null;
  if (tree.kind === "not" || !hasRequired(tree)) return null;
  const indexes = new Set(tree.items.map((item) => (item.kind === "not" && tree.kind === "and" ? pureIndex(item.item) : pureIndex(item))));
  return indexes.size === 1 ? [...indexes][0]! : null;
}

/** The words the tree asks to find, in order (excluded ones occur in no match: they add nothing to BM25). */
function leavesOf(tree: QueryTree): RankLeaf[] {
  if (tree.kind === "term") return [rankLeaf(tree.text)].filter((leaf): leaf is RankLeaf => leaf !== null);
  if (tree.kind === "not") return [];
  return tree.items.flatMap(leavesOf);
}

/** A tree SQLite ranks through a derived table: one index's BM25 where it is pure, else the best of an OR's items or an AND's first required item. */
function derivedPlan(tree: QueryTree): Plan {
  const index = pureIndex(tree);
  if (index) return { kind: "bm25", index, leaves: leavesOf(tree) };
  if (tree.kind === "or") return { kind: "best", items: tree.items.filter(hasRequired).map(derivedPlan) };
  if (tree.kind === "and") return derivedPlan(tree.items.find((item) => item.kind !== "not" && hasRequired(item))!);
  return { kind: "bm25", index: "pairs", leaves: [] };
}

/** The plan SQLite's matchingOf makes: the required parts of the pair index rank, else those of the character index, else a derived table. */
export function rankPlan(tree: QueryTree): Plan {
  const { required } = conjunctsOf(tree);
  for (const index of ["pairs", "characters"] as const) {
    const driving = required.filter((item) => pureIndex(item) === index);
    if (driving.length) return { kind: "bm25", index, leaves: driving.flatMap(leavesOf) };
  }
  return derivedPlan(tree);
}

/** The leaves that weigh in a plan: those of the pair index (the character index's weigh nothing). */
export function pairLeaves(plan: Plan): RankLeaf[] {
  return plan.kind === "bm25" ? (plan.index === "pairs" ? plan.leaves : []) : plan.items.flatMap(pairLeaves);
}

/** The statistics of the whole corpus BM25 weighs by. */
export interface Totals {
  pages: number;
  pairs: number;
  /** pages holding each leaf, by its tsquery */
  holding: Map<string, number>;
}

/** What a candidate page brings: its length, its chains' lexeme positions. */
export interface Candidate {
  pairs: number;
  /** lexeme → positions, each with whether it is in the title */
  positions: Map<string, { at: number; title: boolean }[]>;
}

const K1 = 1.2;
const B = 0.75;
const TITLE_WEIGHT = 4;

/** FTS5's idf: never zero or below. */
const idfOf = (pages: number, holding: number) => Math.max(1e-6, Math.log((pages - holding + 0.5) / (holding + 0.5)));

/** A chain's occurrences in the title and in the text: each place its first lexeme stands with the rest after it. */
function occurrences(leaf: RankLeaf, candidate: Candidate): [number, number] {
  const at = (lexeme: string, prefix: boolean): { at: number; title: boolean }[] => {
    if (!prefix) return candidate.positions.get(lexeme) ?? [];
    return [...candidate.positions].filter(([key]) => key.startsWith(lexeme)).flatMap(([, list]) => list);
  };
  const last = leaf.lexemes.length - 1;
  const rest = leaf.lexemes.map((lexeme, i) => new Set(at(lexeme, leaf.open && i === last).map((p) => p.at)));
  let title = 0;
  let body = 0;
  for (const start of at(leaf.lexemes[0]!, leaf.open && last === 0)) {
    if (rest.every((set, i) => set.has(start.at + i))) start.title ? title++ : body++;
  }
  return [title, body];
}

/** A candidate's rank under a plan, lower better (FTS5's bm25() is negative, best lowest). */
export function rankOf(plan: Plan, candidate: Candidate, totals: Totals): number {
  if (plan.kind === "best") return Math.min(...plan.items.map((item) => rankOf(item, candidate, totals)));
  // The character index's bm25() is 0 for every match (see above).
  if (plan.index === "characters") return -0;
  const average = totals.pairs / Math.max(1, totals.pages);
  let score = 0;
  for (const leaf of plan.leaves) {
    const [title, body] = occurrences(leaf, candidate);
    const frequency = TITLE_WEIGHT * title + body;
    // Grouped as FTS5 groups it (fts5_aux.c): scores equal SQLite's but for the last bit, where the
    // logarithms of JavaScript and of C may differ.
    score += idfOf(totals.pages, totals.holding.get(leaf.tsquery) ?? 0) * ((frequency * (K1 + 1.0)) / (frequency + K1 * (1 - B + (B * candidate.pairs) / average)));
  }
  return -score;
}

/**
 * SQL selecting the ranked candidates: the most recently stored `limit` matches of `tsquery` passing
 * `where` (as SQLite caps them), each with (id, cluster, date, `extra` facets), its length in pairs and the
 * positions of its chains' lexemes (`occurrences`: "lexeme:1,5:AD" joined by spaces). Newest first, as
 * SQLite gives them: of a cluster's pages ranked alike, the corpus layer keeps the first it meets.
 */
export function candidatesSql(plan: Plan, tsquery: string, where: string, params: Params, limit: number | null, extra: string): string {
  const q = `${params.add(tsquery)}::tsquery`;
  const cap = limit === null ? "" : ` LIMIT ${params.add(limit)}`;
  const chains = pairLeaves(plan);
  const exact = [...new Set(chains.flatMap((leaf) => (leaf.open ? leaf.lexemes.slice(0, -1) : leaf.lexemes)))];
  const prefixes = [...new Set(chains.flatMap((leaf) => (leaf.open ? [leaf.lexemes.at(-1)!] : [])))];
  // A chain's lexemes' positions: the vector cut down to them in C (the wanted lexemes weighted B, which no
  // page uses, then only B kept): instead of unnesting every lexeme of each page, p95 on 3,000 bench pages
  // 1,737 → 183 ms for two characters, 424 → 180 for words, 329 → 99 for phrases (bench/pg-rank.ts). Which
  // positions are the title's is told by the stored count of its tokens (the title comes first), not by
  // cutting the vector a second time: each cut reads the page's vector again (from TOAST), a third of the
  // time on broad queries. A prefix (a chain ending in one character, 2021年) is matched by unnesting, its
  // lexemes not being known before.
  const aggregate = (vector: string) => `(SELECT string_agg(u.lexeme || ':' || array_to_string(u.positions, ','), ' ') FROM unnest(${vector}) u)`;
  let positions = "";
  if (exact.length) {
    const wanted = `${params.add(exact)}::text[]`;
    positions += `, ${aggregate(`ts_filter(setweight(s.tokens, 'B', ${wanted}), '{b}')`)} AS exact_all`;
  }
  if (prefixes.length) {
    positions += `, (SELECT string_agg(u.lexeme || ':' || array_to_string(u.positions, ',') || ':' || array_to_string(u.weights, ''), ' ') FROM unnest(s.tokens) u
         WHERE EXISTS (SELECT 1 FROM unnest(${params.add(prefixes)}::text[]) p WHERE starts_with(u.lexeme, p))) AS occurrences`;
  }
  return `SELECT m.*, s.pairs AS pair_count, s.title_tokens${positions}
    FROM (SELECT f.id, f.cluster, f.date${extra} FROM search s JOIN facets f ON f.id = s.id WHERE s.tokens @@ ${q} AND ${where} ORDER BY s.id DESC${cap}) m
    JOIN search s ON s.id = m.id
    ORDER BY m.id DESC`;
}

/** A candidate row of candidatesSql as a Candidate. */
export function candidateOf(row: { pair_count: number; title_tokens: number; exact_all?: string | null; occurrences?: string | null }): Candidate {
  const positions = new Map<string, { at: number; title: boolean }[]>();
  const entries = (text: string | null | undefined) => (text ? text.split(" ").map((entry) => entry.split(":") as [string, string, string?]) : []);
  // The title's tokens stand at positions 1 to title_tokens (src/store/pg/fts.ts).
  for (const [lexeme, at] of entries(row.exact_all)) {
    positions.set(lexeme, at.split(",").map((n) => ({ at: Number(n), title: Number(n) <= row.title_tokens })));
  }
  for (const [lexeme, at, weights] of entries(row.occurrences)) {
    if (!positions.has(lexeme)) positions.set(lexeme, at.split(",").map((n, i) => ({ at: Number(n), title: weights![i] === "A" })));
  }
  return { pairs: row.pair_count, positions };
}

/** The corpus's totals and each leaf's count of pages holding it, in one round trip. */
export function totalsSql(plan: Plan, params: Params): { sql: string; tsqueries: string[] } {
  const tsqueries = [...new Set(pairLeaves(plan).map((leaf) => leaf.tsquery))];
  const counts = tsqueries.map((tsquery, i) => `, (SELECT count(*) FROM search WHERE tokens @@ ${params.add(tsquery)}::tsquery) AS h${i}`).join("");
  return { sql: `SELECT pages, pairs${counts} FROM search_totals`, tsqueries };
}
