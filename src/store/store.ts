import type { Snippet } from "../search/snippet.js";
import type { Record, Role } from "../types.js";

// What the commands and the HTTP API ask of a corpus store. Every method answers with a promise, so a store
// on a server (PostgreSQL) can stand in for the embedded SQLite file without changing callers. The one
// implementation is the corpus layer (src/corpus/corpus.ts) over a backend; open one with openStore.

/** A page ready to store: its record, and what the workers computed for near-duplicates and search. */
export interface PreparedPage {
  /** the page as read (address + text) hashed: the same page again is not stored twice */
  pageKey: string;
  record: Record;
  /** the record without its text and removed lines (stored apart), as deflated JSON: packed by the workers */
  packedRecord: Uint8Array;
  signature: Uint32Array;
  /** the page's text as read, deflated */
  packedRaw: Uint8Array;
  /**
   * title and text as the search token stream (src/search/terms.ts: overlapping character pairs, other
   * words lowercased), space-separated: no backend's syntax, each backend indexes it its own way
   */
  titleTokens: string;
  bodyTokens: string;
  /** title and text as their distinct Chinese characters, space-separated (what one-character queries look up) */
  titleCharacters: string;
  bodyCharacters: string;
}

export interface AddResult {
  stored: number;
  /** pages skipped because they were stored before */
  known: number;
  /** pages stored as a copy of a report already stored (their cluster has an earlier page) */
  nearDuplicates: number;
}

export interface Filters {
  /** a province, city or county: matches the meeting's jurisdiction or any level of its division */
  region?: string;
  /** a person's name among the page's people */
  person?: string;
  /** one person (by id) among the page's people: a namesake's pages are not theirs */
  personId?: number;
  /** a meeting kind (常委会, 经济运行 …) */
  kind?: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD, on the meeting's date (else the publication date) */
  from?: string;
  to?: string;
}

export interface SearchRequest extends Filters {
  /** the query language of src/search/query.ts; empty lists the documents that pass the filters, newest first */
  query: string;
  limit?: number;
  offset?: number;
  /** count the matches by region, year, meeting kind and person as well */
  facets?: boolean;
  /** relevance (BM25, the default) or date: newest first by the date each page is filed under */
  sort?: SearchSort;
}

export const SEARCH_SORTS = ["relevance", "date"] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
export const isSearchSort = (value: string): value is SearchSort => (SEARCH_SORTS as readonly string[]).includes(value);

export interface FacetCount {
  value: string;
  count: number;
  /** the person counted, in the person facet: namesakes are counted apart */
  id?: number;
}

/**
 * Matches counted (one per cluster) by the next level of region below the region filter (provinces when
 * there is none), by year, by meeting kind, and by the people of the best-ranked matches.
 */
export interface SearchFacets {
  regions: FacetCount[];
  years: FacetCount[];
  /** matches (one per cluster) with no date to file under a year: the year facet's counts plus these make the total */
  undated: number;
  kinds: FacetCount[];
  persons: FacetCount[];
}

export interface DocumentSummary {
  id: number;
  title: string | null;
  date: string | null;
  site: string | null;
  url: string | null;
  path: string | null;
  meeting: string | null;
  jurisdiction: string | null;
  divisionPath: string[] | null;
  /** set when `title` was not read from the page but made from the meeting's name or the text's first line */
  titleDerived?: TitleDerivation;
}

export type TitleDerivation = "meeting" | "first-line";

export interface SearchHit extends DocumentSummary {
  score: number;
  snippet: Snippet;
  /** the other pages of this page's near-duplicate cluster */
  copies: DocumentSummary[];
}

export interface SearchResult {
  /** clusters that match: each is shown once */
  total: number;
  /**
   * true when the query matched more documents than are ranked: hits are then the best of the most
   * recently stored matches, and total counts matching documents (copies included)
   */
  estimated: boolean;
  hits: SearchHit[];
  terms: string[];
  facets?: SearchFacets;
}

export interface StoredDocument {
  summary: DocumentSummary;
  record: Record;
  cluster: number;
  copies: DocumentSummary[];
  /** the person each of the record's people was recognised as, in the record's order */
  personIds: number[];
  /** the page's key, which names it in a permalink (/p/KEY) across re-ingests */
  pageKey: string | null;
}

export interface Appearance {
  document: number;
  /** the document's near-duplicate cluster: a person's reposted meeting is one appearance */
  cluster: number;
  /** the cluster's other documents naming the person (reposts of this appearance) */
  reposts?: number[];
  date: string | null;
  meeting: string | null;
  jurisdiction: string | null;
  posts: string[];
  roles: Role[];
}

export interface PersonTimeline {
  id: number;
  name: string;
  region: string | null;
  appearances: Appearance[];
}

/** A person's timeline with where their post places them and the other persons of their name. */
export interface PersonPage extends PersonTimeline {
  place: PersonIndexEntry["place"];
  namesakes: PersonIndexEntry[];
  /** all the other persons of the name (the list stops at fifty) */
  namesakesTotal: number;
}

/** A person in the index or among a person's namesakes: what tells them apart from others of their name. */
export interface PersonIndexEntry {
  id: number;
  name: string;
  /** where their post is (衡水市委书记 → 衡水市), else the jurisdiction of their meetings; and which of the two said so */
  place: { name: string; code: string | null; by: "职务" | "会议地点" } | null;
  /** the divisions of the meetings they were seen at */
  places: string[];
  posts: string[];
  /** documents they appear in, one per near-duplicate cluster */
  documents: number;
  first: string | null;
  last: string | null;
}

/** Someone seen at the same meetings as a person. */
export interface Companion {
  id: number;
  name: string;
  /** documents where both appear */
  documents: number;
}

/** A region's meetings over time, its people and what was asked of it. */
export interface RegionOverview {
  name: string;
  /** the regions above it, from the province down */
  parents: string[];
  /** documents counted once per near-duplicate cluster, dated or not */
  documents: number;
  /** of those, the ones with no date (not in `months`) */
  undated: number;
  months: { month: string; documents: number }[];
  /** the regions one level down, with their documents */
  children: { name: string; documents: number }[];
  /** documents below the region placed only by a bare level word (县, 区 …), which names no region */
  unplaced: { documents: number; words: string[]; reason: string } | null;
  people: { id: number; name: string; documents: number }[];
  themes: { theme: string; directives: number }[];
}

export interface TrendRequest {
  terms: string[];
  region?: string;
  from?: string;
  to?: string;
  by: "month" | "year";
}

/** Documents (one per cluster) that hold a term, per month or year. */
export interface TrendSeries {
  term: string;
  /** documents counted once per cluster: the sum of the points and `undated` */
  total: number;
  /** documents with no date (or none fine enough for the period), in no point */
  undated: number;
  /** documents with the term, all documents of the period (with or without it), and the first over the second */
  points: { period: string; documents: number; all: number; share: number }[];
}

export const FOLLOW_UP_STATUSES = ["未跟进", "落实中", "已落实"] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export interface DirectiveRequest {
  region?: string;
  speaker?: string;
  theme?: string;
  status?: FollowUpStatus;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

/** A directive in the ledger, with the follow-up users gave it. */
export interface LedgerEntry {
  id: number;
  document: number;
  title: string | null;
  date: string | null;
  jurisdiction: string | null;
  speaker: string | null;
  text: string;
  theme: string | null;
  status: FollowUpStatus;
  note: string;
  /** when the follow-up was last set; null when never */
  updated: string | null;
}

export interface Stats {
  schemaVersion: number;
  documents: number;
  clusters: number;
  meetings: number;
  persons: number;
  appearances: number;
  directives: number;
  firstDate: string | null;
  lastDate: string | null;
  scripts: { [script: string]: number };
  regions: { name: string; documents: number }[];
  kinds: { name: string; documents: number }[];
  bytes: number;
}

/**
 * Adds pages over several calls and stores them together (all or nothing) at each commit: writing many
 * pages at once is far cheaper, and adding them as they come keeps the writer from holding up the rest.
 */
export interface Writer {
  /** add pages, clustering near-duplicates and following people; an error abandons everything uncommitted */
  add(pages: PreparedPage[]): Promise<AddResult>;
  commit(): Promise<void>;
  /** forget everything added since the last commit */
  abandon(): Promise<void>;
}

export interface WriterOptions {
  /** told once when the writer first finds another program writing the corpus, and waits for it */
  onWait?: () => void;
}

export interface Store {
  /** which of these page keys are stored already */
  known(pageKeys: string[]): Promise<Set<string>>;
  /**
   * The one writer of this store. Other programs may write the same corpus meanwhile: the writer waits its
   * turn for each transaction and sees what they stored.
   */
  writer(options?: WriterOptions): Writer;
  search(request: SearchRequest): Promise<SearchResult>;
  document(id: number): Promise<StoredDocument | null>;
  /** the page's text as read; null when there is no such document or it was stored without it */
  rawText(id: number): Promise<string | null>;
  /** the document a permalink names, by its page key (stable across re-ingest of the same page) */
  documentByPageKey(key: string): Promise<number | null>;
  /** every stored record that passes the filters, in the order stored */
  records(filters: Filters): AsyncIterable<{ record: Record; id: number; cluster: number }>;
  persons(name: string): Promise<PersonTimeline[]>;
  person(id: number): Promise<PersonPage | null>;
  /** persons whose name holds `q` (everyone when empty), most documents first */
  personIndex(q: string, limit: number, offset: number): Promise<{ total: number; persons: PersonIndexEntry[] }>;
  /** the people seen most often in the same documents as this one */
  companions(id: number, limit: number): Promise<Companion[]>;
  region(name: string): Promise<RegionOverview | null>;
  trends(request: TrendRequest): Promise<TrendSeries[]>;
  directives(request: DirectiveRequest): Promise<{ total: number; entries: LedgerEntry[] }>;
  /**
   * set a directive's follow-up; null when there is no such directive. `updated` (ISO time) keeps the time
   * it was set elsewhere (a corpus copied); by default it is now
   */
  followUp(id: number, status: FollowUpStatus, note: string, updated?: string): Promise<LedgerEntry | null>;
  stats(): Promise<Stats>;
  close(): Promise<void>;
}
