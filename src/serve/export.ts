import type { FastifyReply } from "fastify";
import { Readable } from "node:stream";
import type { Appearance, DirectiveRequest, Filters, LedgerEntry, SearchRequest, Store, TrendSeries } from "../store/store.js";
import type { Record } from "../types.js";
import { exportLines, peopleField, type ExportFormat, type Table } from "./export-format.js";

// What each view exports, read a page at a time from the store and written as it is read: memory stays
// bounded however many rows an export has.

/** A search's export holds at most this many documents (one per cluster), as a search can be paged that far. */
export const SEARCH_EXPORT_LIMIT = 10000;
const SEARCH_PAGE = 100;
const LEDGER_PAGE = 100;

export interface ExportedDocument {
  id: number;
  cluster: number;
  record: Record;
}

export const DOCUMENT_TABLE: Table<ExportedDocument> = {
  headers: ["编号", "近似重复组", "标题", "发布日期", "会议", "会议日期", "地区", "区划代码", "区划", "会议类别", "人物", "来源网站", "网址", "采集时间", "文件", "正文"],
  row: ({ id, cluster, record }) => {
    const meeting = record.meeting;
    return [
      id,
      cluster,
      record.title,
      record.published,
      meeting?.name,
      meeting?.date,
      meeting?.jurisdiction,
      meeting?.division?.code,
      meeting?.division?.path.join("/"),
      meeting?.kinds?.join("、"),
      peopleField(record),
      record.source.site,
      record.source.url,
      record.source.captured,
      record.source.path,
      record.text,
    ];
  },
};
const documentJson = ({ id, cluster, record }: ExportedDocument) => ({ document: id, cluster, record });

/** A search's documents in the order the search shows them (one per cluster), with their records. */
export async function* searchDocuments(store: Store, request: Omit<SearchRequest, "limit" | "offset" | "facets">): AsyncGenerator<ExportedDocument> {
  for (let offset = 0; offset < SEARCH_EXPORT_LIMIT; offset += SEARCH_PAGE) {
    const { hits } = await store.search({ ...request, limit: Math.min(SEARCH_PAGE, SEARCH_EXPORT_LIMIT - offset), offset, facets: false });
    for (const hit of hits) {
      const stored = await store.document(hit.id);
      if (stored) yield { id: hit.id, cluster: stored.cluster, record: stored.record };
    }
    if (hits.length < SEARCH_PAGE) return;
  }
}

/** Every document that passes the filters (copies included, each with its cluster), in the order stored. */
export function filteredDocuments(store: Store, filters: Filters): AsyncIterable<ExportedDocument> {
  return store.records(filters);
}

export const APPEARANCE_TABLE: Table<Appearance> = {
  headers: ["文档编号", "日期", "会议", "地区", "职务", "角色"],
  row: (item) => [item.document, item.date, item.meeting, item.jurisdiction, item.posts.join("、"), item.roles.join("、")],
};

export interface TrendPoint {
  term: string;
  period: string;
  documents: number;
}

export const TREND_TABLE: Table<TrendPoint> = {
  headers: ["词语", "时期", "文档数"],
  row: (point) => [point.term, point.period, point.documents],
};

export function* trendPoints(series: TrendSeries[]): Generator<TrendPoint> {
  for (const one of series) for (const point of one.points) yield { term: one.term, ...point };
}

export const LEDGER_TABLE: Table<LedgerEntry> = {
  headers: ["指示编号", "文档编号", "标题", "日期", "地区", "讲话人", "指示", "主题", "跟进状态", "备注", "更新时间"],
  row: (entry) => [entry.id, entry.document, entry.title, entry.date, entry.jurisdiction, entry.speaker, entry.text, entry.theme, entry.status, entry.note, entry.updated],
};

/** The ledger's entries that pass the request's filters, a page at a time. */
export async function* ledgerEntries(store: Store, request: Omit<DirectiveRequest, "limit" | "offset">): AsyncGenerator<LedgerEntry> {
  for (let offset = 0; ; offset += LEDGER_PAGE) {
    const { entries } = await store.directives({ ...request, limit: LEDGER_PAGE, offset });
    yield* entries;
    if (entries.length < LEDGER_PAGE) return;
  }
}

/** Send an export as a download: named, typed by its format, streamed as its rows are read. */
export function sendExport<T>(reply: FastifyReply, name: string, format: ExportFormat, items: AsyncIterable<T> | Iterable<T>, table: Table<T>, json: (item: T) => unknown = (item) => item): FastifyReply {
  const source = Symbol.asyncIterator in items ? items : (async function* () { yield* items as Iterable<T>; })();
  return reply
    .header("content-type", format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8")
    .header("content-disposition", `attachment; filename="huiyi-${name}.${format}"`)
    .header("cache-control", "no-store")
    .send(Readable.from(exportLines(source as AsyncIterable<T>, format, table, json)));
}

export { documentJson };
