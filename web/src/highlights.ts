import type { Record } from "../../src/types";

export type Mark = [number, number, string];

const DATES = /\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日/g;
const FIGURES = /\d+(?:\.\d+)?(?:个百分点|万平方米|亿元|万元|万吨|万人|%|％)/g;

/** Every occurrence of each word, as marks of one kind. */
function occurrences(text: string, words: (string | null | undefined)[], kind: string): Mark[] {
  const marks: Mark[] = [];
  for (const word of new Set(words.filter((w): w is string => !!w && w.length >= 2))) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) marks.push([at, at + word.length, kind]);
  }
  return marks;
}

/**
 * The facts of a record marked in its text: people, posts, places, dates and figures. Where marks overlap,
 * the one starting first (then the longer) is kept.
 */
export function highlightsOf(record: Record): Mark[] {
  const { text } = record;
  const meeting = record.meeting;
  const candidates: Mark[] = [
    ...occurrences(text, record.people.map((p) => p.name), "person"),
    ...occurrences(text, record.people.flatMap((p) => p.posts), "post"),
    ...occurrences(text, [meeting?.jurisdiction, ...(meeting?.division?.path ?? []), ...(record.projects ?? []).map((p) => p.place)], "place"),
    ...[...text.matchAll(DATES)].map((m): Mark => [m.index!, m.index! + m[0].length, "date"]),
    ...[...text.matchAll(FIGURES)].map((m): Mark => [m.index!, m.index! + m[0].length, "figure"]),
  ].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const kept: Mark[] = [];
  for (const mark of candidates) if (!kept.length || mark[0] >= kept[kept.length - 1]![1]) kept.push(mark);
  return kept;
}
