// Sentences and clauses of an article, the units extraction reads.

export interface Clause {
  text: string;
  /** the rest of the sentence after this clause, where a list's verb may stand (刘建中,区领导…出席) */
  rest: string;
  /** the sentence before this clause, where a list's verb may have been announced (出席会议的还有：…) */
  before: string;
  /** the clauses of the sentence, and this one's place among them */
  parts: string[];
  index: number;
  /** the whole sentence, the clue a fact keeps */
  sentence: string;
}

// ASCII ? and ! are left out: in these pages they mark lost characters (????6月7日) more often than questions.
/** 。！？；; — compared as numbers: this test runs on every character of every page. */
const isSentenceEnd = (code: number) => code === 0x3002 || code === 0xff01 || code === 0xff1f || code === 0xff1b || code === 0x3b;
const NEWLINE = 10;
const CLAUSE_END = /(?<=[，,：:])/;

/**
 * The text cut after each sentence's end and at each line break, piece for piece as
 * `text.split(/(?<=[。！？；;])|\n/)` cuts it (a line break right after a sentence's end stays at the start of
 * the next piece), in one pass: the pattern's look-behind, tried at every character, was the costliest step
 * of reading a page's sentences.
 */
export function splitSentences(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isSentenceEnd(code)) {
      if (i + 1 < text.length) {
        pieces.push(text.slice(start, i + 1));
        start = i + 1;
      }
    } else if (code === NEWLINE && !(i === start && i > 0 && isSentenceEnd(text.charCodeAt(i - 1)))) {
      pieces.push(text.slice(start, i));
      start = i + 1;
    }
  }
  pieces.push(text.slice(start));
  return pieces;
}

export function sentencesOf(text: string): string[] {
  return splitSentences(text).map((s) => s.trim()).filter(Boolean);
}

export function clausesOf(text: string): Clause[] {
  const clauses: Clause[] = [];
  for (const sentence of sentencesOf(text)) {
    const parts = sentence.split(CLAUSE_END);
    // rest and before are slices of the sentence (cheap in V8), not joins of its parts
    let start = 0;
    parts.forEach((part, index) => {
      clauses.push({ text: part, rest: sentence.slice(start + part.length), before: sentence.slice(0, start), parts, index, sentence });
      start += part.length;
    });
  }
  return clauses;
}
