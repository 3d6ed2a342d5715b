import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import TSCharacters from "opencc-js/dict/TSCharacters";
import { pinyin } from "pinyin-pro";
import { lazy, readDataFile } from "./load.js";
import { stripTones } from "./pinyin.js";

// How likely a character or a pair of characters is in Chinese text, from the word frequencies of
// jieba's dictionary (shipped with @node-rs/jieba). Used to tell encoding damage from rare words and to
// choose among candidate repairs.

/** Characters common enough that a run of others is worth a closer look. */
export const commonChars = lazy(() => new Set(readDataFile("common-chars.txt").replace(/^#.*$/gm, "").replace(/\s/g, "")));

const toSimplifiedChar = lazy(() => {
  const map = new Map<string, string>();
  for (const entry of TSCharacters.split("|")) {
    const [trad, simp] = entry.split(" ");
    if (trad && simp) map.set(trad, simp);
  }
  return map;
});

const frequencies = lazy(() => {
  const require = createRequire(import.meta.url);
  const dict = readFileSync(require.resolve("@node-rs/jieba/dict.txt"), "utf8");
  const chars = new Map<string, number>();
  const pairs = new Map<string, number>();
  const words = new Set<string>();
  let total = 0;
  for (const line of dict.split("\n")) {
    const space = line.indexOf(" ");
    if (space < 1) continue;
    const word = line.slice(0, space);
    const count = Number.parseInt(line.slice(space + 1), 10) || 1;
    total += count;
    words.add(word);
    for (const ch of word) chars.set(ch, (chars.get(ch) ?? 0) + count);
    const wordChars = [...word];
    for (let i = 0; i + 1 < wordChars.length; i++) {
      const pair = wordChars[i]! + wordChars[i + 1]!;
      pairs.set(pair, (pairs.get(pair) ?? 0) + count);
    }
  }
  return { chars, pairs, words, total };
});

const simplify = (ch: string) => toSimplifiedChar().get(ch) ?? ch;

/** Log frequency of a character (traditional forms scored as their simplified form); very low for unknown ones. */
export function charScore(ch: string): number {
  const { chars, total } = frequencies();
  if (/[\p{P}\s]/u.test(ch) && !/[①-⑩]/.test(ch)) return Math.log(1e-4);
  const n = chars.get(simplify(ch)) ?? 0;
  return Math.log((n + 0.5) / total);
}

/** Bonus when two neighbours form part of a dictionary word: 写字, 干部. */
export function pairScore(a: string, b: string): number {
  const n = frequencies().pairs.get(simplify(a) + simplify(b)) ?? 0;
  return n > 0 ? Math.log(1 + n) * 0.5 : 0;
}

/** The longest dictionary word in `before + ch + after` that uses `ch`; 0 when it makes none. */
export function longestWordThrough(before: string, ch: string, after: string): number {
  const { words } = frequencies();
  const left = [...before].map(simplify);
  const right = [...after].map(simplify);
  const c = simplify(ch);
  let longest = 0;
  for (let l = 0; l <= left.length; l++) {
    for (let r = 0; r <= right.length; r++) {
      if (l + r === 0) continue;
      const word = left.slice(left.length - l).join("") + c + right.slice(0, r).join("");
      if (words.has(word)) longest = Math.max(longest, l + r + 1);
    }
  }
  return longest;
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

/** Does a character read as this syllable (tones ignored)? */
export function readsAs(ch: string, syllable: string): boolean {
  const readings = pinyin(ch, { toneType: "none", type: "array", multiple: true, v: true });
  return readings.includes(stripTones(syllable));
}

/** Common characters that read as a syllable, most frequent first. */
export function charactersReading(syllable: string): string[] {
  const wanted = stripTones(syllable);
  return [...commonChars()]
    .filter((ch) => readsAs(ch, wanted))
    .sort((a, b) => charScore(b) - charScore(a));
}
