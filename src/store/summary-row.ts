import type { DocumentSummary } from "./store.js";

// A document's summary as both backends store it: the same columns of the documents table (aliased d) in
// SQLite and in PostgreSQL, read back into the summary the corpus hands out.

export interface DocumentRow {
  id: number;
  title: string | null;
  date: string | null;
  site: string | null;
  url: string | null;
  path: string | null;
  meeting: string | null;
  jurisdiction: string | null;
  division_path: string | null;
}

export const SUMMARY_COLUMNS = "d.id, d.title, d.date, d.site, d.url, d.path, d.meeting, d.jurisdiction, d.division_path";

export function summaryOf(row: DocumentRow): DocumentSummary {
  return {
    id: row.id,
    title: row.title,
    date: row.date,
    site: row.site,
    url: row.url,
    path: row.path,
    meeting: row.meeting,
    jurisdiction: row.jurisdiction,
    divisionPath: row.division_path ? row.division_path.split("/") : null,
  };
}
