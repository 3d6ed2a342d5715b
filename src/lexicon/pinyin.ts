import { lazy, readListFile } from "./load.js";

export const pinyinSyllables = lazy(() => new Set(readListFile("pinyin-syllables.txt")));

const TONED: Record<string, string> = {
  ā: "a", á: "a", ǎ: "a", à: "a",
  ē: "e", é: "e", ě: "e", è: "e",
  ī: "i", í: "i", ǐ: "i", ì: "i",
  ō: "o", ó: "o", ǒ: "o", ò: "o",
  ū: "u", ú: "u", ǔ: "u", ù: "u",
  ǖ: "v", ǘ: "v", ǚ: "v", ǜ: "v", ü: "v",
};

/** 'qū' → 'qu', 'lǜ' → 'lv': the toneless spelling used by the syllable list. */
export function stripTones(syllable: string): string {
  let out = "";
  for (const ch of syllable.toLowerCase()) out += TONED[ch] ?? ch;
  return out;
}

const verdicts = lazy(() => new Map<string, boolean>());

/** Is this a pinyin syllable, tone marks or not? Glossed pages ask this hundreds of times per page. */
export function isPinyinSyllable(text: string): boolean {
  const known = verdicts();
  let verdict = known.get(text);
  if (verdict === undefined) {
    verdict = pinyinSyllables().has(stripTones(text));
    if (known.size < 100_000) known.set(text, verdict);
  }
  return verdict;
}
