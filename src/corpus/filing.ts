import { themeOf } from "../lexicon/directive-themes.js";
import type { Record } from "../types.js";
import type { DirectiveRow, FacetRow } from "./backend.js";

// Where a page is filed: the date it is listed under, the regions and kinds search filters it by, and the
// theme of each directive it records.

/** The date a page is filed under: its meeting's, else its publication's, else its address's. */
export function filingDate(record: Record): string | null {
  return record.meeting?.date ?? record.published ?? record.source.url_date ?? null;
}

/** What search filters and groups a page by: the division's path then the jurisdiction, the code, the kinds. */
export function facetRowOf(id: number, cluster: number, record: Record): FacetRow {
  const meeting = record.meeting;
  const region = [...(meeting?.division?.path ?? []), meeting?.jurisdiction].filter((part): part is string => !!part);
  return { id, cluster, date: filingDate(record), region, code: meeting?.division?.code ?? null, kinds: meeting?.kinds ?? [] };
}

export function directiveRowsOf(record: Record): DirectiveRow[] {
  return (record.directives ?? []).map((item) => ({ speaker: item.speaker, text: item.text, theme: themeOf(item.text) }));
}
