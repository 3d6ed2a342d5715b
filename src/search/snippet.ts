export interface Snippet {
  text: string;
  /** [start, end) of each query term found, in the snippet's text */
  marks: [number, number][];
}

const SPAN = 90;

/** Where each term occurs in the text, sorted; overlapping finds merged. */
function findTerms(text: string, terms: string[]): [number, number][] {
  const lower = text.toLowerCase();
  const found: [number, number][] = [];
  for (const term of terms) {
    const needle = term.toLowerCase();
    if (!needle) continue;
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) found.push([at, at + needle.length]);
  }
  found.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of found) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged;
}

/**
 * A passage of about SPAN characters around the place where the most distinct query terms occur close
 * together, with those terms marked; the opening of the text when none occurs (a title-only match).
 */
export function snippetOf(text: string, terms: string[]): Snippet {
  const flat = text.replace(/\s*\n\s*/g, " ");
  const found = findTerms(flat, terms);
  let best = 0;
  let bestCount = -1;
  for (let i = 0; i < found.length; i++) {
    const words = new Set<string>();
    for (let j = i; j < found.length && found[j]![1] - found[i]![0] <= SPAN; j++) words.add(flat.slice(found[j]![0], found[j]![1]).toLowerCase());
    if (words.size > bestCount) {
      bestCount = words.size;
      best = i;
    }
  }
  const start = found.length ? Math.max(0, found[best]![0] - 20) : 0;
  const end = Math.min(flat.length, start + SPAN);
  const marks = found
    .filter(([from, to]) => from >= start && to <= end)
    .map(([from, to]): [number, number] => [from - start + (start > 0 ? 1 : 0), to - start + (start > 0 ? 1 : 0)]);
  return { text: (start > 0 ? "…" : "") + flat.slice(start, end) + (end < flat.length ? "…" : ""), marks };
}
