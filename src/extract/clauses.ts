// Sentences and clauses of an article, the units extraction reads.

export interface Clause {
  text: string;
  /** the rest of the sentence after this clause, where a list's verb may stand (刘建中,区领导…出席) */
  rest: string;
  /** the sentence before this clause, where a list's verb may have been announced (出席会议的还有：…) */
  before: string;
  /** the clauses after this one in the sentence */
  after: string[];
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
    parts.forEach((part, i) => clauses.push({ text: part, rest: parts.slice(i + 1).join(""), before: parts.slice(0, i).join(""), after: parts.slice(i + 1), sentence }));
  }
  return clauses;
}
