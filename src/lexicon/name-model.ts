import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dictionaryStats } from "./char-model.js";
import { lazy, readDataJson } from "./load.js";
import { surnames } from "./extract-lexicons.js";

// How name-like a string is, from a real list of names: the person names (nr) of jieba's dictionary. For each
// character, how much more often it stands in a given name than in text at large (a log ratio): 伟, 华, 德
// score high, 要, 位, 部 low. A candidate's fit is the sum over its given name, so 干部要 and 单位工 fall far
// below any real name while 马兰 beats 马兰作. Names without a Han surname are read from data/minority-names.json.

const SMOOTHING = 0.5;

const givenNameOdds = lazy(() => {
  const { chars, total, personNames } = dictionaryStats();
  const { single } = surnames();
  const given = new Map<string, number>();
  let givenTotal = 0;
  // Three-character entries with a one-character surname are the clearest Han names in the list.
  for (const name of personNames) {
    if (name.length !== 3 || !single.has(name[0]!)) continue;
    for (const ch of name.slice(1)) {
      given.set(ch, (given.get(ch) ?? 0) + 1);
      givenTotal++;
    }
  }
  const odds = new Map<string, number>();
  for (const [ch, n] of given) odds.set(ch, Math.log((n + SMOOTHING) / givenTotal) - Math.log(((chars.get(ch) ?? 0) + SMOOTHING) / total));
  // A character the name list never shows: as likely as a name character seen once, against its text frequency.
  const unseen = (ch: string) => Math.log(SMOOTHING / givenTotal) - Math.log(((chars.get(ch) ?? 0) + SMOOTHING) / total);
  return { odds, unseen };
});

/** Log odds that a character stands in a given name rather than in running text. */
export function givenCharOdds(ch: string): number {
  const { odds, unseen } = givenNameOdds();
  return odds.get(ch) ?? unseen(ch);
}

/** How well a given name fits the name list: the sum of its characters' log odds (about −2.5 and up for real names). */
export function givenNameFit(given: string): number {
  let fit = 0;
  for (const ch of given) fit += givenCharOdds(ch);
  return fit;
}

export const minorityNames = lazy(() => {
  const file = readDataJson<{
    dots: string;
    maxUndotted: number;
    maxDotted: number;
    transliteration: string;
    parts: string[];
  }>("minority-names.json");
  return {
    dots: new Set(file.dots),
    maxUndotted: file.maxUndotted,
    maxDotted: file.maxDotted,
    transliteration: new Set(file.transliteration),
    parts: file.parts,
  };
});

/** Does the name hold one of the known minority name parts (扎西, 巴特尔, 卓玛)? */
export function hasMinorityPart(name: string): boolean {
  return minorityNames().parts.some((part) => name.includes(part));
}

/** The surname list pinyin-pro ships: at least this many entries, or its shape has changed. */
const FEWEST_LISTED_SURNAMES = 300;

/**
 * Single-character surnames beyond surnames.txt, from the list pinyin-pro ships (仰, 荀, 赖), less the characters
 * common in running text (data/rare-surnames.json). Read from its source file: the package does not export it.
 */
export const rareSurnames = lazy(() => {
  const { maxLog10Frequency } = readDataJson<{ maxLog10Frequency: number }>("rare-surnames.json");
  const require = createRequire(import.meta.url);
  const source = readFileSync(require.resolve("pinyin-pro/dist/esm/data/surname.mjs"), "utf8");
  const listed = [...source.matchAll(/^\s+([\u4e00-\u9fff]{1,2}):\s*'/gm)].map((m) => m[1]!);
  if (listed.length < FEWEST_LISTED_SURNAMES) throw new Error("pinyin-pro 的姓氏表格式已变,无法读取罕见姓氏");
  const { single } = surnames();
  const { chars } = dictionaryStats();
  return new Set(listed.filter((ch) => ch.length === 1 && !single.has(ch) && Math.log10((chars.get(ch) ?? 0) + 1) <= maxLog10Frequency));
});
