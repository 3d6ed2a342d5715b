import type { Record } from "../types.js";

// Rows for export: CSV as spreadsheet programs read it (RFC 4180, UTF-8 with a byte-order mark) and JSON
// lines. One row is made at a time, so an export of any size is written as it is read.

export type ExportFormat = "csv" | "jsonl";
export const EXPORT_FORMATS = ["csv", "jsonl"] as const;

/** The byte-order mark that makes Excel read a CSV file's Chinese as UTF-8. */
export const BOM = "\ufeff";

/**
 * Text a spreadsheet would run as a formula when it opens the file (OWASP, "CSV Injection"): a cell that
 * starts with =, +, - or @, or with a tab or carriage return before one of them.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. Text that a spreadsheet
 * would take for a formula (a page's words can be anything) is kept as text by a leading apostrophe, as OWASP
 * advises; numbers the program itself wrote (a count, an id) are left as they are. JSON lines need no guard.
 */
export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? "" : typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: (string | number | null | undefined)[]): string {
  return fields.map(csvField).join(",") + "\r\n";
}

/** A record's people in one field: 姓名(职务)[角色], separated by semicolons. */
export function peopleField(record: Record): string {
  return record.people
    .map((person) => `${person.name}${person.posts.length ? `(${person.posts.join("、")})` : ""}${person.roles.length ? `[${person.roles.join("、")}]` : ""}`)
    .join(";");
}

/** A table to export: its columns' headers and how one item becomes a row. */
export interface Table<T> {
  headers: string[];
  row: (item: T) => (string | number | null | undefined)[];
}

/** The export's lines: the CSV's header first (after the BOM), then a row an item; or one JSON object a line. */
export async function* exportLines<T>(items: AsyncIterable<T>, format: ExportFormat, table: Table<T>, json: (item: T) => unknown): AsyncGenerator<string> {
  if (format === "csv") yield BOM + csvLine(table.headers);
  for await (const item of items) yield format === "csv" ? csvLine(table.row(item)) : JSON.stringify(json(item)) + "\n";
}
