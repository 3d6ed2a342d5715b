import { mapLines, type PageStage } from "./draft.js";
import { flat } from "./flat-text.js";

// Full-width ASCII letters and digits become half-width, with the percent sign and decimal point that go
// with numbers (５．２％ → 5.2%); Chinese punctuation (，。：（）) is left as it is.
const FULL_WIDTH_ALNUM = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05]|(?<=[0-9\uff10-\uff19])\uff0e(?=[0-9\uff10-\uff19])/g;
// No-break, ideographic and other typographic spaces become one plain space; zero-width characters go.
const ODD_SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/** Anything the replacements below would touch; most lines have none of it. */
const NEEDS_WORK = /[\uff05\uff0e\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u00a0\u1680\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff]|[ \t]{2}/;

/** Odd spaces among the units [from, to) of a text. */
function oddSpaces(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (ODD_SPACE_UNIT.test(text[i]!)) n++;
  return n;
}
const ODD_SPACE_UNIT = new RegExp(ODD_SPACE.source);

export function normalizeWidth(text: string): { text: string; count: number } {
  if (!NEEDS_WORK.test(text)) {
    const trimmed = text.trim();
    // a trimmed line is a window onto the untrimmed one: made anew, in one piece (see flat-text.ts)
    return trimmed === text ? { text, count: 0 } : { text: flat(trimmed), count: text.length - trimmed.length };
  }
  const inner = text.trim();
  if (!NEEDS_WORK.test(inner)) {
    // The work is all in the blank edges, as on a paragraph indented with ideographic spaces: the
    // replacements below would turn its odd spaces into plain ones (a count each) and trimming would take
    // every edge unit away (a count each), leaving the inner text as it is.
    const lead = text.length - text.trimStart().length;
    const edges = oddSpaces(text, 0, lead) + oddSpaces(text, lead + inner.length, text.length);
    return { text: flat(inner), count: edges + text.length - inner.length };
  }
  let count = 0;
  const counted = (replacement: string | ((c: string) => string)) => (c: string) => {
    count++;
    return typeof replacement === "string" ? replacement : replacement(c);
  };
  const out = text
    .replace(FULL_WIDTH_ALNUM, counted((c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .replace(ODD_SPACE, counted(" "))
    .replace(ZERO_WIDTH, counted(""));
  const trimmed = out.replace(/[ \t]{2,}/g, " ").trim();
  if (trimmed.length !== out.length) count += out.length - trimmed.length;
  return { text: flat(trimmed), count };
}

export const widthStage: PageStage = {
  id: "width",
  run(draft) {
    const { lines, count } = mapLines(draft, normalizeWidth);
    return { ...draft, lines, width: draft.width + count };
  },
};
