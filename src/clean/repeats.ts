import { drop, isKept, type Draft, type Line, type PageStage } from "./draft.js";

// A list prefix before a headline reused in a list: "05.11 ", "- ", "• ", "2024-06-28 ".
export const LIST_PREFIX = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}|[-•·*]|\[\d{1,2}[-/.]\d{1,2}\])\s*/;
const MAY_HAVE_PREFIX = /^[\d\-•·*[]/;
/** Lines shorter than this may repeat in an article on purpose (会议要求:); longer ones are copies. */
const MIN_REPEAT_LENGTH = 8;

const WHITE_SPACE = /\s+/g;
const key = (text: string) => text.replace(WHITE_SPACE, "");

/** A kept line long enough to be a copy: a shorter one's key is shorter still, and no check below asks it. */
const mayRepeat = (line: Line) => isKept(line) && line.text.length >= MIN_REPEAT_LENGTH;

function dropRepeats(draft: Draft): Draft {
  // each such line's key once: the set of every key, then the walk in order
  const lineKeys = draft.lines.map((line) => (mayRepeat(line) ? key(line.text) : ""));
  const keys = new Set(lineKeys.filter((_, i) => mayRepeat(draft.lines[i]!)));
  const seen = new Set<string>();
  const lines = draft.lines.map((line, i) => {
    if (!mayRepeat(line)) return line;
    const k = lineKeys[i]!;
    const unprefixed = MAY_HAVE_PREFIX.test(line.text) ? key(line.text.replace(LIST_PREFIX, "")) : k;
    if (unprefixed !== k && unprefixed.length >= MIN_REPEAT_LENGTH && keys.has(unprefixed)) {
      return drop(line, "repeats.list-prefix");
    }
    if (seen.has(k) && k.length >= MIN_REPEAT_LENGTH) return drop(line, "repeats.copy");
    seen.add(k);
    return line;
  });
  return { ...draft, lines };
}

export const repeatsStage: PageStage = { id: "repeats", run: dropRepeats };
