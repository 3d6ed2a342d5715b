import Database from "better-sqlite3";
import { existsSync, statSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import { bandKeys, CONFIRMED_AT_MOST, distinctShingles, jaccard, similarity, THRESHOLD } from "../dedup/minhash.js";
import { parseQuery } from "../search/query.js";
import { snippetOf } from "../search/snippet.js";
import type { Record, Removed, Role } from "../types.js";
import { UserError } from "../errors.js";
import { themeOf } from "../lexicon/directive-themes.js";
import { BUSY_WAIT_MS, whenFree, WRITE_PATIENCE_MS } from "./busy.js";
import { containsElement, elementPattern } from "./like.js";
import { migrate } from "./migrations.js";
import { exclusionOf, matchingOf, withFacets, type Matching } from "./sqlite-match.js";
import { Namesakes } from "./namesakes.js";
import { RecentlyUsed } from "./recently-used.js";
import { absorb, profileFromStored, profileOf, readSighting, storedProfile, type Sighting, type StoredProfile } from "./person-match.js";
import { companions, facetsOf, ledger, regionOverview, setFollowUp, trends, type RankedRow, type Sql } from "./sqlite-explore.js";
import type {
  AddResult,
  Companion,
  DirectiveRequest,
  FollowUpStatus,
  LedgerEntry,
  RegionOverview,
  TrendRequest,
  TrendSeries,
  Appearance,
  DocumentSummary,
  Filters,
  PersonTimeline,
  PreparedPage,
  SearchRequest,
  SearchResult,
  Stats,
  Store,
  StoredDocument,
  Writer,
  WriterOptions,
} from "./store.js";

/** A stored signature as numbers again, without a copy when its bytes are aligned. */
function uint32s(bytes: Buffer): Uint32Array {
  if (bytes.byteOffset % 4 === 0) return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  return new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** A removed line as stored; line_no and rule are NULL in rows stored before records carried them. */
interface RemovedRow {
  line: string;
  reason: string;
  line_no: number | null;
  rule: string | null;
}

interface DocumentRow {
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

const SUMMARY_COLUMNS = "d.id, d.title, d.date, d.site, d.url, d.path, d.meeting, d.jurisdiction, d.division_path";

function summaryOf(row: DocumentRow): DocumentSummary {
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

/** The date a page is filed under: its meeting's, else its publication's, else its address's. */
function dateOf(record: Record): string | null {
  return record.meeting?.date ?? record.published ?? record.source.url_date ?? null;
}

/** Dates newest first, undated last. */
const newestFirst = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? 1 : -1);

/** A --to bound as a string every date it covers sorts under: 2024 → 2024\uffff covers 2024-12-31. */
const upperBound = (to: string) => `${to}\uffff`;

/** SQL conditions on facets f for the filters, with their parameters. */
function whereOf(filters: Filters): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filters.region) {
    conditions.push(`(${containsElement("f.region")} OR f.code = ?)`);
    params.push(elementPattern(filters.region, "/"), filters.region);
  }
  if (filters.person) {
    conditions.push("f.id IN (SELECT document FROM appearances WHERE person IN (SELECT id FROM persons WHERE name = ?))");
    params.push(filters.person);
  }
  if (filters.kind) {
    conditions.push(containsElement("f.kinds"));
    params.push(elementPattern(filters.kind, ","));
  }
  if (filters.from) {
    conditions.push("f.date >= ?");
    params.push(filters.from);
  }
  if (filters.to) {
    conditions.push("f.date <= ?");
    params.push(upperBound(filters.to));
  }
  return { sql: conditions.length ? conditions.join(" AND ") : "1", params };
}

/**
 * Names whose people a writer keeps in memory (up to twice as many): the names of the last several
 * thousand pages, where most of a page's people were met before if at all.
 */
const CACHED_NAMES = 10_000;

/**
 * Pages of one LSH band met as candidates, the most recently stored: a band that many pages share
 * (pages left with almost no text, a report reposted hundreds of times) would otherwise make every new
 * page of the kind read all of them, a cost growing with the corpus. The newest of a band belong to the
 * clusters a new copy is likeliest to join.
 */
const CANDIDATES_PER_BAND = 64;

/** A query matching more documents than this is ranked among its most recently stored matches. */
export const RANKED_AT_MOST = 10_000;

/** The embedded store: one SQLite file, written by one process at a time, read by many. */
export class SqliteStore implements Store {
  readonly db: Database.Database;
  readonly schemaVersion: number;

  private readonly statements = new Map<string, Database.Statement>();
  /**
   * People of each name met lately while writing, as the file held them plus this writer's changes: valid
   * only while no other program has written the file since (see `beginWrite`). Names not met for a while
   * are forgotten (and read again from the file when met), so that memory does not grow with the corpus.
   */
  private readonly knownPersons = new RecentlyUsed<Namesakes>(CACHED_NAMES);
  /** the file's data_version when this writer last began: another program's commit changes it */
  private seenVersion: number | null = null;
  /** Stored pages not yet in the full-text indexes, their tokens only: they go in together just before the commit. */
  private readonly unindexed: ({ id: number } & Pick<PreparedPage, "titleTokens" | "bodyTokens" | "titleCharacters" | "bodyCharacters">)[] = [];

  /** how long a write from outside the writer (a ledger follow-up) waits for another program's lock */
  private readonly writePatienceMs: number;

  /** Open (and bring up to date) a database file; `create` makes a new one where none is. */
  constructor(
    readonly file: string,
    { create, writePatienceMs = WRITE_PATIENCE_MS }: { create: boolean; writePatienceMs?: number },
  ) {
    this.writePatienceMs = writePatienceMs;
    if (!create && !existsSync(file)) throw new UserError(`找不到数据库 ${file}(先用 huiyi ingest 建库,或用 --db 指定)`);
    try {
      this.db = new Database(file);
      // Opening (a migration, switching to WAL) may wait its turn behind another writer, blocking.
      this.db.pragma("busy_timeout = 10000");
      // WAL: a write interrupted at any point (kill -9) leaves what was committed and nothing after it.
      this.db.pragma("journal_mode = WAL");
      this.db.pragma("synchronous = NORMAL");
      // Up to 256 MB of pages kept: a corpus's indexes (page keys, LSH bands, people) take random
      // writes, which with SQLite's default 2 MB cache mean a read from the file for most of them.
      this.db.pragma("cache_size = -262144");
      this.schemaVersion = migrate(this.db);
      // From here a locked file is waited for by whenFree, which lets this thread get on with other work.
      this.db.pragma(`busy_timeout = ${BUSY_WAIT_MS}`);
    } catch (error) {
      if ((error as { code?: string }).code === "SQLITE_NOTADB") throw new UserError(`${file} 不是 SQLite 数据库`);
      if ((error as { code?: string }).code === "SQLITE_CANTOPEN") throw new UserError(`无法打开数据库 ${file}`);
      throw error;
    }
  }

  private readonly statement: Sql = (text) => this.sql(text);

  /** A prepared statement, compiled once per store. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  async known(pageKeys: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const query = this.sql("SELECT 1 FROM documents WHERE page_key = ?").pluck();
    for (const key of pageKeys) if (query.get(key)) found.add(key);
    return found;
  }

  writer({ onWait }: WriterOptions = {}): Writer {
    const db = this.db;
    // The first wait is news; the turns taken after it are not.
    let waited = false;
    const waitingOnce = () => {
      if (!waited) onWait?.();
      waited = true;
    };
    const abandon = () => {
      if (db.inTransaction) db.exec("ROLLBACK");
      // What this store holds in memory of the uncommitted pages goes with them.
      this.knownPersons.clear();
      this.unindexed.length = 0;
    };
    return {
      add: async (pages) => {
        if (!db.inTransaction) await this.beginWrite(waitingOnce);
        try {
          return this.addPages(pages);
        } catch (error) {
          abandon();
          throw error;
        }
      },
      commit: async () => {
        if (!db.inTransaction) return;
        try {
          this.indexUnindexed();
        } catch (error) {
          abandon();
          throw error;
        }
        db.exec("COMMIT");
      },
      abandon: async () => abandon(),
    };
  }

  /**
   * Take the write lock (waiting as long as another writer holds it), then forget what this store
   * remembers of the file if another program committed to it since this one last wrote: two ingests into
   * one file then recognise each other's people, and each page's people are matched against everyone
   * stored before it, whoever stored them — the persons of one run, not duplicates.
   */
  private async beginWrite(onWait?: () => void): Promise<void> {
    await whenFree(() => this.db.exec("BEGIN IMMEDIATE"), { ms: Infinity, onWait });
    const version = this.db.pragma("data_version", { simple: true }) as number;
    if (version !== this.seenVersion) this.knownPersons.clear();
    this.seenVersion = version;
  }

  private addPages(pages: PreparedPage[]): AddResult {
    const result: AddResult = { stored: 0, known: 0, nearDuplicates: 0 };
    for (const page of pages) {
      const id = this.insertDocument(page);
      if (id === null) {
        result.known++;
        continue;
      }
      result.stored++;
      if (this.fileUnderCluster(id, page)) result.nearDuplicates++;
      this.insertPeopleAndDirectives(id, page.record);
    }
    return result;
  }

  private insertDocument(page: PreparedPage): number | null {
    const { record } = page;
    const { removed } = record;
    const meeting = record.meeting;
    const info = this.sql(
        `INSERT OR IGNORE INTO documents (page_key, record_id, path, url, site, title, published, script, date, meeting,
           jurisdiction, division_code, division_path, kinds, text, record, added)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        page.pageKey,
        record.id,
        record.source.path,
        record.source.url,
        record.source.site ?? null,
        record.title,
        record.published,
        record.script,
        dateOf(record),
        meeting?.name ?? null,
        meeting?.jurisdiction ?? null,
        meeting?.division?.code ?? null,
        meeting?.division?.path.join("/") ?? null,
        meeting?.kinds?.join(",") ?? null,
        record.text,
        page.packedRecord,
        new Date().toISOString(),
      );
    if (info.changes === 0) return null;
    const id = Number(info.lastInsertRowid);
    const line = this.sql("INSERT INTO removed (document, n, line, reason, line_no, rule) VALUES (?, ?, ?, ?, ?, ?)");
    removed.forEach((item, n) => line.run(id, n, item.line, item.reason, item.n ?? null, item.rule ?? null));
    const { titleTokens, bodyTokens, titleCharacters, bodyCharacters } = page;
    this.unindexed.push({ id, titleTokens, bodyTokens, titleCharacters, bodyCharacters });
    this.sql("INSERT INTO pages_as_read (id, raw) VALUES (?, ?)").run(id, page.packedRaw);
    this.sql("INSERT INTO signatures (id, signature) VALUES (?, ?)").run(id, Buffer.from(page.signature.buffer, page.signature.byteOffset, page.signature.byteLength));
    return id;
  }

  /**
   * The full-text rows of the pages stored since the last commit, one after another: each row's tokens go
   * to a hash of every token pending in the index, which stays in the processor's caches through a run
   * of rows and not through the other writes of a page (on 30,000 bench pages, 0.81–0.87 → 0.64–0.69 ms
   * of store thread a page).
   */
  private indexUnindexed(): void {
    const pairs = this.sql("INSERT INTO search (rowid, title, body) VALUES (?, ?, ?)");
    const characters = this.sql("INSERT INTO characters (rowid, title, body) VALUES (?, ?, ?)");
    for (const page of this.unindexed) {
      pairs.run(page.id, page.titleTokens, page.bodyTokens);
      characters.run(page.id, page.titleCharacters, page.bodyCharacters);
    }
    this.unindexed.length = 0;
  }

  /** File a stored page for search and near-duplicates: in the cluster of its closest earlier copy (then true), else its own. */
  private fileUnderCluster(id: number, page: PreparedPage): boolean {
    const keys = bandKeys(page.signature);
    const copyOf = this.clusterOf(page, keys);
    this.insertFacets(id, copyOf ?? id, page.record);
    const band = this.sql("INSERT OR IGNORE INTO bands (key, document) VALUES (?, ?)");
    for (const key of keys) band.run(key, id);
    return copyOf !== null;
  }

  /** The cluster of the page's closest earlier copy, if any. */
  private clusterOf(page: PreparedPage, keys: number[]): number | null {
    // Every candidate's signature in one query, the newest CANDIDATES_PER_BAND of each band: a candidate
    // sharing several bands comes once a band.
    const newest = `SELECT document FROM (SELECT document FROM bands WHERE key = ? ORDER BY document DESC LIMIT ${CANDIDATES_PER_BAND})`;
    const rows = this.sql(`SELECT s.id, s.signature FROM (${keys.map(() => newest).join(" UNION ALL ")}) c JOIN signatures s ON s.id = c.document`)
      .raw()
      .all(...keys) as [number, Buffer][];
    const seen = new Set<number>();
    const likely: { id: number; estimate: number }[] = [];
    for (const [candidate, signature] of rows) {
      if (seen.has(candidate)) continue;
      seen.add(candidate);
      const estimate = similarity(page.signature, uint32s(signature));
      if (estimate >= THRESHOLD) likely.push({ id: candidate, estimate });
    }
    if (likely.length === 0) return null;
    // The likeliest few, confirmed on their shingles.
    const shingles = distinctShingles(page.record.text);
    const textOf = this.sql("SELECT text FROM documents WHERE id = ?").pluck();
    for (const { id } of likely.sort((a, b) => b.estimate - a.estimate).slice(0, CONFIRMED_AT_MOST)) {
      if (jaccard(shingles, distinctShingles(textOf.get(id) as string)) >= THRESHOLD) return this.sql("SELECT cluster FROM facets WHERE id = ?").pluck().get(id) as number;
    }
    return null;
  }

  /** What search filters and groups by. */
  private insertFacets(id: number, cluster: number, record: Record): void {
    const meeting = record.meeting;
    const region = [...(meeting?.division?.path ?? []), meeting?.jurisdiction].filter(Boolean);
    this.sql("INSERT INTO facets (id, cluster, date, region, code, kinds) VALUES (?, ?, ?, ?, ?, ?)").run(
      id,
      cluster,
      dateOf(record),
      region.length ? `/${region.join("/")}/` : null,
      meeting?.division?.code ?? null,
      meeting?.kinds?.length ? `,${meeting.kinds.join(",")},` : null,
    );
  }

  private insertPeopleAndDirectives(id: number, record: Record): void {
    const directive = this.sql("INSERT INTO directives (document, speaker, text, theme) VALUES (?, ?, ?, ?)");
    for (const item of record.directives ?? []) directive.run(id, item.speaker, item.text, themeOf(item.text));
    const sightingBase = { code: record.meeting?.division?.code ?? null, jurisdiction: record.meeting?.jurisdiction ?? null };
    const appearance = this.sql("INSERT INTO appearances (document, n, person, name, posts, roles) VALUES (?, ?, ?, ?, ?, ?)");
    record.people.forEach((person, n) => {
      const personId = this.recognise(person.name, { ...sightingBase, posts: person.posts });
      appearance.run(id, n, personId, person.name, person.posts.join("、"), person.roles.join("、"));
    });
  }

  /** The person this sighting of a name is: the best-fitting one known, else a new one. */
  private recognise(name: string, seen: Sighting): number {
    const sighting = readSighting(seen);
    const namesakes = this.personsNamed(name);
    const known = namesakes.best(sighting);
    const profile = known ? absorb(known.profile, sighting) : profileOf(sighting);
    if (known) {
      if (profile !== known.profile) {
        this.sql("UPDATE persons SET codes = @codes, jurisdiction = @jurisdiction, levels = @levels, posts = @posts WHERE id = @id").run({ ...storedProfile(profile), id: known.id });
        namesakes.update(known, profile);
      }
      return known.id;
    }
    const id = Number(
      this.sql("INSERT INTO persons (name, codes, jurisdiction, levels, posts) VALUES (@name, @codes, @jurisdiction, @levels, @posts)").run({ ...storedProfile(profile), name }).lastInsertRowid,
    );
    namesakes.add({ id, profile });
    return id;
  }

  /** The people of one name known so far; held in memory while this store writes, read from the file once. */
  private personsNamed(name: string): Namesakes {
    let namesakes = this.knownPersons.get(name);
    if (!namesakes) {
      const rows = this.sql("SELECT id, codes, jurisdiction, levels, posts FROM persons WHERE name = ?").all(name) as ({ id: number } & StoredProfile)[];
      namesakes = new Namesakes();
      for (const row of rows) namesakes.add({ id: row.id, profile: profileFromStored(row) });
      this.knownPersons.set(name, namesakes);
    }
    return namesakes;
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    const parsed = parseQuery(request.query);
    const terms = parsed.terms;
    const typed = request.query.trim() !== "";
    if (typed && !parsed.tree) return { total: 0, estimated: false, hits: [], terms };
    const matching = parsed.tree && matchingOf(parsed.tree);
    // Words only to leave out (-引资): every page that passes the filters, less those.
    const browsing = !matching;
    const filters = whereOf(request);
    const exclusion = parsed.tree && !matching ? exclusionOf(parsed.tree) : null;
    const where = exclusion ? { sql: `${filters.sql} AND ${exclusion.sql}`, params: [...filters.params, ...exclusion.params] } : filters;
    const limit = Math.max(1, Math.min(request.limit ?? 10, 100));
    const offset = Math.max(0, request.offset ?? 0);
    // BM25 over the matches that pass the filters, newest first and at most RANKED_AT_MOST of them (or, with
    // no words, the newest documents by date, undated last: SQLite sorts NULL lowest); then one page per
    // cluster, the best-ranked one.
    // What facets count is read only when they are asked for: a broad query ranks up to 10,000 rows.
    const byDate = request.sort === "date";
    const extra = request.facets ? ", f.region, f.date, f.kinds" : byDate ? ", NULL, f.date" : "";
    const columns = (rank: string) => `f.cluster, f.id, ${rank}${extra}`;
    const rows = (
      matching
        ? this.sql(`SELECT ${columns(matching.rank)} FROM ${withFacets(matching)} AND ${where.sql} ORDER BY ${matching.id} DESC LIMIT ${RANKED_AT_MOST}`)
            .raw()
            .all(...matching.params, ...where.params)
        : this.sql(`SELECT ${columns("0")} FROM facets f WHERE ${where.sql} ORDER BY f.date DESC, f.id DESC LIMIT ${RANKED_AT_MOST}`).raw().all(...where.params)
    ) as RankedRow[];
    // Browsing ranks by the date order the rows came in.
    if (browsing) rows.forEach((row, i) => (row[2] = i));
    const best = new Map<number, RankedRow>();
    for (const row of rows) {
      const seen = best.get(row[0]);
      if (!seen || row[2] < seen[2]) best.set(row[0], row);
    }
    const byRank = (a: RankedRow, b: RankedRow) => a[2] - b[2] || b[1] - a[1];
    // By date: newest first by the filing date of each cluster's best page, undated last.
    const newest = (a: RankedRow, b: RankedRow) => newestFirst(a[4], b[4]) || byRank(a, b);
    const ranked = [...best.values()].sort(byDate ? newest : byRank);
    const estimated = rows.length === RANKED_AT_MOST;
    const total = estimated ? this.countMatches(matching, where) : best.size;
    const document = this.sql(`SELECT ${SUMMARY_COLUMNS}, f.cluster, d.text FROM documents d JOIN facets f ON f.id = d.id WHERE d.id = ?`);
    const hits = ranked.slice(offset, offset + limit).map(([, id, score]) => {
      const row = document.get(id) as DocumentRow & { cluster: number; text: string };
      return { ...summaryOf(row), score: browsing ? 0 : -score, snippet: snippetOf(row.text, terms), copies: this.copies(row.cluster, row.id) };
    });
    return { total, estimated, hits, terms, ...(request.facets ? { facets: facetsOf(this.statement, ranked, request.region) } : {}) };
  }

  /** Documents matching a query (all of them, when it has no words) that pass the filters. */
  private countMatches(matching: Matching | null, where: { sql: string; params: unknown[] }): number {
    if (matching === null) return this.sql(`SELECT COUNT(*) FROM facets f WHERE ${where.sql}`).pluck().get(...where.params) as number;
    // Without filters the index alone counts, three times faster than through the facets of 50,000 matches.
    if (where.params.length === 0) return this.sql(`SELECT COUNT(*) FROM ${matching.from} WHERE ${matching.condition}`).pluck().get(...matching.params) as number;
    return this.sql(`SELECT COUNT(*) FROM ${withFacets(matching)} AND ${where.sql}`).pluck().get(...matching.params, ...where.params) as number;
  }

  private copies(cluster: number, except: number): DocumentSummary[] {
    const rows = this.sql(`SELECT ${SUMMARY_COLUMNS} FROM facets f JOIN documents d ON d.id = f.id WHERE f.cluster = ? AND f.id != ? ORDER BY f.id`).all(cluster, except) as DocumentRow[];
    return rows.map(summaryOf);
  }

  private recordOf(id: number, text: string, packed: Buffer): Record {
    const rest = JSON.parse(inflateRawSync(packed).toString("utf8")) as Omit<Record, "text" | "removed">;
    const rows = this.sql("SELECT line, reason, line_no, rule FROM removed WHERE document = ? ORDER BY n").all(id) as RemovedRow[];
    const removed = rows.map(({ line, reason, line_no, rule }): Removed => ({ line, reason, ...(line_no === null ? {} : { n: line_no }), ...(rule === null ? {} : { rule }) }));
    return { ...rest, text, removed } as Record;
  }

  async document(id: number): Promise<StoredDocument | null> {
    const row = this.sql(`SELECT ${SUMMARY_COLUMNS}, f.cluster, d.text, d.record FROM documents d JOIN facets f ON f.id = d.id WHERE d.id = ?`).get(id) as
      | (DocumentRow & { cluster: number; text: string; record: Buffer })
      | undefined;
    if (!row) return null;
    const personIds = this.sql("SELECT person FROM appearances WHERE document = ? ORDER BY n").pluck().all(id) as number[];
    return { summary: summaryOf(row), record: this.recordOf(row.id, row.text, row.record), cluster: row.cluster, copies: this.copies(row.cluster, row.id), personIds };
  }

  async rawText(id: number): Promise<string | null> {
    const raw = this.sql("SELECT raw FROM pages_as_read WHERE id = ?").pluck().get(id) as Buffer | undefined;
    return raw ? inflateRawSync(raw).toString("utf8") : null;
  }

  async *records(filters: Filters): AsyncIterable<{ record: Record; id: number; cluster: number }> {
    const where = whereOf(filters);
    const rows = this.sql(`SELECT d.id, f.cluster, d.text, d.record FROM facets f JOIN documents d ON d.id = f.id WHERE ${where.sql} ORDER BY f.id`).iterate(...where.params) as IterableIterator<{
      id: number;
      cluster: number;
      text: string;
      record: Buffer;
    }>;
    for (const row of rows) yield { record: this.recordOf(row.id, row.text, row.record), id: row.id, cluster: row.cluster };
  }

  private timeline(id: number, name: string, region: string | null): PersonTimeline {
    const rows = this.sql(
        `SELECT a.document, d.date, d.meeting, d.jurisdiction, a.posts, a.roles FROM appearances a JOIN documents d ON d.id = a.document
         WHERE a.person = ? ORDER BY d.date IS NULL, d.date, a.document`,
      )
      .all(id) as { document: number; date: string | null; meeting: string | null; jurisdiction: string | null; posts: string; roles: string }[];
    const appearances: Appearance[] = rows.map((row) => ({
      document: row.document,
      date: row.date,
      meeting: row.meeting,
      jurisdiction: row.jurisdiction,
      posts: row.posts ? row.posts.split("、") : [],
      roles: (row.roles ? row.roles.split("、") : []) as Role[],
    }));
    return { id, name, region, appearances };
  }

  async persons(name: string): Promise<PersonTimeline[]> {
    const rows = this.sql("SELECT id, name, jurisdiction FROM persons WHERE name = ? ORDER BY id").all(name) as { id: number; name: string; jurisdiction: string | null }[];
    return rows.map((row) => this.timeline(row.id, row.name, row.jurisdiction));
  }

  async person(id: number): Promise<PersonTimeline | null> {
    const row = this.sql("SELECT id, name, jurisdiction FROM persons WHERE id = ?").get(id) as { id: number; name: string; jurisdiction: string | null } | undefined;
    return row ? this.timeline(row.id, row.name, row.jurisdiction) : null;
  }

  async companions(id: number, limit: number): Promise<Companion[]> {
    return companions(this.statement, id, limit);
  }

  async region(name: string): Promise<RegionOverview | null> {
    return regionOverview(this.statement, name);
  }

  async trends(request: TrendRequest): Promise<TrendSeries[]> {
    return trends(this.statement, whereOf, request);
  }

  async directives(request: DirectiveRequest): Promise<{ total: number; entries: LedgerEntry[] }> {
    return ledger(this.statement, whereOf, request);
  }

  async followUp(id: number, status: FollowUpStatus, note: string): Promise<LedgerEntry | null> {
    return whenFree(() => setFollowUp(this.statement, id, status, note), { ms: this.writePatienceMs });
  }

  async stats(): Promise<Stats> {
    const one = (sql: string) => this.sql(sql).pluck().get() as number;
    const grouped = (sql: string) => this.sql(sql).all() as { name: string; documents: number }[];
    const scripts = Object.fromEntries((this.sql("SELECT script, COUNT(*) AS n FROM documents GROUP BY script").all() as { script: string; n: number }[]).map((r) => [r.script, r.n]));
    const kinds = new Map<string, number>();
    for (const row of this.sql("SELECT kinds, COUNT(*) AS n FROM documents WHERE kinds IS NOT NULL AND kinds != '' GROUP BY kinds").all() as { kinds: string; n: number }[])
      for (const kind of row.kinds.split(",")) kinds.set(kind, (kinds.get(kind) ?? 0) + row.n);
    let bytes = 0;
    for (const suffix of ["", "-wal"]) {
      try {
        bytes += statSync(this.file + suffix).size;
      } catch {
        // no WAL file when nothing is pending
      }
    }
    return {
      schemaVersion: this.schemaVersion,
      documents: one("SELECT COUNT(*) FROM documents"),
      clusters: one("SELECT COUNT(DISTINCT cluster) FROM facets"),
      meetings: one("SELECT COUNT(*) FROM documents WHERE meeting IS NOT NULL"),
      persons: one("SELECT COUNT(*) FROM persons"),
      appearances: one("SELECT COUNT(*) FROM appearances"),
      directives: one("SELECT COUNT(*) FROM directives"),
      firstDate: this.sql("SELECT MIN(date) FROM documents").pluck().get() as string | null,
      lastDate: this.sql("SELECT MAX(date) FROM documents").pluck().get() as string | null,
      scripts,
      regions: grouped(
        "SELECT COALESCE(division_path, jurisdiction) AS name, COUNT(*) AS documents FROM documents WHERE COALESCE(division_path, jurisdiction) IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10",
      ),
      kinds: [...kinds].map(([name, documents]) => ({ name, documents })).sort((a, b) => b.documents - a.documents || a.name.localeCompare(b.name)),
      bytes,
    };
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
