import { lazy } from "../lexicon/load.js";
import { drop, isKept, type Draft, type Line, type PageStage } from "./draft.js";
import { unitsMatching } from "./unit-table.js";

// A list prefix before a headline reused in a list: "05.11 ", "- ", "• ", "2024-06-28 ".
export const LIST_PREFIX = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}|[-•·*]|\[\d{1,2}[-/.]\d{1,2}\])\s*/;
const MAY_HAVE_PREFIX = /^[\d\-•·*[]/;
/** Lines shorter than this may repeat in an article on purpose (会议要求:); longer ones are copies. */
const MIN_REPEAT_LENGTH = 8;

const WHITE_SPACE = /\s+/g;
/** A line compared without its white space. */
const key = (text: string) => text.replace(WHITE_SPACE, "");

/** The white space that keys leave out, by UTF-16 code unit. */
const isWhiteSpace = lazy(() => unitsMatching(WHITE_SPACE));

const NO_KEY = -1;
/** Units of a key's start and of its end that stand for it: paragraphs share their last unit (。) and often
 * their first two (会议), rarely all five. */
const HEAD = 3;
const TAIL = 2;

const mix = (hash: number, unit: number) => (Math.imul(hash, 31) + unit) & 0x3fffffff;

/**
 * The first and last units of a line's key, found from the line's two ends and mixed into one small integer:
 * lines whose keys differ there are no copies of each other, and a page's lines nearly all do, so most
 * lines' keys are never made (making one reads the whole line). NO_KEY for a line of white space only,
 * whose key is empty.
 */
function ends(text: string): number {
  const blank = isWhiteSpace();
  let hash = 0;
  let taken = 0;
  let first = 0;
  for (; first < text.length && taken < HEAD; first++) {
    const c = text.charCodeAt(first);
    if (blank[c] === 1) continue;
    hash = mix(hash, c);
    taken++;
  }
  if (taken === 0) return NO_KEY;
  taken = 0;
  for (let last = text.length - 1; last >= 0 && taken < TAIL; last--) {
    const c = text.charCodeAt(last);
    if (blank[c] === 1) continue;
    hash = mix(hash, c);
    taken++;
  }
  return hash;
}

/** The same for a key, which holds no white space. */
function keyEnds(key: string): number {
  let hash = 0;
  for (let i = 0; i < Math.min(HEAD, key.length); i++) hash = mix(hash, key.charCodeAt(i));
  for (let i = key.length - 1; i >= Math.max(0, key.length - TAIL); i--) hash = mix(hash, key.charCodeAt(i));
  return hash;
}

/** A kept line long enough to be a copy: a shorter one's key is shorter still, and no check below asks it. */
const mayRepeat = (line: Line) => isKept(line) && line.text.length >= MIN_REPEAT_LENGTH;

/** The key of a line without its list prefix; null where it has none. A prefix holds a unit that is not
 * white space, so this key is always shorter than the line's own. */
function unprefixedKey(text: string): string | null {
  if (!MAY_HAVE_PREFIX.test(text)) return null;
  const prefix = LIST_PREFIX.exec(text);
  return prefix ? key(text.slice(prefix[0].length)) : null;
}

function dropRepeats(draft: Draft): Draft {
  const lines = draft.lines;
  const lineEnds = lines.map((line) => (mayRepeat(line) ? ends(line.text) : NO_KEY));
  const sharing = new Map<number, number>();
  for (const e of lineEnds) if (e !== NO_KEY) sharing.set(e, (sharing.get(e) ?? 0) + 1);
  // a line with a list prefix is compared without it against every line's key
  const unprefixedKeys = lines.map((line, i) => (lineEnds[i] !== NO_KEY ? unprefixedKey(line.text) : null));
  const sought = new Set<number>();
  for (const u of unprefixedKeys) if (u !== null && u.length >= MIN_REPEAT_LENGTH) sought.add(keyEnds(u));
  // keys are made only where another key may equal them: of lines that share their ends with another line,
  // or whose ends an unprefixed key has
  const lineKeys = lines.map((line, i) => {
    const e = lineEnds[i]!;
    return e !== NO_KEY && (sharing.get(e)! > 1 || sought.has(e)) ? key(line.text) : null;
  });
  const keys = new Set<string>();
  lineKeys.forEach((k, i) => {
    if (k !== null && sought.has(lineEnds[i]!)) keys.add(k);
  });
  const seen = new Set<string>();
  const out = lines.map((line, i) => {
    const unprefixed = unprefixedKeys[i];
    if (unprefixed && unprefixed.length >= MIN_REPEAT_LENGTH && keys.has(unprefixed)) return drop(line, "repeats.list-prefix");
    const k = lineKeys[i];
    if (k === null || k === undefined) return line;
    if (seen.has(k) && k.length >= MIN_REPEAT_LENGTH) return drop(line, "repeats.copy");
    seen.add(k);
    return line;
  });
  return { ...draft, lines: out };
}

export const repeatsStage: PageStage = { id: "repeats", run: dropRepeats };
