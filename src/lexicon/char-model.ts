import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import TSCharacters from "opencc-js/dict/TSCharacters";
import { pinyin } from "./pinyin-pro.js";
import { lazy, readDataFile } from "./load.js";
import { stripTones } from "./pinyin.js";
import { WordTable } from "./word-table.js";

// How likely a character or a pair of characters is in Chinese text, from the word frequencies of
// jieba's dictionary (shipped with @node-rs/jieba). Used to tell encoding damage from rare words and to
// choose among candidate repairs.

/** Characters common enough that a run of others is worth a closer look. */
export const commonChars = lazy(() => new Set(readDataFile("common-chars.txt").replace(/^#.*$/gm, "").replace(/\s/g, "")));

/** Each common character's place in the list, most frequent first (1 is 一); 0 for the others. */
export const commonRank = lazy(() => {
  const ranks = new Uint16Array(0x10000);
  [...commonChars()].forEach((ch, i) => (ranks[ch.charCodeAt(0)] = i + 1));
  return ranks;
});

/** The same list as a table indexed by UTF-16 code unit, for the per-character scan of every line. */
export const commonTable = lazy(() => {
  const table = new Uint8Array(0x10000);
  for (const ch of commonChars()) table[ch.charCodeAt(0)] = 1;
  return table;
});

const toSimplifiedChar = lazy(() => {
  const map = new Map<string, string>();
  for (const entry of TSCharacters.split("|")) {
    const [trad, simp] = entry.split(" ");
    if (trad && simp) map.set(trad, simp);
  }
  return map;
});

/** jieba's dictionary as shipped: one "word count tag" a line, in UTF-8. */
function dictionaryBytes(): Buffer {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve("@node-rs/jieba/dict.txt"));
}

const NEWLINE = 0x0a;
const SPACE = 0x20;

/**
 * Each entry of the dictionary: its word, its count and the rest of its line (count and tag). Words are decoded
 * one by one from the bytes, so each is a string of its own: a slice of one big decoded text would keep all of
 * that text alive for as long as any long word (中华人民共和国中央人民政府) is kept in a set.
 */
function eachEntry(dict: Buffer, visit: (word: string, count: number, rest: string) => void): void {
  for (let start = 0; start < dict.length; ) {
    let end = dict.indexOf(NEWLINE, start);
    if (end < 0) end = dict.length;
    const space = dict.indexOf(SPACE, start);
    if (space > start && space < end) {
      // Count and tag are ASCII, which UTF-8 never uses inside a character.
      const rest = dict.toString("latin1", space, end);
      visit(dict.toString("utf8", start, space), Number.parseInt(rest.slice(1), 10) || 1, rest);
    }
    start = end + 1;
  }
}

function countLines(dict: Buffer): number {
  let lines = 1;
  for (let at = dict.indexOf(NEWLINE); at >= 0; at = dict.indexOf(NEWLINE, at + 1)) lines++;
  return lines;
}

/**
 * What cleaning needs of the dictionary: every word's count (for pairs and word fits) and every character's
 * (for character scores). The words are held in a WordTable, outside the JavaScript heap.
 */
const frequencies = lazy(() => {
  const dict = dictionaryBytes();
  const chars = new Map<string, number>();
  let total = 0;
  // A word has no more UTF-16 code units than it has UTF-8 bytes, so the file's size bounds the table's text.
  const words = WordTable.build(countLines(dict), dict.length, (add) =>
    eachEntry(dict, (word, count) => {
      total += count;
      add(word, count);
      for (const ch of word) chars.set(ch, (chars.get(ch) ?? 0) + count);
    }),
  );
  return { chars, words, total };
});

/**
 * The dictionary's person names (nr) and other proper nouns (ns, nt, nz): only extraction asks for them, so
 * cleaning never holds these 100,000 strings.
 */
const properNames = lazy(() => {
  const personNames = new Set<string>();
  const properNouns = new Set<string>();
  eachEntry(dictionaryBytes(), (word, _count, rest) => {
    if (rest.includes(" nr")) personNames.add(word);
    else if (PROPER_NOUN.test(rest)) properNouns.add(word);
  });
  return { personNames, properNouns };
});

/** jieba's tags of proper nouns besides person names: places (ns), bodies (nt), other names (nz). */
const PROPER_NOUN = / n[stz]\s*$/;

const simplify = (ch: string) => toSimplifiedChar().get(ch) ?? ch;

/** Log frequency of a character (traditional forms scored as their simplified form); very low for unknown ones. */
export function charScore(ch: string): number {
  return ch.length === 1 ? charScores()[ch.charCodeAt(0)]! : unknownScore();
}

const unknownScore = lazy(() => Math.log(0.5 / frequencies().total));

/** charScore for every UTF-16 code unit, computed once: repairs weigh hundreds of candidates a line. */
const charScores = lazy(() => {
  const { chars, total } = frequencies();
  const scores = new Float64Array(0x10000).fill(unknownScore());
  for (let code = 0; code < 0x10000; code++) {
    const ch = String.fromCharCode(code);
    if (/[\p{P}\s]/u.test(ch) && !/[①-⑩]/.test(ch)) scores[code] = Math.log(1e-4);
    else {
      const n = chars.get(simplify(ch));
      if (n) scores[code] = Math.log((n + 0.5) / total);
    }
  }
  return scores;
});

/** How often jieba's dictionary has seen a word; 0 for one it does not know. */
export function wordFrequency(word: string): number {
  return frequencies().words.count(word);
}

/** Is the word tagged as a person's name (nr) in jieba's dictionary? */
export function isKnownPersonName(word: string): boolean {
  return properNames().personNames.has(word);
}

/**
 * Is the word a proper noun in jieba's dictionary, a name of a person, place, body or thing (nr, ns, nt, nz)?
 * Transliterated Mongolian names are often tagged as places (乌云其木格 ns): frequent, but no common word.
 */
export function isProperNoun(word: string): boolean {
  const { personNames, properNouns } = properNames();
  return personNames.has(word) || properNouns.has(word);
}

/** Bonus when two neighbours are a dictionary word: 写字, 干部. */
export function pairScore(a: string, b: string): number {
  const n = frequencies().words.count(simplify(a) + simplify(b));
  return n > 0 ? Math.log(1 + n) * 0.5 : 0;
}

/**
 * For a gap between `before` and `after`: a function giving, for a candidate character, the length of the
 * longest dictionary word it makes with its neighbours (双桥 + 区 → 3); 0 when it makes none.
 */
export function wordFit(before: string, after: string): (ch: string) => number {
  const { words } = frequencies();
  const left = [...before].slice(-3).map(simplify).join("");
  const right = [...after].slice(0, 3).map(simplify).join("");
  const [leftLast, rightFirst] = [left.charCodeAt(left.length - 1), right.charCodeAt(0)];
  return (ch) => {
    const c = simplify(ch);
    // every word asked below holds the candidate beside its left or its right neighbour
    const besideLeft = left !== "" && words.hasPair(leftLast, c.charCodeAt(0));
    if (!besideLeft && !(right !== "" && words.hasPair(c.charCodeAt(c.length - 1), rightFirst))) return 0;
    let longest = 0;
    for (let l = 0; l <= left.length; l++) {
      const head = left.slice(left.length - l) + c;
      for (let r = l === 0 ? 1 : 0; r <= right.length; r++) {
        if (l + r + 1 > longest && words.has(head + right.slice(0, r))) longest = l + r + 1;
      }
    }
    return longest;
  };
}

/** How plausible a string is as Chinese text, per character. */
export function textScore(text: string): number {
  const chars = [...text];
  if (chars.length === 0) return 0;
  let score = 0;
  for (let i = 0; i < chars.length; i++) {
    score += charScore(chars[i]!);
    if (i > 0) score += pairScore(chars[i - 1]!, chars[i]!);
  }
  return score / chars.length;
}

const readingsOf = lazy(() => new Map<string, string[]>());

/** Does a character read as this syllable (tones ignored; the syllable as stripTones gives it)? */
export function readsAs(ch: string, syllable: string): boolean {
  const cache = readingsOf();
  let readings = cache.get(ch);
  if (!readings) {
    readings = pinyin(ch, { toneType: "none", type: "array", multiple: true, v: true });
    cache.set(ch, readings);
  }
  return readings.includes(syllable);
}

const readingIndex = lazy(() => new Map<string, string[]>());

/** Common characters that read as a syllable, most frequent first. */
export function charactersReading(syllable: string): string[] {
  const wanted = stripTones(syllable);
  const index = readingIndex();
  let found = index.get(wanted);
  if (!found) {
    found = [...commonChars()].filter((ch) => readsAs(ch, wanted)).sort((a, b) => charScore(b) - charScore(a));
    index.set(wanted, found);
  }
  return found;
}

/** Character counts of jieba's dictionary and its person names (nr), for models built on them (name-model.ts). */
export function dictionaryStats(): { chars: ReadonlyMap<string, number>; total: number; personNames: ReadonlySet<string> } {
  const { chars, total } = frequencies();
  return { chars, total, personNames: properNames().personNames };
}
