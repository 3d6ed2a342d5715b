import { FOLLOW_UP_STATUSES } from "../../src/store/store";
import type {
  Companion,
  DocumentSummary,
  LedgerEntry,
  PersonIndexEntry,
  PersonTimeline,
  RegionOverview,
  SearchResult,
  Stats,
  StoredDocument,
  TrendSeries,
  FollowUpStatus,
} from "../../src/store/store";
import type { RawView } from "../../src/serve/raw-types";
import type { Person } from "../../src/types";

// The huiyi HTTP API, typed with the store's own types (see /api/openapi.json).

export type { RawView };
export type { Companion, DocumentSummary, LedgerEntry, PersonIndexEntry, PersonTimeline, RegionOverview, SearchResult, Stats, TrendSeries, FollowUpStatus };
export const STATUSES: readonly FollowUpStatus[] = FOLLOW_UP_STATUSES;

export interface DocumentPage extends StoredDocument {
  people: (Person & { id: number | null })[];
}

export interface PersonPage extends PersonTimeline {
  /** where their post is, else their meetings' place */
  place: PersonIndexEntry["place"];
  /** the other persons of this name, each with what tells them apart */
  namesakes: PersonIndexEntry[];
  namesakesTotal: number;
  posts: { post: string; first: string | null; last: string | null; appearances: number }[];
  companions: Companion[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A query string of the parameters that have a value. */
export function queryOf(params: { [key: string]: string | number | undefined | null }): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, "无法连接服务器");
  }
  const body = await response.json().catch(() => ({ error: `服务器返回了无法读取的内容(${response.status})` }));
  if (!response.ok) throw new ApiError(response.status, (body as { error?: string }).error ?? `请求失败(${response.status})`);
  return body as T;
}

export const api = {
  search: (params: { q?: string; region?: string; person?: string; personId?: number; kind?: string; from?: string; to?: string; sort?: "relevance" | "date"; limit?: number; offset?: number }) =>
    call<SearchResult>(`/api/search${queryOf(params)}`),
  document: (id: number) => call<DocumentPage>(`/api/documents/${id}`),
  raw: (id: number) => call<RawView>(`/api/documents/${id}/raw`),
  persons: (name: string) => call<{ persons: PersonTimeline[] }>(`/api/persons${queryOf({ name })}`),
  personIndex: (params: { q?: string; limit?: number; offset?: number }) => call<{ total: number; persons: PersonIndexEntry[] }>(`/api/persons${queryOf(params)}`),
  person: (id: number) => call<PersonPage>(`/api/persons/${id}`),
  region: (name: string) => call<RegionOverview>(`/api/regions/${encodeURIComponent(name)}`),
  trends: (params: { terms: string; region?: string; from?: string; to?: string; by: "month" | "year" }) =>
    call<{ by: string; series: TrendSeries[] }>(`/api/trends${queryOf(params)}`),
  directives: (params: { region?: string; speaker?: string; theme?: string; status?: string; from?: string; to?: string; limit?: number; offset?: number }) =>
    call<{ total: number; entries: LedgerEntry[] }>(`/api/directives${queryOf(params)}`),
  followUp: (id: number, status: FollowUpStatus, note: string, token: string) =>
    call<LedgerEntry>(`/api/directives/${id}`, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ status, note }),
    }),
  stats: () => call<Stats>("/api/stats"),
  permalink: (key: string) => call<{ id: number }>(`/api/permalinks/${encodeURIComponent(key)}`),
};

export type ExportView = "search" | "person" | "region" | "trends" | "directives";

/** The address of a view's export (see /api/export/*), with the view's own filters. */
export function exportHref(view: ExportView, format: "csv" | "jsonl", params: { [key: string]: string | number | undefined | null } = {}, name?: string | number): string {
  const path = view === "person" ? `persons/${name}` : view === "region" ? `regions/${encodeURIComponent(String(name))}` : view;
  return `/api/export/${path}${queryOf({ ...params, format })}`;
};
