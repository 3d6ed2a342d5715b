import { foldQuery, searchable, wordsOf } from "./terms.js";

// The query language, parsed once into a tree that each store backend compiles to its own full-text
// syntax (FTS5 for SQLite). What a user may write:
//   招商引资 高质量发展     words: every one must be found (AND); a run of words is segmented by jieba
//   "工作会议"              a quoted phrase must stand whole
//   招商 OR 引资            either (OR binds closer than the AND between words: 阜城 招商 OR 引资 asks for
//                           阜城 and one of the two)
//   招商 -引资              a word (or "phrase", or group) after a minus must not be found
//   (招商 OR 引资) 项目     parentheses group
// Queries fold like the pages did: traditional script and full width match simplified text.

/** One word or quoted phrase, folded to simplified script. */
export interface TermNode {
  kind: "term";
  text: string;
  /** written in quotes: the text stands whole (a word is searched as a phrase of its pairs too) */
  quoted: boolean;
}
export interface AndNode {
  kind: "and";
  items: QueryTree[];
}
export interface OrNode {
  kind: "or";
  items: QueryTree[];
}
/** Pages that match `item` are left out; only ever an item of an AND (the query's own, or a group's). */
export interface NotNode {
  kind: "not";
  item: QueryTree;
}
export type QueryTree = TermNode | AndNode | OrNode | NotNode;

export interface ParsedQuery {
  /** null when the query asks for nothing searchable */
  tree: QueryTree | null;
  /** the words and phrases asked for (none that are excluded), folded, to mark them in snippets */
  terms: string[];
}

const QUOTES = "\"“”「」『』";

/** The query as tokens: quoted phrases, parentheses, OR, a minus before an item, and runs of other text. */
type Token = { type: "phrase"; text: string } | { type: "open" } | { type: "close" } | { type: "or" } | { type: "minus" } | { type: "text"; text: string };

function tokensOf(query: string): Token[] {
  const tokens: Token[] = [];
  const chars = Array.from(query);
  let i = 0;
  /** a minus only excludes at the start of an item: 2021-03 is a date, not 2021 without 03 */
  const atItemStart = () => i === 0 || /[\s(]/u.test(chars[i - 1]!);
  while (i < chars.length) {
    const c = chars[i]!;
    if (/\s/u.test(c)) {
      i++;
    } else if (QUOTES.includes(c)) {
      let end = i + 1;
      while (end < chars.length && !QUOTES.includes(chars[end]!)) end++;
      // An unclosed quote is only punctuation.
      if (end < chars.length) tokens.push({ type: "phrase", text: chars.slice(i + 1, end).join("").trim() });
      i = end < chars.length ? end + 1 : i + 1;
    } else if (c === "(" || c === ")") {
      tokens.push({ type: c === "(" ? "open" : "close" });
      i++;
    } else if (c === "-" && atItemStart() && i + 1 < chars.length && !/[\s-]/u.test(chars[i + 1]!)) {
      tokens.push({ type: "minus" });
      i++;
    } else {
      let end = i;
      while (end < chars.length && !/[\s()]/u.test(chars[end]!) && !QUOTES.includes(chars[end]!)) end++;
      const text = chars.slice(i, end).join("");
      tokens.push(text === "OR" ? { type: "or" } : { type: "text", text });
      i = end;
    }
  }
  return tokens;
}

const and = (items: QueryTree[]): QueryTree | null => (items.length === 0 ? null : items.length === 1 ? items[0]! : { kind: "and", items: items.flatMap((item) => (item.kind === "and" ? item.items : [item])) });
const or = (items: QueryTree[]): QueryTree | null => (items.length === 0 ? null : items.length === 1 ? items[0]! : { kind: "or", items: items.flatMap((item) => (item.kind === "or" ? item.items : [item])) });

/**
 * Unquoted text as the words it asks for: segmented between punctuation, not across it (in 县委常委(扩大)会
 * the 会 is not part of 扩大), each piece by jieba.
 */
function wordsOfText(text: string): QueryTree | null {
  const words = text.split(/[^\p{L}\p{N}]+/u).flatMap(wordsOf);
  return and([...new Set(words)].map((word): TermNode => ({ kind: "term", text: word, quoted: false })));
}

/** A recursive-descent reader over the tokens: group := item+ ; item := ["-"] unit ("OR" unit)* . */
class Reader {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  /** Items up to a closing parenthesis (or the end), ANDed; excluded items kept as NOT nodes. */
  group(nested = false): QueryTree | null {
    const items: QueryTree[] = [];
    while (this.at < this.tokens.length) {
      const token = this.tokens[this.at]!;
      if (token.type === "close") {
        this.at++;
        // A closing parenthesis nothing opened is punctuation.
        if (nested) break;
        continue;
      }
      if (token.type === "or") {
        // An OR with nothing before it is a stray word of syntax.
        this.at++;
        continue;
      }
      const excluded = token.type === "minus";
      if (excluded) this.at++;
      let item = this.unit();
      // OR binds the units on either side of it; inside an OR a minus has no meaning and is dropped.
      const alternatives = item ? [item] : [];
      while (this.tokens[this.at]?.type === "or") {
        this.at++;
        const next = this.unit();
        if (next) alternatives.push(next);
      }
      // An alternative that only excludes ((-x) OR y) would match almost everything: it is left out.
      item = or(alternatives.length > 1 ? alternatives.filter(hasRequired) : alternatives);
      if (item) items.push(excluded && alternatives.length === 1 ? { kind: "not", item } : item);
    }
    return and(items);
  }

  /** One word run, phrase or group; null (consuming nothing) at a closing parenthesis or an OR. */
  private unit(): QueryTree | null {
    const token = this.tokens[this.at];
    if (!token || token.type === "close" || token.type === "or") return null;
    this.at++;
    switch (token.type) {
      case "phrase":
        return searchable(token.text) ? { kind: "term", text: token.text, quoted: true } : null;
      case "text":
        return wordsOfText(token.text);
      case "open":
        return this.group(true);
      case "minus":
        // a minus where it cannot exclude (after OR): the item itself
        return this.unit();
    }
  }
}

/** Does the tree ask for something to be found (not only for things to be left out)? */
export function hasRequired(tree: QueryTree): boolean {
  if (tree.kind === "term") return true;
  if (tree.kind === "not") return false;
  return tree.items.some(hasRequired);
}

/** The words and phrases the tree asks to find, in order. */
function positiveTerms(tree: QueryTree | null, out: string[] = []): string[] {
  if (!tree) return out;
  if (tree.kind === "term") out.push(tree.text);
  else if (tree.kind === "and" || tree.kind === "or") for (const item of tree.items) positiveTerms(item, out);
  return out;
}

/** A user's query as a tree of words, phrases, OR, exclusions and groups; AND by default. */
export function parseQuery(query: string): ParsedQuery {
  const tree = new Reader(tokensOf(foldQuery(query))).group();
  return { tree, terms: [...new Set(positiveTerms(tree))] };
}

/** A single word or phrase as a query tree: how trends count a term (where it stands whole). */
export function phraseQuery(text: string): QueryTree | null {
  const folded = foldQuery(text).replace(/["“”「」『』]/g, "").trim();
  return searchable(folded) ? { kind: "term", text: folded, quoted: true } : null;
}

/** The query's parts that must be found, and those that must not (each an item of the top AND). */
export function conjunctsOf(tree: QueryTree): { required: QueryTree[]; excluded: QueryTree[] } {
  const items = tree.kind === "and" ? tree.items : [tree];
  return {
    required: items.filter((item) => item.kind !== "not"),
    excluded: items.flatMap((item) => (item.kind === "not" ? [item.item] : [])),
  };
}
