import { isoDate } from "../clean/dates.js";
import { datedEvents } from "../lexicon/extract-lexicons.js";
import type { Record } from "../types.js";
import { sentencesOf } from "./clauses.js";
import { matchesOf } from "../matches.js";

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

/**
 * A year the same sentence names (天衢新区2023年第一季度…推进会议): the meeting's year when nothing else
 * dates it; a past year's review held early in the next (1月16日…2025年度…述职评议会议) is a year later.
 */
function yearInSentence(sentence: string, month: number): number | null {
  const m = sentence.match(/((?:19|20)\d{2})年(度)?/);
  if (!m) return null;
  return Number(m[1]) + (m[2] && month <= 2 ? 1 : 0);
}

const PLANNING = /(谋划|计划|安排|部署|打算|思路|目标|预算|草案|明年)/;

/**
 * The last clue: the latest year the report mentions. A meeting late in the year plans the next one
 * (12月…谋划实施好2020年政协工作): when that year is named in planning words, or the year before it is
 * named too, the meeting is the year before.
 */
function yearFromMentions(text: string, month: number): number | null {
  const mentions = matchesOf(/((?:19|20)\d{2})年/g, text).map((m) => ({ year: Number(m[1]), at: m.index! }));
  if (mentions.length === 0) return null;
  const latest = Math.max(...mentions.map((m) => m.year));
  if (month < 11) return latest;
  const planned = mentions.some((m) => m.year === latest && PLANNING.test(text.slice(Math.max(0, m.at - 10), m.at + 16)));
  const previousNamed = mentions.some((m) => m.year === latest - 1);
  return planned || previousNamed ? latest - 1 : latest;
}

/** Year and month in an address (…/201604/…): enough to place a month and day. */
function urlMonth(url: string | null): string | null {
  const m = url?.match(/(?<!\d)((?:19|20)\d{2})[-/_]?(0[1-9]|1[0-2])(?=\/|_|-)/);
  return m ? `${m[1]}-${m[2]}-01` : null;
}

function yearFromEvents(text: string): number | null {
  for (const { pattern, year } of datedEvents()) if (pattern.test(text)) return year;
  return null;
}

export function meetingDate(clue: string, record: Record): string | null {
  const reference = record.published ?? record.source.url_date ?? urlMonth(record.source.url);
  for (const sentence of [clue, ...sentencesOf(record.text).slice(0, 4)]) {
    const m = sentence.match(MONTH_DAY);
    if (m) {
      const [month, day] = [Number(m[2]), Number(m[3])];
      const year = m[1] ? Number(m[1]) : reference ? yearNear(reference, month) : (yearInSentence(sentence, month) ?? yearFromEvents(record.text) ?? yearFromMentions(record.text, month));
      return year ? isoDate(year, month, day) : null;
    }
    if (record.published) {
      for (const [pattern, days] of RELATIVE) if (pattern.test(sentence)) return shift(record.published, days);
    }
  }
  return null;
}
