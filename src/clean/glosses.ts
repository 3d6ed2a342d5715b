import { isPinyinSyllable } from "../lexicon/pinyin.js";
import { mapLines, type Stage } from "./draft.js";
import { matchesOf } from "../matches.js";

// A gloss is a pinyin syllable in parentheses right after a Han character: 區(qū), 發(fā), 調(diào).
// Real parentheses — (扩大), (2023), (街、办) — never hold a lone syllable, and the syllable list decides.
const GLOSS = /(?<=[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}?])[(（]([a-zA-Zü\u00e0-\u00fc\u0100-\u01dc]{1,7})[)）]/gu;

/** Where the glosses of a text stand: [start, end) of each parenthesised syllable. */
export function glossesIn(text: string): [number, number][] {
  if (!text.includes("(") && !text.includes("（")) return [];
  return matchesOf(GLOSS, text).filter((m) => isPinyinSyllable(m[1]!)).map((m) => [m.index!, m.index! + m[0].length]);
}

export function dropGlosses(text: string): { text: string; count: number } {
  const spans = glossesIn(text);
  let out = "";
  let from = 0;
  for (const [start, end] of spans) {
    out += text.slice(from, start);
    from = end;
  }
  return { text: spans.length ? out + text.slice(from) : text, count: spans.length };
}

export const glossesStage: Stage = (draft) => {
  const { lines, count } = mapLines(draft, dropGlosses);
  return { ...draft, lines, glosses: draft.glosses + count };
};
