import { isoDate } from "../clean/dates.js";
import { anniversaries, datedEvents } from "../lexicon/extract-lexicons.js";
import type { Record } from "../types.js";
import { openingSentences } from "./meeting-name.js";
import { matchesOf } from "../matches.js";

// The day a meeting was held. Reports give month and day (7月23日), or the day alone (3日下午), or a day
// relative to the page's (昨天) and leave the rest to the reader: it comes from an explicit year, the
// publication date, a date in the address or on the page's source line, or an event the text names.

const MONTH_DAY = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日/;
/** The day alone opening a clause (3日下午,…): of the reference's month. */
const DAY_ONLY = /(?:^|[,，\s])(\d{1,2})日(?:上午|下午|晚上|晚|早上|凌晨)?[,，]/;
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

/** Year and month in an address: …/201604/…, …/2016-04/…, …/2014n/6y/… */
function urlMonth(url: string | null): string | null {
  const m = url?.match(/(?<!\d)((?:19|20)\d{2})n?[-/_]?(0[1-9]|1[0-2]|[1-9](?=y))y?(?=\/|_|-)/);
  return m ? `${m[1]}-${m[2]!.padStart(2, "0")}-01` : null;
}

/** A year alone as a folder of the address: …/html/2011/ponews_0225/… */
function urlYear(url: string | null): number | null {
  const m = url?.match(/\/((?:19|20)\d{2})\//);
  return m ? Number(m[1]) : null;
}

/** A full date on the page's opening lines (…上游新闻 2022-05-31 21:10): the page's own date when the header gave none. */
function openingDate(text: string): string | null {
  const m = text.slice(0, 300).match(/(?<!\d)((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})(?!\d)/);
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

function yearFromEvents(text: string): number | null {
  for (const { pattern, year } of datedEvents()) if (pattern.test(text)) return year;
  const { pattern, foundedBy } = anniversaries();
  const m = text.match(pattern);
  const years = m ? numberOf(m[2]!) : null;
  return m && years ? foundedBy.get(m[1]!)! + years : null;
}

const DIGITS = "零一二三四五六七八九";

/** 98, 九十八, 一百, 百: the numbers an anniversary is counted in. */
function numberOf(written: string): number | null {
  if (/^\d+$/.test(written)) return Number(written);
  let total = 0;
  let digit = 0;
  for (const char of written.replace(/〇/g, "零")) {
    const value = DIGITS.indexOf(char);
    if (value >= 0) digit = value;
    else if (char === "十") (total += (digit || 1) * 10), (digit = 0);
    else if (char === "百") (total += (digit || 1) * 100), (digit = 0);
  }
  total += digit;
  return total > 0 ? total : null;
}

/** The day alone, with the month (and year) of the reference; a day after the reference's is of the month before. */
function dayOfReference(day: number, reference: string): string | null {
  const [year, month, refDay] = [Number(reference.slice(0, 4)), Number(reference.slice(5, 7)), Number(reference.slice(8, 10))];
  if (day > refDay && refDay !== 1) return month === 1 ? isoDate(year - 1, 12, day) : isoDate(year, month - 1, day);
  return isoDate(year, month, day);
}

/** A day and the rule that read it (meeting.date.month-day, ….day-alone, ….relative). */
export interface Dated {
  date: string;
  rule: string;
}

export function meetingDate(clue: string, record: Record): Dated | null {
  // a page's own day: what 昨天 counts from
  const day = record.published ?? record.source.url_date ?? openingDate(record.text);
  const reference = day ?? urlMonth(record.source.url);
  for (const sentence of [clue, ...openingSentences(record.text, 4)]) {
    const m = sentence.match(MONTH_DAY);
    if (m) {
      const [month, dayOfMonth] = [Number(m[2]), Number(m[3])];
      const year = m[1]
        ? Number(m[1])
        : reference
          ? yearNear(reference, month)
          : (yearInSentence(sentence, month) ?? urlYear(record.source.url) ?? yearFromEvents(record.text) ?? yearFromMentions(record.text, month));
      const date = year ? isoDate(year, month, dayOfMonth) : null;
      return date ? { date, rule: "meeting.date.month-day" } : null;
    }
    const alone = sentence.match(DAY_ONLY);
    const dayAlone = alone && reference ? dayOfReference(Number(alone[1]), reference) : null;
    if (dayAlone) return { date: dayAlone, rule: "meeting.date.day-alone" };
    if (day) {
      for (const [pattern, days] of RELATIVE) if (pattern.test(sentence)) return { date: shift(day, days), rule: "meeting.date.relative" };
    }
  }
  return null;
}
