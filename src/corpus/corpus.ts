import { hasRequired, parseQuery, phraseQuery } from "../search/query.js";
import { snippetOf } from "../search/snippet.js";
import type {
  AddResult,
  Appearance,
  Companion,
  DirectiveRequest,
  DocumentSummary,
  Filters,
  FollowUpStatus,
  LedgerEntry,
  PersonIndexEntry,
  PersonPage,
  PersonTimeline,
  PreparedPage,
  RegionOverview,
  SearchRequest,
  SearchResult,
  Stats,
  Store,
  StoredDocument,
  TrendRequest,
  TrendSeries,
  Writer,
  WriterOptions,
} from "../store/store.js";
import type { Record } from "../types.js";
import { matchRow, type CorpusBackend } from "./backend.js";
import { documentsPerPeriod, facetsOf, PERSON_FACET_DOCUMENTS, regionOverview, trendOf } from "./explore.js";
import { directiveRowsOf, facetRowOf, filingDate } from "./filing.js";
import { fileBatch } from "./near-duplicates.js";
import { companionsOf } from "./people-companions.js";
import { PersonRecognition } from "./people.js";
import { indexEntryOf } from "./people-index.js";
import { titled } from "./titles.js";

// What a corpus means, above whichever database holds it: pages filed into near-duplicate clusters, names
// recognised as persons, search answered one hit per cluster, facets, regions and trends summed up. The
// backend (src/corpus/backend.ts) only stores and finds.

/** A query matching more documents than this is ranked among its most recently stored matches. */
export const RANKED_AT_MOST = 10_000;

/** Records read from the backend at a time while exporting. */
const RECORDS_AT_ONCE = 500;

/** Namesakes a person page lists (a common name belongs to hundreds; the index lists them all). */
const NAMESAKES_LISTED = 50;

/** Dates newest first, undated last. */
const newestFirst = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? 1 : -1);

export class Corpus implements Store {
  private readonly people = new PersonRecognition();

  constructor(readonly backend: CorpusBackend) {}

  get schemaVersion(): number {
    return this.backend.schemaVersion;
  }

  known(pageKeys: string[]): Promise<Set<string>> {
    return this.backend.known(pageKeys);
  }

  writer({ onWait }: WriterOptions = {}): Writer {
    const backend = this.backend;
    // The first wait is news; the turns taken after it are not.
    let waited = false;
    const waitingOnce = () => {
      if (!waited) onWait?.();
      waited = true;
    };
    const abandon = async () => {
      // What is remembered of the uncommitted pages goes with them.
      this.people.forget();
      if (backend.inTransaction) await backend.rollback();
    };
    return {
      add: async (pages) => {
        if (!backend.inTransaction) {
          // Another program's commit since this one last wrote: its people are met afresh, so that two
          // ingests into one corpus recognise each other's persons rather than making duplicates.
          const { othersWrote } = await backend.begin(waitingOnce);
          if (othersWrote) this.people.forget();
        }
        try {
          return await this.addPages(pages);
        } catch (error) {
          await abandon();
          throw error;
        }
      },
      commit: async () => {
        if (!backend.inTransaction) return;
        try {
          await backend.commit();
        } catch (error) {
          await abandon();
          throw error;
        }
      },
      abandon,
    };
  }

  /** Store a batch: its new pages filed in near-duplicate clusters, their people recognised. */
  private async addPages(pages: PreparedPage[]): Promise<AddResult> {
    const ids = await this.backend.storePages(pages.map((page) => ({ page, date: filingDate(page.record) })));
    const fresh = pages.flatMap((page, i) => (ids[i] === null ? [] : [{ id: ids[i]!, record: page.record, signature: page.signature }]));
    const result: AddResult = { stored: fresh.length, known: pages.length - fresh.length, nearDuplicates: 0 };
    if (fresh.length === 0) return result;
    const filed = await fileBatch(
      this.backend,
      fresh.map(({ id, signature, record }) => ({ id, signature, text: record.text })),
    );
    const recognised = await this.people.recognise(
      this.backend,
      fresh.map(({ record }) => {
        const place = { code: record.meeting?.division?.code ?? null, jurisdiction: record.meeting?.jurisdiction ?? null };
        return record.people.map((person) => ({ name: person.name, ...place, posts: person.posts }));
      }),
    );
    const personIds = await this.backend.filePages({
      newPersons: recognised.newPersons,
      changedPersons: recognised.changedPersons,
      pages: fresh.map(({ id, record }, i) => ({
        facets: facetRowOf(id, filed[i]!.cluster, record),
        bands: filed[i]!.bands,
        appearances: record.people.map((person, n) => ({ person: recognised.persons[i]![n]!, name: person.name, posts: person.posts, roles: person.roles })),
        directives: directiveRowsOf(record),
      })),
    });
    recognised.settle(personIds);
    result.nearDuplicates = filed.filter((page) => page.copy).length;
    return result;
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    const { tree, terms } = parseQuery(request.query);
    if (request.query.trim() !== "" && !tree) return { total: 0, estimated: false, hits: [], terms };
    const limit = Math.max(1, Math.min(request.limit ?? 10, 100));
    const offset = Math.max(0, request.offset ?? 0);
    // With words to find: the matches ranked (BM25), at most RANKED_AT_MOST, the most recently stored;
    // without (or with only words to leave out): the newest by date. Then one page per cluster, its
    // best-ranked one.
    const browsing = !tree || !hasRequired(tree);
    const matches = await this.backend.matches({ tree, filters: request, facets: request.facets === true, dates: request.sort === "date", limit: RANKED_AT_MOST });
    const { ids, clusters, dates } = matches;
    // Browsing ranks by the date order the rows came in.
    const ranks = browsing ? ids.map((_, i) => i) : matches.ranks;
    /** each cluster's best match (its index) */
    const best = new Map<number, number>();
    for (let i = 0; i < ids.length; i++) {
      const seen = best.get(clusters[i]!);
      if (seen === undefined || ranks[i]! < ranks[seen]!) best.set(clusters[i]!, i);
    }
    const byRank = (a: number, b: number) => ranks[a]! - ranks[b]! || ids[b]! - ids[a]!;
    // By date: newest first by the filing date of each cluster's best page.
    const byDate = (a: number, b: number) => newestFirst(dates[a]!, dates[b]!) || byRank(a, b);
    const ranked = [...best.values()].sort(request.sort === "date" ? byDate : byRank);
    const estimated = ids.length === RANKED_AT_MOST;
    const total = estimated ? await this.backend.countMatches(tree, request) : best.size;
    const shown = ranked.slice(offset, offset + limit).map((i) => matchRow({ ...matches, ranks }, i));
    const [summaries, clusterPages] = await Promise.all([this.backend.summaries(shown.map((row) => row.id)), this.backend.clusterPages(shown.map((row) => row.cluster))]);
    const hits = shown.map(({ id, rank, cluster }) => {
      const { text, cluster: _cluster, ...summary } = summaries.get(id)!;
      return { ...titled(summary, text), score: browsing ? 0 : -rank, snippet: snippetOf(text, terms), copies: copiesOf(clusterPages.get(cluster), id) };
    });
    if (!request.facets) return { total, estimated, hits, terms };
    const persons = await this.backend.personCounts(ranked.slice(0, PERSON_FACET_DOCUMENTS).map((i) => ids[i]!), 10);
    return { total, estimated, hits, terms, facets: facetsOf(ranked.map((i) => matchRow(matches, i)), request.region, persons) };
  }

  async document(id: number): Promise<StoredDocument | null> {
    const stored = await this.backend.document(id);
    if (!stored) return null;
    const [clusters, pageKey] = await Promise.all([this.backend.clusterPages([stored.cluster]), this.backend.pageKeyOf(id)]);
    return { ...stored, summary: titled(stored.summary, stored.record.text), copies: copiesOf(clusters.get(stored.cluster), id), pageKey };
  }

  documentByPageKey(key: string): Promise<number | null> {
    return this.backend.idOfPageKey(key);
  }

  rawText(id: number): Promise<string | null> {
    return this.backend.rawText(id);
  }

  async *records(filters: Filters): AsyncIterable<{ record: Record; id: number; cluster: number }> {
    for (let after = 0; ; ) {
      const batch = await this.backend.records(filters, after, RECORDS_AT_ONCE);
      yield* batch;
      if (batch.length < RECORDS_AT_ONCE) return;
      after = batch.at(-1)!.id;
    }
  }

  async persons(name: string): Promise<PersonTimeline[]> {
    const rows = await this.backend.personsByName(name);
    const appearances = await this.backend.appearances(rows.map((row) => row.id));
    return rows.map((row) => ({ id: row.id, name: row.name, region: row.jurisdiction, appearances: onceEach(appearances.get(row.id)) }));
  }

  async person(id: number): Promise<PersonPage | null> {
    const row = await this.backend.personById(id);
    if (!row) return null;
    const [appearances, namesakes] = await Promise.all([this.backend.appearances([id]), this.backend.personIndex({ name: row.name }, NAMESAKES_LISTED + 1, 0)]);
    const self = namesakes.rows.find((other) => other.id === id);
    const others = namesakes.rows.filter((other) => other.id !== id).slice(0, NAMESAKES_LISTED);
    return {
      id,
      name: row.name,
      region: row.jurisdiction,
      place: self ? indexEntryOf(self).place : row.jurisdiction ? { name: row.jurisdiction, code: null, by: "会议地点" } : null,
      appearances: onceEach(appearances.get(id)),
      namesakes: others.map(indexEntryOf),
      namesakesTotal: Math.max(0, namesakes.total - 1),
    };
  }

  /** The person index: persons whose name holds `q` (everyone when empty), most documents first. */
  async personIndex(q: string, limit: number, offset: number): Promise<{ total: number; persons: PersonIndexEntry[] }> {
    const { total, rows } = await this.backend.personIndex({ nameHolds: q.trim() }, limit, offset);
    return { total, persons: rows.map(indexEntryOf) };
  }

  /** The people seen beside a person, a reposted report counted once (src/corpus/people-companions.ts). */
  async companions(id: number, limit: number): Promise<Companion[]> {
    const appearances = await this.backend.appearances([id]);
    return companionsOf(this.backend, id, onceEach(appearances.get(id)), limit);
  }

  async region(name: string): Promise<RegionOverview | null> {
    const rows = await this.backend.regionRows(name);
    if (!rows || !rows.pages.length) return null;
    const overview = regionOverview(name, rows);
    return { ...overview, people: await this.peopleOfRegion(overview.people, overview.parents) };
  }

  /**
   * A region's people without those whose post places them above it: a city's secretary seen at a county's
   * meeting is the city's (listed there), not one of the county's people.
   */
  private async peopleOfRegion<T extends { id: number }>(people: T[], parents: string[]): Promise<T[]> {
    if (!people.length || !parents.length) return people;
    const { rows } = await this.backend.personIndex({ ids: people.map((person) => person.id) }, people.length, 0);
    const above = new Set(rows.filter((row) => isPlacedAbove(indexEntryOf(row).place, parents)).map((row) => row.id));
    return people.filter((person) => !above.has(person.id));
  }

  async trends(request: TrendRequest): Promise<TrendSeries[]> {
    const filters = { region: request.region, from: request.from, to: request.to };
    // Every document that passes the filters, counted per period as the terms' documents are: the share's denominator.
    const all = documentsPerPeriod(await this.backend.matches({ tree: null, filters, facets: false, dates: true, limit: null }), request.by);
    return Promise.all(
      request.terms.map(async (term) => {
        // A term is counted where it stands whole, as a phrase.
        const tree = phraseQuery(term);
        if (!tree) return { term, total: 0, undated: 0, points: [] };
        return trendOf(term, await this.backend.matches({ tree, filters, facets: false, dates: true, limit: null }), request.by, all);
      }),
    );
  }

  directives(request: DirectiveRequest): Promise<{ total: number; entries: LedgerEntry[] }> {
    return this.backend.directives(request);
  }

  followUp(id: number, status: FollowUpStatus, note: string, updated?: string): Promise<LedgerEntry | null> {
    return this.backend.followUp(id, status, note, updated);
  }

  stats(): Promise<Stats> {
    return this.backend.stats();
  }

  close(): Promise<void> {
    return this.backend.close();
  }
}

/** Whether a person's post places them at one of these divisions (the ones above a region). */
const isPlacedAbove = (place: PersonIndexEntry["place"], parents: string[]) => place?.by === "职务" && parents.includes(place.name);

/** A cluster's other pages, untitled ones named by their meeting. */
const copiesOf = (pages: DocumentSummary[] | undefined, except: number) => (pages ?? []).filter((page) => page.id !== except).map((page) => titled(page, null));

/**
 * A person's appearances one per near-duplicate cluster: a meeting reported on three sites is one
 * appearance (its first in date order, the order they come in), the other pages listed as its reposts.
 */
function onceEach(appearances: Appearance[] | undefined): Appearance[] {
  const kept = new Map<number, Appearance>();
  for (const appearance of appearances ?? []) {
    const first = kept.get(appearance.cluster);
    if (first) first.reposts = [...(first.reposts ?? []), appearance.document];
    else kept.set(appearance.cluster, { ...appearance });
  }
  return [...kept.values()];
}
