// The literal text every match of a regular expression starts with, read from its source, so a line can be
// passed over without running the expression when none of those texts occurs in it. The reading is
// conservative: an expression it cannot read (a class, a dot or an optional part at the start) gives null,
// which means "run the expression". Only sources without flags are read (the screen's expressions have none).

const META = new Set("\\^$.|?*+()[]{}");

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

const isQuantifier = (c: string | undefined) => c === "?" || c === "*" || c === "+" || c === "{";

/** The literal texts one alternative starts with, or null when it does not start with one for certain. */
function alternativeStarts(alternative: string): string[] | null {
  let at = alternative.startsWith("^") ? 1 : 0;
  if (alternative[at] === "(") {
    const end = groupEnd(alternative, at);
    if (end < 0 || (isQuantifier(alternative[end + 1]) && alternative[end + 1] !== "+")) return null;
    let body = alternative.slice(at + 1, end);
    if (body.startsWith("?:")) body = body.slice(2);
    else if (body.startsWith("?")) return null; // a look-around or a named group: not read
    return literalStarts(body);
  }
  let literal = "";
  while (at < alternative.length) {
    const c = alternative[at]!;
    if (c === "\\") {
      const escaped = alternative[at + 1];
      // an escaped punctuation mark stands for itself; \d, \s, \w … are classes
      if (escaped === undefined || /[0-9A-Za-z]/.test(escaped)) break;
      if (isQuantifier(alternative[at + 2]) && alternative[at + 2] !== "+") break;
      literal += escaped;
      at += 2;
      continue;
    }
    if (META.has(c)) break;
    if (isQuantifier(alternative[at + 1]) && alternative[at + 1] !== "+") break;
    literal += c;
    at++;
  }
  return literal === "" ? null : [literal];
}

/** The literal texts any match of the source starts with, or null when the source does not say. */
export function literalStarts(source: string): string[] | null {
  const starts: string[] = [];
  for (const alternative of topLevelAlternatives(source)) {
    const found = alternativeStarts(alternative);
    if (found === null) return null;
    starts.push(...found);
  }
  return starts;
}

/** A quick test of whether any of the texts occurs in a line: one table read per character, most lines. */
export interface StartsFinder {
  occursIn(text: string): boolean;
}

export function startsFinder(texts: readonly string[]): StartsFinder {
  const byFirst = new Map<number, string[]>();
  const first = new Uint8Array(0x10000);
  for (const text of new Set(texts)) {
    const code = text.charCodeAt(0);
    first[code] = 1;
    byFirst.set(code, [...(byFirst.get(code) ?? []), text]);
  }
  return {
    occursIn(text) {
      for (let i = 0; i < text.length; i++) {
        if (first[text.charCodeAt(i)] === 0) continue;
        for (const start of byFirst.get(text.charCodeAt(i))!) if (text.startsWith(start, i)) return true;
      }
      return false;
    },
  };
}
