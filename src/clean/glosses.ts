import { isPinyinSyllable } from "../lexicon/pinyin.js";
import type { Change } from "../types.js";
import { rawOffset, type Line, type PageStage } from "./draft.js";

// A gloss is a pinyin syllable in parentheses right after a Han character: 區(qū), 發(fā), 調(diào).
// Real parentheses — (扩大), (2023), (街、办) — never hold a lone syllable, and the syllable list decides.
const GLOSS = /(?<=[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}?])[(（]([a-zA-Zü\u00e0-\u00fc\u0100-\u01dc]{1,7})[)）]/gu;

/** Where the glosses of a text stand: [start, end) of each parenthesised syllable. */
export function glossesIn(text: string): [number, number][] {
  if (!text.includes("(") && !text.includes("（")) return [];
  // a loop of exec, not matchesOf: a glossed page has a gloss every few characters, and each match kept
  // as an array only to be turned into a pair is garbage
  const spans: [number, number][] = [];
  GLOSS.lastIndex = 0;
  for (let m = GLOSS.exec(text); m !== null; m = GLOSS.exec(text)) {
    if (isPinyinSyllable(m[1]!)) spans.push([m.index, m.index + m[0].length]);
  }
  return spans;
}

export function dropGlosses(text: string): { text: string; count: number } {
  return withoutSpans(text, glossesIn(text));
}

/** The text without the given spans (in order, not overlapping). */
function withoutSpans(text: string, spans: [number, number][]): { text: string; count: number } {
  let out = "";
  let from = 0;
  for (const [start, end] of spans) {
    out += text.slice(from, start);
    from = end;
  }
  return { text: spans.length ? out + text.slice(from) : text, count: spans.length };
}

/** Where a line's glosses stand in the line as read; a gloss inside a repaired stretch has no place there. */
function placedInRaw(line: Line, spans: [number, number][]): [number, number][] {
  if (!line.edits) return spans;
  const placed: [number, number][] = [];
  for (const [start, end] of spans) {
    const from = rawOffset(line, start);
    const to = rawOffset(line, end - 1);
    if (from !== null && to !== null) placed.push([from, to + 1]);
  }
  return placed;
}

export const glossesStage: PageStage = {
  id: "glosses",
  run(draft) {
    let count = 0;
    const changes: Change[] = [];
    const lines = draft.lines.map((line, i) => {
      const spans = glossesIn(line.text);
      if (spans.length === 0) return line;
      count += spans.length;
      // One message a line, with every gloss's span: glossed pages hold hundreds, one object each would outweigh the text.
      const placed = line.text === line.raw || line.edits ? placedInRaw(line, spans) : [];
      changes.push({ stage: "glosses", rule: "glosses.pinyin", line: i + 1, action: "dropped", spans: placed });
      return { ...line, text: withoutSpans(line.text, spans).text };
    });
    return { ...draft, lines, glosses: draft.glosses + count, changes: [...draft.changes, ...changes] };
  },
};
