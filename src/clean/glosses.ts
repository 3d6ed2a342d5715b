import { isPinyinSyllable } from "../lexicon/pinyin.js";
import type { Change } from "../types.js";
import { rawOffset, withText, type Line, type PageStage } from "./draft.js";
import { flat } from "./flat-text.js";

// A gloss is a pinyin syllable in parentheses right after a Han character: 區(qū), 發(fā), 調(diào).
// Real parentheses — (扩大), (2023), (街、办) — never hold a lone syllable, and the syllable list decides.
// As an expression: (?<=[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}?])[(（]([a-zA-Zü\u00e0-\u00fc\u0100-\u01dc]{1,7})[)）]
// read by hand below: a glossed page has a gloss every few characters, and the expression's machinery cost
// more than the reading.

const SYLLABLE_MAX = 7;

/** A character that may carry a gloss: Han (BMP, compatibility, planes 2), or the '?' of a lost one. */
function carriesGloss(text: string, at: number): boolean {
  const c = text.charCodeAt(at - 1);
  if (c >= 0xdc00 && c <= 0xdfff && at >= 2) {
    const high = text.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) {
      const code = (high - 0xd800) * 0x400 + (c - 0xdc00) + 0x10000;
      return code >= 0x20000 && code <= 0x2ffff;
    }
  }
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3f;
}

/** A letter of a syllable as written in glosses: Latin letters, ü and the toned vowels. */
const isSyllableLetter = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0xe0 && c <= 0xfc) || (c >= 0x100 && c <= 0x1dc);
const isClose = (c: number) => c === 0x29 || c === 0xff09;

/**
 * The opening parentheses of a text, half- and full-width, left to right, found by native searches rather
 * than a loop over every character; each kind's next place is kept, so a line is searched once per kind.
 */
function openings(text: string): (from: number) => number {
  let half = -2;
  let full = -2;
  return (from) => {
    if (half !== -1 && half < from) half = text.indexOf("(", from);
    if (full !== -1 && full < from) full = text.indexOf("\uff08", from);
    return half < 0 ? full : full < 0 ? half : Math.min(half, full);
  };
}

/** The end of a parenthesised syllable that opens at `at` after a glossable character, or -1. */
function glossEnd(text: string, at: number): number {
  if (at === 0 || !carriesGloss(text, at)) return -1;
  let letters = 0;
  while (letters <= SYLLABLE_MAX && isSyllableLetter(text.charCodeAt(at + 1 + letters))) letters++;
  if (letters === 0 || letters > SYLLABLE_MAX || !isClose(text.charCodeAt(at + 1 + letters))) return -1;
  return at + letters + 2;
}

/** Where the glosses of a text stand: [start, end) of each parenthesised syllable, left to right. */
export function glossesIn(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const nextOpen = openings(text);
  for (let at = nextOpen(0); at >= 0; at = nextOpen(at + 1)) {
    const end = glossEnd(text, at);
    if (end < 0) continue;
    if (isPinyinSyllable(text.slice(at + 1, end - 1))) spans.push([at, end]);
    // the search goes on after the parenthesis closed, as a global search does
    at = end - 1;
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
  return { text: spans.length ? flat(out + text.slice(from)) : text, count: spans.length };
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
      // a gloss opens a parenthesis: a line without one (most) needs no search state built for it
      if (!line.text.includes("(") && !line.text.includes("\uff08")) return line;
      const spans = glossesIn(line.text);
      if (spans.length === 0) return line;
      count += spans.length;
      // One message a line, with every gloss's span: glossed pages hold hundreds, one object each would outweigh the text.
      const placed = line.text === line.raw || line.edits ? placedInRaw(line, spans) : [];
      changes.push({ stage: "glosses", rule: "glosses.pinyin", line: i + 1, action: "dropped", spans: placed });
      return withText(line, withoutSpans(line.text, spans).text);
    });
    return { ...draft, lines, glosses: draft.glosses + count, changes: [...draft.changes, ...changes] };
  },
};
