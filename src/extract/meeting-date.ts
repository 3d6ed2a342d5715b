import { isoDate } from "../clean/dates.js";
import { datedEvents } from "../lexicon/extract-lexicons.js";
import type { Record } from "../types.js";
import { sentencesOf } from "./clauses.js";

// The day a meeting was held. Reports give month and day (7月23日) and leave the year to the reader:
// it comes from an explicit year, the publication date, a date in the address, or an event the text names.

const MONTH_DAY = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日/;
const RELATIVE: [RegExp, number][] = [
  [/今天|今日/, 0],
  [/昨天|昨日/, -1],
];

function shift(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The year of a month-day seen on a page dated `reference`: a December meeting on a January page is last year's. */
function yearNear(reference: string, month: number): number {
  const [year, refMonth] = [Number(reference.slice(0, 4)), Number(reference.slice(5, 7))];
  return month - refMonth > 6 ? year - 1 : year;
}

/** A year the same sentence names (天衢新区2023年第一季度…推进会议): the meeting's year when nothing else dates it. */
function yearInSentence(sentence: string): number | null {
  const m = sentence.match(/((?:19|20)\d{2})年/);
  return m ? Number(m[1]) : null;
}

function yearFromEvents(text: string): number | null {
  for (const { pattern, year } of datedEvents()) if (pattern.test(text)) return year;
  return null;
}

export function meetingDate(clue: string, record: Record): string | null {
  const reference = record.published ?? record.source.url_date ?? null;
  for (const sentence of [clue, ...sentencesOf(record.text).slice(0, 4)]) {
    const m = sentence.match(MONTH_DAY);
    if (m) {
      const [month, day] = [Number(m[2]), Number(m[3])];
      const year = m[1] ? Number(m[1]) : reference ? yearNear(reference, month) : (yearInSentence(sentence) ?? yearFromEvents(record.text));
      return year ? isoDate(year, month, day) : null;
    }
    if (record.published) {
      for (const [pattern, days] of RELATIVE) if (pattern.test(sentence)) return shift(record.published, days);
    }
  }
  return null;
}
