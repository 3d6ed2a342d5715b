import { matchesOf } from "../matches.js";

// Calendar dates as pages and addresses print them, read into ISO form.

const pad = (n: number) => String(n).padStart(2, "0");

export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1949 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days ? `${year}-${pad(month)}-${pad(day)}` : null;
}

const PRINTED_DATES: { pattern: RegExp; order: "ymd" | "dmy" }[] = [
  { pattern: /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)/g, order: "ymd" },
  { pattern: /(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)/g, order: "dmy" },
];

/** The first calendar date printed in a line: 2021-07-26, 2021/7/26, 2021年7月26日, 21.12.2015. */
export function findPrintedDate(text: string): string | null {
  let best: { at: number; date: string } | null = null;
  for (const { pattern, order } of PRINTED_DATES) {
    for (const m of matchesOf(pattern, text)) {
      const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const date = order === "ymd" ? isoDate(a, b, c) : isoDate(c, b, a);
      if (date && (!best || m.index! < best.at)) best = { at: m.index!, date };
    }
  }
  return best?.date ?? null;
}

/** A date in a page address: /2021-06-07/, /t20241120_…, /202601/t20260109…, /2022/1011/, 2013052817051596556.htm */
export function findUrlDate(url: string | null): string | null {
  if (!url) return null;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    path = url;
  }
  const separated = path.match(/(?<!\d)((?:19|20)\d{2})[-/_.](\d{1,2})[-/_.](\d{1,2})(?!\d)/);
  if (separated) {
    const date = isoDate(+separated[1]!, +separated[2]!, +separated[3]!);
    if (date) return date;
  }
  const yearThenMonthDay = path.match(/(?<!\d)((?:19|20)\d{2})\/(\d{2})(\d{2})(?!\d)/);
  if (yearThenMonthDay) {
    const date = isoDate(+yearThenMonthDay[1]!, +yearThenMonthDay[2]!, +yearThenMonthDay[3]!);
    if (date) return date;
  }
  for (const m of matchesOf(/(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})/g, path)) {
    const date = isoDate(+m[1]!, +m[2]!, +m[3]!);
    if (date) return date;
  }
  return null;
}
