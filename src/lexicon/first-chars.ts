// The characters a match of a regular expression must have, read from its source, so a line can be passed
// over without running the expression when it lacks them: for an alternative anchored at the line's start,
// the characters its match can begin with (^来源: 来); for the others, a set of characters one of which any
// match holds, wherever it stands, taken from the part lines hold least often (ICP备: 备;
// [^。]{0,20}(https?://|www\.): h or w). The reading is conservative: what it cannot read for certain (a
// dot, a negated class, a back-reference, a match that may be empty, a flag other than i) makes the
// expression one to run on every line.

/** Where a match of an expression may begin, by UTF-16 code unit. */
export interface FirstChars {
  /** code units that can begin a match of an alternative anchored at the start (^…) */
  anchored: Set<number>;
  /** code units one of which every match of the other alternatives holds, wherever it stands (ICP备: 备) */
  anywhere: Set<number>;
  /** the source was not read for certain: any line may match */
  any: boolean;
}

/** What one part of a source can begin with: null for any character; whether it can match nothing. */
interface Part {
  chars: Set<number> | null;
  nullable: boolean;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
// The characters \s, \d and \w stand for, as ECMAScript defines them.
const WHITE_SPACE = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, ...range(0x2000, 0x200a), 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];
const DIGITS = range(0x30, 0x39);
const WORD = [...DIGITS, ...range(0x41, 0x5a), ...range(0x61, 0x7a), 0x5f];
const CONTROL: { [escape: string]: number } = { n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b, f: 0x0c, "0": 0 };

/** Top-level alternatives of a source: `a|(b|c)|d` → a, (b|c), d. */
export function topLevelAlternatives(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      parts.push(source.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(source.slice(from));
  return parts;
}

/** Where the group opening at `open` closes, or -1. */
function groupEnd(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  return -1;
}

const hex = (text: string) => (/^[0-9a-fA-F]+$/.test(text) ? parseInt(text, 16) : NaN);

/**
 * One escape at `at` (the backslash): the code units it matches (null for any), whether it consumes nothing
 * (\b), and where it ends. Inside a class \b is a backspace.
 */
function readEscape(source: string, at: number, inClass: boolean): { chars: number[] | null; zeroWidth: boolean; end: number } {
  const c = source[at + 1];
  const one = (code: number, end: number) => ({ chars: Number.isNaN(code) ? null : [code], zeroWidth: false, end });
  if (c === undefined) return { chars: null, zeroWidth: false, end: at + 1 };
  if (c === "b" && inClass) return one(0x08, at + 2);
  if (c === "b" || c === "B") return { chars: [], zeroWidth: true, end: at + 2 };
  if (c === "d") return { chars: DIGITS, zeroWidth: false, end: at + 2 };
  if (c === "s") return { chars: WHITE_SPACE, zeroWidth: false, end: at + 2 };
  if (c === "w") return { chars: WORD, zeroWidth: false, end: at + 2 };
  if (c in CONTROL && !(c === "0" && /[0-9]/.test(source[at + 2] ?? ""))) return one(CONTROL[c]!, at + 2);
  if (c === "u") return source[at + 2] === "{" ? { chars: null, zeroWidth: false, end: at + 2 } : one(hex(source.slice(at + 2, at + 6)), at + 6);
  if (c === "x") return one(hex(source.slice(at + 2, at + 4)), at + 4);
  // a back-reference by name: its name is not text to match
  if (c === "k" && source[at + 2] === "<" && source.indexOf(">", at) > 0) return { chars: null, zeroWidth: false, end: source.indexOf(">", at) + 1 };
  // \D \S \W, back-references by number, \p{…}, \cX: too wide, or not read here
  if (/[0-9A-Za-z]/.test(c)) return { chars: null, zeroWidth: false, end: at + 2 };
  return one(c.charCodeAt(0), at + 2);
}

/** A class [...] at `at`: the code units it matches (null for a negated class or one not read), and its end. */
function readClass(source: string, at: number): { chars: number[] | null; end: number } {
  let i = at + 1;
  const negated = source[i] === "^";
  if (negated) i++;
  const chars: number[] = [];
  let readable = !negated;
  // one member: a single code unit (a range may follow) or a set such as \d (no range may follow)
  const member = (): { code: number | null; set: number[] | null } => {
    if (source[i] === "\\") {
      const escape = readEscape(source, i, true);
      i = escape.end;
      return escape.chars?.length === 1 && !/[dsw]/.test(source[i - 1]!) ? { code: escape.chars[0]!, set: null } : { code: null, set: escape.chars };
    }
    return { code: source.charCodeAt(i++), set: null };
  };
  while (i < source.length && source[i] !== "]") {
    const first = member();
    if (first.code === null) {
      if (first.set === null) readable = false;
      else chars.push(...first.set);
      continue;
    }
    if (source[i] === "-" && source[i + 1] !== "]" && i + 1 < source.length) {
      i++;
      const last = member();
      if (last.code === null) {
        // [a-\d] reads the dash as itself
        chars.push(first.code, 0x2d);
        if (last.set === null) readable = false;
        else chars.push(...last.set);
      } else chars.push(...range(first.code, last.code));
      continue;
    }
    chars.push(first.code);
  }
  return { chars: readable ? chars : null, end: i + 1 };
}

/** A quantifier at `at`: whether it allows no repetition, and where it ends (at itself when there is none). */
function readQuantifier(source: string, at: number): { optional: boolean; end: number } {
  const c = source[at];
  let end = at;
  let optional = false;
  if (c === "?" || c === "*") [optional, end] = [true, at + 1];
  else if (c === "+") end = at + 1;
  else if (c === "{") {
    const bounds = /^\{(\d+)(,\d*)?\}/.exec(source.slice(at));
    if (bounds) [optional, end] = [Number(bounds[1]) === 0, at + bounds[0].length];
  }
  if (end > at && source[end] === "?") end++;
  return { optional, end };
}

const union = (parts: Part[]): Part => {
  const chars = new Set<number>();
  for (const part of parts) {
    if (part.chars === null) return { chars: null, nullable: parts.some((p) => p.nullable) };
    for (const c of part.chars) chars.add(c);
  }
  return { chars, nullable: parts.some((part) => part.nullable) };
};

/** What one alternative can begin with, and a set of code units one of which every match of it holds. */
interface Sequence {
  first: Part;
  /** null when no part is sure to be there (every atom optional, or one not read) */
  holds: Set<number> | null;
}

/** How often a character is in a line, roughly: the higher, the less a set holding it screens out. */
export type Commonness = (code: number) => number;

/** ASCII and white space are in most lines: a set of them screens little, a set of Han characters much. */
const asciiCommon: Commonness = (code) => (code < 0x80 || WHITE_SPACE.includes(code) ? 20 : 1);

function sequenceOf(source: string, commonness: Commonness): Sequence {
  const chars = new Set<number>();
  let first: Part | null = null;
  let holds: Set<number> | null = null;
  const screenCost = (chars: Set<number>) => {
    let cost = 0;
    for (const code of chars) cost += commonness(code);
    return cost;
  };
  // of the parts every match has, the one whose characters lines hold least often
  const consider = (set: Set<number> | null) => {
    if (set !== null && (holds === null || screenCost(set) < screenCost(holds))) holds = set;
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    let atom: Part;
    let atomHolds: Set<number> | null;
    let zeroWidth = false;
    if (c === "^" || c === "$") {
      zeroWidth = true;
      i++;
      atom = { chars: new Set(), nullable: true };
      atomHolds = null;
    } else if (c === "\\") {
      const escape = readEscape(source, i, false);
      i = escape.end;
      zeroWidth = escape.zeroWidth;
      atom = { chars: escape.chars && new Set(escape.chars), nullable: zeroWidth };
      atomHolds = atom.chars;
    } else if (c === "[") {
      const found = readClass(source, i);
      i = found.end;
      atom = { chars: found.chars && new Set(found.chars), nullable: false };
      atomHolds = atom.chars;
    } else if (c === "(") {
      const end = groupEnd(source, i);
      if (end < 0) return { first: { chars: null, nullable: true }, holds: null };
      let body = source.slice(i + 1, end);
      i = end + 1;
      if (/^\?(=|!|<=|<!)/.test(body)) {
        // a look-around consumes nothing; what follows it begins the match
        zeroWidth = true;
        atom = { chars: new Set(), nullable: true };
        atomHolds = null;
      } else {
        if (body.startsWith("?:")) body = body.slice(2);
        else if (body.startsWith("?<")) body = body.slice(body.indexOf(">") + 1);
        const alternatives = topLevelAlternatives(body).map((alternative) => sequenceOf(alternative, commonness));
        atom = union(alternatives.map((alternative) => alternative.first));
        atomHolds = alternatives.some((alternative) => alternative.holds === null)
          ? null
          : new Set(alternatives.flatMap((alternative) => [...alternative.holds!]));
      }
    } else if (c === ".") {
      i++;
      atom = { chars: null, nullable: false };
      atomHolds = null;
    } else {
      i++;
      atom = { chars: new Set([c.charCodeAt(0)]), nullable: false };
      atomHolds = atom.chars;
    }
    const quantifier = readQuantifier(source, i);
    i = quantifier.end;
    if (zeroWidth) continue;
    const optional = atom.nullable || quantifier.optional;
    if (!optional) consider(atomHolds);
    if (first !== null) continue;
    if (atom.chars === null) first = { chars: null, nullable: false };
    else {
      for (const code of atom.chars) chars.add(code);
      if (!optional) first = { chars, nullable: false };
    }
  }
  return { first: first ?? { chars, nullable: true }, holds };
}

/** Each code unit with its upper- and lower-case forms, for an expression with the i flag. */
function withCases(chars: Set<number>): Set<number> {
  const out = new Set(chars);
  for (const code of chars) {
    for (const form of [String.fromCharCode(code).toUpperCase(), String.fromCharCode(code).toLowerCase()]) {
      if (form.length === 1) out.add(form.charCodeAt(0));
    }
  }
  return out;
}

/** Where a match of the expression may begin; see FirstChars. */
export function firstChars(source: string, flags = "", commonness: Commonness = asciiCommon): FirstChars {
  const result: FirstChars = { anchored: new Set(), anywhere: new Set(), any: /[^i]/.test(flags) };
  const read = (alternatives: string[]) => {
    for (const alternative of alternatives) {
      // a group that is the whole alternative ((^主办|版权所有)) holds alternatives of the same standing
      if (alternative.startsWith("(") && !/^\(\?[=!<]/.test(alternative) && groupEnd(alternative, 0) === alternative.length - 1) {
        const body = alternative.slice(1, -1);
        read(topLevelAlternatives(body.startsWith("?:") ? body.slice(2) : body));
        continue;
      }
      const anchored = alternative.startsWith("^");
      const { first, holds } = sequenceOf(anchored ? alternative.slice(1) : alternative, commonness);
      // at the start of the line, what a match begins with; elsewhere (or where the beginning is not read,
      // as in ^[^。]{0,30}新闻), what it holds
      if (anchored && first.chars !== null && !first.nullable) for (const code of first.chars) result.anchored.add(code);
      else if (holds !== null) for (const code of holds) result.anywhere.add(code);
      else result.any = true;
    }
  };
  read(topLevelAlternatives(source));
  if (flags.includes("i")) [result.anchored, result.anywhere] = [withCases(result.anchored), withCases(result.anywhere)];
  return result;
}
