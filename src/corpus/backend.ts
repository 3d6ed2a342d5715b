import type { QueryTree } from "../search/query.js";
import type { Record } from "../types.js";
import type {
  Appearance,
  DirectiveRequest,
  DocumentSummary,
  FacetCount,
  Filters,
  FollowUpStatus,
  LedgerEntry,
  PreparedPage,
  Stats,
} from "../store/store.js";
import type { Profile } from "./person-match.js";

// The persistence port: what the corpus layer (src/corpus/corpus.ts) asks of a database. A backend stores
// and finds; it decides nothing about what the corpus means (which cluster a page joins, which person a
// name is, a page's filing date, one hit per cluster): those arrive decided, or are decided above from
// what it returns. Every method is async and takes a whole batch, so that a server database answers a
// batch of pages in a few round trips; no query syntax crosses the port, only query trees.

/** A page to store, with the date it is filed under (decided above). */
export interface PageToStore {
  page: PreparedPage;
  date: string | null;
}

/** A stored page as near-duplicate filing compares it: its MinHash signature and its cluster. */
export interface FiledPage {
  signature: Uint32Array;
  cluster: number;
}

/** What search filters and groups a page by: decided above, stored as the backend likes. */
export interface FacetRow {
  id: number;
  cluster: number;
  date: string | null;
  /** the division's path from the province down, then the meeting's jurisdiction */
  region: string[];
  code: string | null;
  kinds: string[];
}

export interface AppearanceRow {
  /** a stored person's id, or a person this batch adds (index into `FilingBatch.newPersons`) */
  person: { id: number } | { added: number };
  name: string;
  posts: string[];
  roles: string[];
}

export interface DirectiveRow {
  speaker: string | null;
  text: string;
  theme: string | null;
}

/** One stored page's filing: its facets, LSH band keys, people and directives. */
export interface PageFiling {
  facets: FacetRow;
  bands: number[];
  appearances: AppearanceRow[];
  directives: DirectiveRow[];
}

/** A batch of pages filed at once, with the persons it adds and the persons it learned more of. */
export interface FilingBatch {
  newPersons: { name: string; profile: Profile }[];
  changedPersons: { id: number; profile: Profile }[];
  pages: PageFiling[];
}

export interface StoredPerson {
  id: number;
  profile: Profile;
}

/** A match of a query, as search ranks and groups it. */
export interface MatchRow {
  id: number;
  cluster: number;
  /** lower is better; 0 when browsing (the rows then come newest first by date) */
  rank: number;
  /** only when dates are asked for */
  date: string | null;
  /** only when facets are asked for */
  region: string[] | null;
  kinds: string[] | null;
}

/**
 * A query's matches column by column (entry i of each is one match): a broad query has 10,000 of them,
 * and as many objects cost search a tenth of its time in allocation and collection.
 */
export interface Matches {
  ids: number[];
  clusters: number[];
  ranks: number[];
  /** null entries unless dates are asked for */
  dates: (string | null)[];
  /** only when facets are asked for */
  regions: (string[] | null)[] | null;
  kinds: (string[] | null)[] | null;
}

/** Match i as a row. */
export const matchRow = (matches: Matches, i: number): MatchRow => ({
  id: matches.ids[i]!,
  cluster: matches.clusters[i]!,
  rank: matches.ranks[i]!,
  date: matches.dates[i]!,
  region: matches.regions?.[i] ?? null,
  kinds: matches.kinds?.[i] ?? null,
});

export interface MatchRequest {
  /** null: every page that passes the filters, newest first by date */
  tree: QueryTree | null;
  filters: Filters;
  /** read the region and kinds of each match (for facets) */
  facets: boolean;
  /** read each match's filing date (to sort by, count by year, or trend); without, dates are null: reading them costs ranking a tenth */
  dates: boolean;
  /** at most this many rows, the most recently stored matches (by date when browsing); null: all */
  limit: number | null;
}

export interface SummaryWithText extends DocumentSummary {
  cluster: number;
  text: string;
}

export interface StoredRecord {
  summary: DocumentSummary;
  record: Record;
  cluster: number;
  /** the person each of the record's people was filed under, in the record's order */
  personIds: number[];
}

export interface PersonRow {
  id: number;
  name: string;
  jurisdiction: string | null;
}

/** Which persons a person index lists: those of one name, those whose name holds a string (all when empty), or these ids. */
export type PersonSelection = { name: string } | { nameHolds: string } | { ids: number[] };

/** A person as the index lists them: what they were filed under and what their appearances add up to. */
export interface PersonIndexRow {
  id: number;
  name: string;
  jurisdiction: string | null;
  /** the division codes of the meetings they were seen at */
  codes: string[];
  /** every post they were given, each once, in no particular order */
  posts: string[];
  /** documents they appear in, one per near-duplicate cluster */
  documents: number;
  /** earliest and latest date of those documents (null: none dated) */
  first: string | null;
  last: string | null;
}

/** A region's pages, people and directive themes, as stored; the corpus layer sums them up. */
export interface RegionRows {
  /** each page whose region path names the region: its near-duplicate cluster, date and path */
  pages: { cluster: number; date: string | null; region: string[] }[];
  /** the persons most often on the region's pages, each counted once per cluster */
  people: { id: number; name: string; documents: number }[];
  themes: { theme: string; directives: number }[];
}

export interface CorpusBackend {
  readonly schemaVersion: number;

  // Writing. A write transaction spans several `store` + `file` calls; nothing is visible to others (or
  // kept, if the program dies) before `commit`.
  /** which of these page keys are stored already */
  known(pageKeys: string[]): Promise<Set<string>>;
  /**
   * Take the write lock (waiting as long as another writer holds it) and begin a transaction. Says
   * whether another program committed since this backend's last transaction: what the layer above
   * remembers of the corpus is then stale.
   */
  begin(onWait?: () => void): Promise<{ othersWrote: boolean }>;
  readonly inTransaction: boolean;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** store pages (record, text, page as read, signature, index tokens); each one's new id, or null when its key is stored already */
  storePages(pages: PageToStore[]): Promise<(number | null)[]>;
  /** the newest `perBand` stored pages of each LSH band key, newest first, and the signature and cluster of each */
  bandMembers(keys: number[], perBand: number): Promise<{ members: Map<number, number[]>; pages: Map<number, FiledPage> }>;
  /** stored pages' texts */
  texts(ids: number[]): Promise<Map<number, string>>;
  /** the persons known by each name */
  personsNamed(names: string[]): Promise<Map<string, StoredPerson[]>>;
  /** file stored pages; gives the ids of the batch's new persons, in order */
  filePages(batch: FilingBatch): Promise<number[]>;

  // Reading.
  matches(request: MatchRequest): Promise<Matches>;
  /** how many pages (copies included) match; for a query whose matches were more than were ranked */
  countMatches(tree: QueryTree | null, filters: Filters): Promise<number>;
  summaries(ids: number[]): Promise<Map<number, SummaryWithText>>;
  /** the pages of each cluster, in the order stored */
  clusterPages(clusters: number[]): Promise<Map<number, DocumentSummary[]>>;
  /** the names most often among these pages' people, with the pages each is on */
  personCounts(ids: number[], limit: number): Promise<FacetCount[]>;
  document(id: number): Promise<StoredRecord | null>;
  rawText(id: number): Promise<string | null>;
  /** the page's key (a hash of its address and text as read, the same on every ingest of the same page) */
  pageKeyOf(id: number): Promise<string | null>;
  /** the page stored under this key, for a permalink */
  idOfPageKey(key: string): Promise<number | null>;
  /** up to `limit` records that pass the filters with ids above `after`, in the order stored */
  records(filters: Filters, after: number, limit: number): Promise<{ id: number; cluster: number; record: Record }[]>;
  personsByName(name: string): Promise<PersonRow[]>;
  personById(id: number): Promise<PersonRow | null>;
  /** the selected persons, most documents first (then oldest id), and how many were selected */
  personIndex(selection: PersonSelection, limit: number, offset: number): Promise<{ total: number; rows: PersonIndexRow[] }>;
  /** each person's appearances, by date (undated last) */
  appearances(personIds: number[]): Promise<Map<number, Appearance[]>>;
  regionRows(name: string): Promise<RegionRows | null>;
  directives(request: DirectiveRequest): Promise<{ total: number; entries: LedgerEntry[] }>;
  /** a write of its own (waiting for the lock, within the backend's patience); null when there is no such directive */
  followUp(id: number, status: FollowUpStatus, note: string, updated?: string): Promise<LedgerEntry | null>;
  stats(): Promise<Stats>;
  close(): Promise<void>;
}
