import { isPinyinSyllable } from "../lexicon/pinyin.js";
import { mapLines, type Stage } from "./draft.js";

// A gloss is a pinyin syllable in parentheses right after a Han character: 區(qū), 發(fā), 調(diào).
// Real parentheses — (扩大), (2023), (街、办) — never hold a lone syllable, and the syllable list decides.
const GLOSS = /(?<=[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}?])[(（]([a-zA-Zü\u00e0-\u00fc\u0100-\u01dc]{1,7})[)）]/gu;

export function dropGlosses(text: string): { text: string; count: number } {
  if (!text.includes("(") && !text.includes("（")) return { text, count: 0 };
  let count = 0;
  const out = text.replace(GLOSS, (whole, syllable: string) => {
    if (!isPinyinSyllable(syllable)) return whole;
    count++;
    return "";
  });
  return { text: out, count };
}

export const glossesStage: Stage = (draft) => {
  const { lines, count } = mapLines(draft, dropGlosses);
  return { ...draft, lines, glosses: draft.glosses + count };
};
