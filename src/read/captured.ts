// When a page was captured, as one ISO 8601 time whatever the input wrote: a citation names the day the
// page was seen, which for a government page that is later edited or removed is part of the source.

/** The JSON-lines fields that carry the capture time, the first present wins (crawlers name it differently). */
export const JSONL_CAPTURE_FIELDS = ["captured", "fetched", "crawled_at", "crawl_time"] as const;

/**
 * A capture time as ISO 8601 (UTC), or null when the value is no time: a string a date parser reads
 * (2024-11-20T08:00:00Z, 2024-11-20 08:00:00, a WARC-Date, 20241120080000 as WARC/0.9 and CDX write it),
 * or seconds since 1970 (a number, as Unix crawlers write it; milliseconds when it is too large for seconds).
 */
export function captureTime(value: unknown): string | null {
  if (typeof value === "number") return Number.isFinite(value) && value > 0 ? isoOf(new Date(value < 1e11 ? value * 1000 : value)) : null;
  if (typeof value !== "string") return null;
  const text = value.trim();
  const compact = text.match(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/);
  if (compact) return isoOf(new Date(`${compact[1]}-${compact[2]}-${compact[3]}T${compact[4]}:${compact[5]}:${compact[6]}Z`));
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  return isoOf(new Date(text.replace(/^(\d{4}-\d{2}-\d{2}) (\d)/, "$1T$2")));
}

function isoOf(date: Date): string | null {
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The capture time a JSON line names, by the first of JSONL_CAPTURE_FIELDS it has. */
export function jsonLineCaptureTime(item: { [key: string]: unknown }): string | null {
  const field = JSONL_CAPTURE_FIELDS.find((key) => item[key] !== undefined && item[key] !== null);
  return field ? captureTime(item[field]) : null;
}
