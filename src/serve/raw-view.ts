import { dropGlosses, glossesIn } from "../clean/glosses.js";
import { foldQuery } from "../search/terms.js";
import type { Record, Removed } from "../types.js";
import type { RawLine, RawMark, RawView } from "./raw-types.js";

// The page as read, line by line, with what cleaning did to it: each removed line and its reason, each
// pinyin gloss dropped, each span of encoding damage and its repair.

/** A line as cleaning compares it: glosses dropped, width and script folded, spaces gone. */
const keyOf = (line: string) => foldQuery(dropGlosses(line).text).replace(/\s+/g, "");

export function rawViewOf(raw: string, record: Record): RawView {
  const reasons = new Map<string, Removed[]>();
  for (const item of record.removed) {
    const key = keyOf(item.line);
    reasons.set(key, [...(reasons.get(key) ?? []), item]);
  }
  const lines: RawLine[] = [];
  for (const text of raw.split(/\r?\n/)) {
    if (text.trim() === "" && lines.at(-1)?.text.trim() === "") continue;
    const removed = text.trim() === "" ? undefined : reasons.get(keyOf(text))?.shift();
    const marks: RawMark[] = glossesIn(text).map(([start, end]) => ({ start, end, kind: "gloss", note: "拼音注音,已删去" }));
    for (const span of record.quality.garbled) {
      for (let at = text.indexOf(span.text); span.text && at >= 0; at = text.indexOf(span.text, at + span.text.length)) {
        marks.push({ start: at, end: at + span.text.length, kind: "garbled", note: span.repaired === null ? "乱码,无法修复,已删去" : `乱码,修复为"${span.repaired}"` });
      }
    }
    lines.push({ text, removed: removed?.reason ?? null, marks: marks.sort((a, b) => a.start - b.start) });
  }
  return { lines, elsewhere: [...reasons.values()].flat() };
}
