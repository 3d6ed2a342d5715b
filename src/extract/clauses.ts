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
const SENTENCE_END = /(?<=[。！？；;])|\n/;
const CLAUSE_END = /(?<=[，,：:])/;

export function sentencesOf(text: string): string[] {
  return text.split(SENTENCE_END).map((s) => s.trim()).filter(Boolean);
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
