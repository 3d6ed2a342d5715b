import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { convertToSimplified } from "../clean/script.js";
import { normalizeWidth } from "../clean/width.js";
import { lazy, readListFile } from "../lexicon/load.js";

// The full-text index holds overlapping character pairs (招商 商引 引资 资), the way Lucene's CJK analyzer
// does: a word a segmenter would keep whole (招商引资) is still found by any part of it (招商, 引资),
// and a phrase is a run of consecutive pairs. Each run of Chinese ends with its last character alone, so a
// query that starts with one character before digits or letters (年GDP) finds it at the end of a longer run.
// One-character queries are answered by a second index of each page's distinct characters: asking the
// pair index for every pair that starts with the character needs a prefix index as large as the pairs'.
// Queries are segmented with jieba, so 招商引资高质量发展 asks for 招商引资 and 高质量 and 发展.

const segmenter = lazy(() => Jieba.withDict(dict));
const functionWords = lazy(() => new Set(readListFile("query-function-words.txt").flatMap((line) => line.split(/\s+/))));

const HAN = /\p{Script=Han}/u;
/** A run of Chinese characters, or a run of other letters and digits (GDP, 2025). */
const RUN = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;
const SEARCHABLE = /[\p{L}\p{N}]/u;

/** Pairs for a Chinese run, the run's last character alone after them; other words as they are. */
function runTokens(run: string, out: string[]): void {
  if (!HAN.test(run[0]!)) {
    out.push(run.toLowerCase());
    return;
  }
  const chars = Array.from(run);
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  out.push(chars[chars.length - 1]!);
}

/** A text as the space-separated tokens the full-text index stores. */
export function indexTokens(text: string): string {
  const out: string[] = [];
  for (const match of text.matchAll(RUN)) runTokens(match[0], out);
  return out.join(" ");
}

/** A text's distinct Chinese characters, space-separated: what one-character queries look up. */
export function indexCharacters(text: string): string {
  const seen = new Set<number>();
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code > 0xffff) i++;
    // The common block decided by its range; any other character (extension A, B …) by its script.
    if (code < 0x2e80 || seen.has(code)) continue;
    if ((code >= 0x4e00 && code <= 0x9fff) || HAN.test(String.fromCodePoint(code))) {
      seen.add(code);
      out.push(String.fromCodePoint(code));
    }
  }
  return out.join(" ");
}

/** A query folded the way documents were: full width narrowed, traditional script made simplified. */
export function foldQuery(query: string): string {
  return convertToSimplified(normalizeWidth(query).text).text;
}

/**
 * A query word as the indexes' tokens, with no index's syntax: a run of consecutive pair tokens (a
 * phrase), or one Chinese character alone (the character index). `open` says the last token may be the
 * start of a longer token in the page (a word ending in one character: 2021年 inside 2021年上半年).
 */
export type Leaf = { pairs: string[]; open: boolean } | { character: string };

/** One word or phrase of a query as a Leaf; null when it has nothing searchable. */
export function leafOf(term: string): Leaf | null {
  const runs = Array.from(term.matchAll(RUN), (match) => match[0]);
  if (runs.length === 0) return null;
  const last = runs[runs.length - 1]!;
  const lastLength = HAN.test(last[0]!) ? Array.from(last).length : 0;
  if (runs.length === 1 && lastLength === 1) return { character: last };
  const tokens: string[] = [];
  for (const run of runs) runTokens(run, tokens);
  if (lastLength === 0) return { pairs: tokens, open: false };
  // The index closes each run with its last character alone; a query ending mid-run (招商 inside 招商引资)
  // must not ask for that closing character: its pairs alone say the word is there.
  if (lastLength > 1) {
    tokens.pop();
    return { pairs: tokens, open: false };
  }
  // One character closing a term (2021年) may open a longer run in the page (2021年上半年): any token it begins.
  return { pairs: tokens, open: true };
}

/** Is there anything to search for in this text (a letter or a digit)? */
export const searchable = (text: string) => SEARCHABLE.test(text);

/**
 * The words of one unquoted chunk as jieba segments it, with the single characters it leaves put back
 * on the word they stand beside (经开区 → 经 + 开区 → 经开区; a random pair 务要 stays 务要), and
 * function words (和, 的) left out when there is more to search for.
 */
export function wordsOf(chunk: string): string[] {
  const pieces = segmenter()
    .cut(chunk, false)
    .filter((piece) => SEARCHABLE.test(piece));
  if (pieces.length <= 1) return pieces;
  const content = pieces.filter((piece) => !functionWords().has(piece));
  const words: string[] = [];
  let pending = "";
  for (const piece of content.length ? content : pieces) {
    if (Array.from(piece).length === 1 && HAN.test(piece)) pending += piece;
    else {
      words.push(pending + piece);
      pending = "";
    }
  }
  if (pending) {
    if (words.length) words[words.length - 1] += pending;
    else words.push(pending);
  }
  return words;
}
