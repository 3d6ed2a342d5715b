// The date filters every surface takes (CLI --from/--to, the API's from/to, the web app's inputs): YYYY,
// YYYY-MM or YYYY-MM-DD naming a day that exists, the start not after the end. One checker, so the three
// refuse the same dates with the same words.

const FORM = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Days in a month of the Gregorian calendar (month 1–12). */
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Why a date filter is refused, in Chinese, naming it as `label`; null when it names a real year, month or day. */
export function dateProblem(value: string, label: string): string | null {
  const form = FORM.exec(value);
  if (!form) return `${label} 需要 YYYY、YYYY-MM 或 YYYY-MM-DD 形式的日期,收到 "${value}"`;
  const [year, month, day] = [Number(form[1]), form[2] === undefined ? null : Number(form[2]), form[3] === undefined ? null : Number(form[3])];
  if (month !== null && (month < 1 || month > 12)) return `${label} 的日期不存在:"${value}"(月份须在 01 到 12 之间)`;
  if (month !== null && day !== null && (day < 1 || day > daysIn(year, month)))
    return `${label} 的日期不存在:"${value}"(${year} 年 ${month} 月只有 ${daysIn(year, month)} 天)`;
  return null;
}

/**
 * Why a from/to pair is refused, or null. A start after the end is refused rather than answered with nothing:
 * it is a slip, and an empty answer would hide it. A shorter date covers its whole period, so from 2021-05-03
 * to 2021-05 is a range (the end is the month's end).
 */
export function dateRangeProblem(from: string | undefined, to: string | undefined, label: (key: "from" | "to") => string): string | null {
  for (const [key, value] of [["from", from], ["to", to]] as const) {
    const problem = value === undefined ? null : dateProblem(value, label(key));
    if (problem) return problem;
  }
  if (from !== undefined && to !== undefined && from > to && !from.startsWith(to)) return `起始日期 ${from} 晚于截止日期 ${to}`;
  return null;
}
