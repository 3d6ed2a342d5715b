import type { QueryTree } from "../../search/query.js";

// Full-text search in PostgreSQL with the meaning of the SQLite index (src/search/terms.ts): a page is
// its overlapping character pairs in order (招商 商引 引资 资, each run of Chinese closed by its last
// character alone). They go into a tsvector written out in tsvector's own text form, so that no
// text-search parser or server locale touches them: the title's positions weighted A, the body's D, the
// body starting two positions after the title ends so that no phrase runs from one into the other.
// A query is a term tree compiled to tsquery text: a word or phrase is a <-> chain of its pairs, and/or/not
// become & | !. One character alone is the prefix of the tokens it opens ('招':*): every character of a
// page opens a pair or closes its run, so this finds exactly the pages holding it. SQLite keeps a second
// index of each page's characters for these, as a prefix index in FTS5 costs as much as the pairs'; a GIN
// index answers a prefix by walking its sorted entries, at no cost in size.
//
// Chosen by bench/pg-fts.ts (20,000 generated pages, 200 queries, all ways finding exactly FTS5's
// documents for every query; a machine shared with other work, so compare within a run): over pg_trgm,
// whose index cannot serve one- and two-character queries (three characters make a trigram) — newest ten,
// p50/p95 ms, tsvector 1.2/15, 5.3/446, 6.0/31, 4.5/33 for 1 character, 2 characters, words, phrases;
// pg_trgm 5.2/40, 14.9/1290, 14.4/93, 8.8/54 — with a GIN index a third of pg_trgm's (27 MB against
// 77 MB) and relevance ranking, which pg_trgm lacks; over a tsvector without positions checked by LIKE
// (3.9/14, 8.8/634, 22/204, 21/115); and without a lexeme for each character (the same speed, p50 1.0 against
// 0.6 and p95 10.6 against 14.1 ms, for a GIN index half as large again: 41 MB). Known weak: ranking.
// ts_rank reads each matching vector, so over the newest 10,000 matches of a broad query it takes several
// times FTS5's bm25 (p50 350 against 83 ms for one character), and its top ten shares 0.38 of bm25's;
// BM25 computed as FTS5 does from the stored text shares 0.73 but is five times slower still.
//
// Queries arrive as the parser's term tree (src/search/query.ts), the one SQLite compiles to FTS5: a
// quoted term and a word compile alike, as they do there (both are chains of pairs).
//
// Limits of the tsvector type, both far beyond a meeting report: positions stop at 16,383 (a phrase
// after the 16,383rd token of a page is not found; its words still are), and a lexeme keeps its first
// 256 positions.

/** The weights ts_rank takes, in its order {D, C, B, A}: a title match counts four body matches, as in SQLite's bm25 call. */
export const RANK_WEIGHTS = "{0.25,0.25,0.25,1}";

/** The largest position a tsvector keeps. */
const MAX_POSITION = 16383;
/** The positions a tsvector keeps of one lexeme. */
const MAX_POSITIONS = 256;
/** The longest lexeme a tsvector takes, in bytes: a longer one (a run of letters thousands long) is refused, and with it the page. */
const MAX_LEXEME_BYTES = 2047;
/**
 * The bytes a tsvector's lexemes and positions take at most (1 MB less a margin): more, and the page would
 * be refused. A lexeme takes its bytes (to an even count) and two for its count of positions, a position two.
 */
const MAX_VECTOR_BYTES = 1_000_000;

/** A lexeme no page has: tokens are letters and digits. */
const NO_PAGE_HAS = "'~'";

const HAN = /\p{Script=Han}/u;
/** The runs the index tokens are made of: Chinese, or other letters and digits (as in src/search/terms.ts). */
const RUN = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;

/** A lexeme quoted for tsvector and tsquery text (index tokens are letters and digits: the escapes are rarely needed). */
const quote = (lexeme: string) => (lexeme.includes("'") || lexeme.includes("\\") ? `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'` : `'${lexeme}'`);

/**
 * The lexemes of a vector being written, each with its positions as tsvector text ("1A,7,12"), in the order
 * first met. Flat arrays rather than a map of arrays: this runs for every token of every page stored.
 */
class VectorText {
  private readonly index = new Map<string, number>();
  private readonly lexemes: string[] = [];
  private readonly positions: string[] = [];
  private readonly counts: number[] = [];
  /** bytes of the lexemes and positions so far, as the server counts them */
  private bytes = 0;

  /** The tokens at positions from `start` on, one a token, with a weight ("A" or none); returns the position after the last. */
  addTokens(tokens: string, start: number, weight: string): number {
    let position = start;
    for (const token of tokens.split(" ")) {
      if (token === "") continue;
      this.add(token, `${position < MAX_POSITION ? position : MAX_POSITION}${weight}`);
      position++;
    }
    return position;
  }

  /**
   * A lexeme at one position (as text). What a tsvector cannot hold is left out rather than the page
   * refused: a lexeme over its length (no one searches for a 700-letter word), and new lexemes once the
   * vector is full (pages far larger than any report; their first million bytes of lexemes stay searchable).
   */
  private add(lexeme: string, position: string): void {
    const at = this.index.get(lexeme);
    if (at === undefined) {
      // Three bytes a UTF-16 unit at most: only long lexemes need measuring.
      const bytes = lexeme.length * 3 <= MAX_LEXEME_BYTES ? lexeme.length * 3 : Buffer.byteLength(lexeme);
      const cost = bytes + (bytes % 2) + 4;
      if (bytes > MAX_LEXEME_BYTES || this.bytes + cost > MAX_VECTOR_BYTES) return;
      this.bytes += cost;
      this.index.set(lexeme, this.lexemes.length);
      this.lexemes.push(lexeme);
      this.positions.push(position);
      this.counts.push(1);
    } else if (this.counts[at]! < MAX_POSITIONS && this.bytes + 2 <= MAX_VECTOR_BYTES) {
      this.bytes += 2;
      this.positions[at] += `,${position}`;
      this.counts[at]!++;
    }
  }

  toString(): string {
    const out: string[] = new Array(this.lexemes.length);
    for (let i = 0; i < this.lexemes.length; i++) out[i] = `${quote(this.lexemes[i]!)}:${this.positions[i]}`;
    return out.join(" ");
  }
}

/**
 * A page's tsvector, as text to cast with ::tsvector, from the token strings a prepared page carries
 * (indexTokens of its title and of its text).
 */
export function tsvectorOf(page: { titleTokens: string; bodyTokens: string }): string {
  const vector = new VectorText();
  const afterTitle = vector.addTokens(page.titleTokens, 1, "A");
  vector.addTokens(page.bodyTokens, afterTitle + 1, "");
  return vector.toString();
}

/** Index tokens of one run: pairs then the last character alone for Chinese, the run lowercased otherwise. */
function runTokens(run: string): string[] {
  if (!HAN.test(run[0]!)) return [run.toLowerCase()];
  const chars = Array.from(run);
  const tokens: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i]! + chars[i + 1]!);
  tokens.push(chars[chars.length - 1]!);
  return tokens;
}

/**
 * One word or phrase as tsquery text, null when it has nothing to search for (punctuation alone). One
 * Chinese character alone is the prefix of the tokens it opens; otherwise, as in SQLite, the chain of its tokens,
 * without the closing character of its last run (a query ending mid-run, 招商 inside 招商引资, must not
 * ask for it), or, when it ends with one character after digits or letters (2021年), with that character
 * as the prefix of whatever pair it opens in the page (2021年上半年).
 */
export function compileText(text: string): string | null {
  const runs = Array.from(text.matchAll(RUN), (match) => match[0]);
  if (runs.length === 0) return null;
  const last = runs[runs.length - 1]!;
  const lastLength = HAN.test(last[0]!) ? Array.from(last).length : 0;
  if (runs.length === 1 && lastLength === 1) return `${quote(last)}:*`;
  // A token too long for the index (left out of every page) can never be found: it asks for a lexeme no
  // page has, so that the term matches nothing, as in SQLite, rather than the server refusing the query.
  const tokens = runs.flatMap(runTokens).map((token) => (Buffer.byteLength(token) > MAX_LEXEME_BYTES ? NO_PAGE_HAS : quote(token)));
  if (lastLength > 1) tokens.pop();
  else if (lastLength === 1) tokens[tokens.length - 1] += ":*";
  return tokens.length === 1 ? tokens[0]! : `(${tokens.join(" <-> ")})`;
}

/**
 * A term tree as tsquery text (to cast with ::tsquery, or pass to to_tsquery as a parameter), null when it
 * asks for nothing. Parts asking for nothing are left out of and/or, as SQLite's parser leaves them out.
 */
export function compileTerm(term: QueryTree): string | null {
  switch (term.kind) {
    case "term":
      return compileText(term.text);
    case "and":
    case "or": {
      const parts = term.items.map(compileTerm).filter((part): part is string => part !== null);
      if (parts.length <= 1) return parts[0] ?? null;
      return `(${parts.join(term.kind === "and" ? " & " : " | ")})`;
    }
    case "not": {
      const inner = compileTerm(term.item);
      return inner === null ? null : `!${inner}`;
    }
  }
}

/** Documents newer than these are the ones ranked when more match (as SQLite's RANKED_AT_MOST). */
export const PG_RANKED_AT_MOST = 10_000;

/**
 * The SQL ranking the matches of a compiled query ($1, tsquery text): among the newest PG_RANKED_AT_MOST
 * matching documents, best first (ts_rank with a title match counting four), newest first among equals.
 * Returns id and rank; `limit` is $2.
 */
export const RANKED_MATCHES_SQL = `
  SELECT id, ts_rank('${RANK_WEIGHTS}', tokens, q) AS rank
  FROM (SELECT s.id, s.tokens, $1::tsquery AS q FROM search s WHERE s.tokens @@ $1::tsquery ORDER BY s.id DESC LIMIT ${PG_RANKED_AT_MOST}) newest
  ORDER BY rank DESC, id DESC
  LIMIT $2`;
