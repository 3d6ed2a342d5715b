import { flatLines } from "../clean/flat-text.js";
import { dropGlosses, glossesIn } from "../clean/glosses.js";
import { reasonCatalogue } from "../lexicon/reasons.js";
import { foldQuery } from "../search/terms.js";
import type { GarbledSpan, Record, Removed } from "../types.js";
import type { RawLine, RawMark, RawView } from "./raw-types.js";

// The page as read, line by line, with what cleaning did to it, as the record tells it: each removed line
// with its reason at its own line number, each pinyin gloss dropped and each span of encoding damage at
// its place, markup taken out of a text capture at its place. Records stored before lines and spans carried
// places are placed by their text instead.

/** A line as cleaning compares it: glosses dropped, width and script folded, spaces gone (old records only). */
const keyOf = (line: string) => foldQuery(dropGlosses(line).text).replace(/\s+/g, "");

/** Damage left in the text (a run of '?': the characters are lost, nothing to put instead) is not removed. */
function isKeptDamage(span: GarbledSpan): boolean {
  return span.rule ? span.rule === "garbled.question-run" : /^\?+$/.test(span.text);
}

function garbledMark(span: GarbledSpan, start: number, end: number): RawMark {
  if (isKeptDamage(span)) return { start, end, kind: "kept", note: "乱码,原字符已丢失,保留在正文中" };
  return { start, end, kind: "garbled", note: span.repaired === null ? "乱码,无法修复,已删去" : `乱码,修复为"${span.repaired}"` };
}

/** Every place of a span's text in a line: how spans of old records, which carry no place, are found. */
function searchedMarks(span: GarbledSpan, text: string): RawMark[] {
  const marks: RawMark[] = [];
  for (let at = text.indexOf(span.text); span.text && at >= 0; at = text.indexOf(span.text, at + span.text.length)) {
    marks.push(garbledMark(span, at, at + span.text.length));
  }
  return marks;
}

/**
 * Records from the stage registry on (they count their stages) place every removed line, gloss and span;
 * older ones are searched for them, line by line, as the view did before.
 */
const isPlaced = (record: Record) => record.quality.stages !== undefined;

/** The marks the record places, by line number. */
function placedMarks(record: Record, lineCount: number): Map<number, RawMark[]> {
  const placed = new Map<number, RawMark[]>();
  // pushed, not copied: a glossed line holds hundreds of marks, and a copy per mark grew as their square
  const add = (n: number, mark: RawMark) => {
    if (n < 1 || n > lineCount) return;
    const marks = placed.get(n);
    if (marks) marks.push(mark);
    else placed.set(n, [mark]);
  };
  for (const span of record.quality.garbled) {
    if (span.line !== undefined && span.start !== undefined && span.end !== undefined) add(span.line, garbledMark(span, span.start, span.end));
  }
  for (const change of record.changes ?? []) {
    // the catalogue's reason for the rule (a rule a later huiyi added and this one does not know is shown by id)
    const kind = change.stage === "markup" ? "markup" : "gloss";
    const note = reasonCatalogue().get(change.rule) ?? change.rule;
    for (const [start, end] of change.spans) add(change.line, { start, end, kind, note });
  }
  return placed;
}

/** Marks found by searching a line: spans without a place inside their line, and, for old records, glosses. */
function searchedMarksOf(record: Record, text: string, n: number): RawMark[] {
  const glosses = isPlaced(record) ? [] : glossesIn(text).map(([start, end]): RawMark => ({ start, end, kind: "gloss", note: "拼音注音,已删去" }));
  const spans = record.quality.garbled.filter((span) => span.start === undefined && (span.line === undefined || span.line === n));
  return [...glosses, ...spans.flatMap((span) => searchedMarks(span, text))];
}

export function rawViewOf(raw: string, record: Record): RawView {
  // the lines as cleaning numbered them: its own cut of the page
  const texts = flatLines(raw);
  const removedAt = new Map<number, Removed>();
  const byText = new Map<string, Removed[]>();
  for (const item of record.removed) {
    if (item.n !== undefined && item.n >= 1 && item.n <= texts.length && !removedAt.has(item.n)) removedAt.set(item.n, item);
    else {
      const key = keyOf(item.line);
      const same = byText.get(key);
      if (same) same.push(item);
      else byText.set(key, [item]);
    }
  }
  const placed = placedMarks(record, texts.length);
  const lines: RawLine[] = [];
  texts.forEach((text, i) => {
    const n = i + 1;
    if (text.trim() === "" && lines.at(-1)?.text.trim() === "") return;
    const searched = !isPlaced(record) && text.trim() !== "" ? byText.get(keyOf(text))?.shift() : undefined;
    const removed = removedAt.get(n) ?? searched;
    const marks = [...(placed.get(n) ?? []), ...searchedMarksOf(record, text, n)].sort((a, b) => a.start - b.start);
    const line: RawLine = { n, text, removed: removed?.reason ?? null, marks };
    if (removed?.rule) line.rule = removed.rule;
    lines.push(line);
  });
  return { lines, elsewhere: [...byText.values()].flat() };
}
