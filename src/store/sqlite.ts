import Database from "better-sqlite3";
import { existsSync, statSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import type { AppearanceRow, CorpusBackend, FiledPage, FilingBatch, MatchRequest, Matches, PageToStore, PersonIndexRow, PersonRow, PersonSelection, RegionRows, StoredPerson, StoredRecord, SummaryWithText } from "../corpus/backend.js";
import { Corpus } from "../corpus/corpus.js";
import { profileFromStored, storedProfile, type StoredProfile } from "../corpus/person-match.js";
import { hasRequired, type QueryTree } from "../search/query.js";
import type { Record, Removed } from "../types.js";
import { UserError } from "../errors.js";
import { BUSY_WAIT_MS, whenFree, WRITE_PATIENCE_MS } from "./busy.js";
import { containsElement, elementPattern } from "./like.js";
import { migrate } from "./migrations.js";
import { exclusionOf, matchingOf, withFacets, type Matching } from "./sqlite-match.js";
import { personIndexRow, personSelection, type RawPersonIndexRow } from "./person-index.js";
import { ledger, personCounts, regionRows, setFollowUp, type Sql } from "./sqlite-explore.js";
import type { Appearance, DirectiveRequest, DocumentSummary, FacetCount, Filters, FollowUpStatus, LedgerEntry, PreparedPage, Stats } from "./store.js";
import { appearanceOf, type StoredAppearance } from "./appearance-row.js";
import { type DocumentRow, SUMMARY_COLUMNS, summaryOf } from "./summary-row.js";

// The embedded backend: one SQLite file, written by one process at a time, read by many. It stores and
// finds what the corpus layer (src/corpus/corpus.ts) decides, and compiles query trees to FTS5.

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
  if (filters.personId !== undefined) {
    conditions.push("f.id IN (SELECT document FROM appearances WHERE person = ?)");
    params.push(filters.personId);
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

/** A stored list ("/河北省/衡水市/", ",常委会,") as its elements. */
const elementsOf = (list: string | null, separator: "/" | ",") => (list ? list.split(separator).filter(Boolean) : null);

/** The documents matching a request: a ranked full-text match, or (no words to find) the filtered pages by date. */
function compiled(tree: QueryTree | null, filters: Filters): { matching: Matching | null; where: { sql: string; params: unknown[] } } {
  const where = whereOf(filters);
  const matching = tree && hasRequired(tree) ? matchingOf(tree) : null;
  // Words only to leave out (-引资): every page that passes the filters, less those.
  if (tree && !matching) {
    const exclusion = exclusionOf(tree);
    return { matching, where: { sql: `${where.sql} AND ${exclusion.sql}`, params: [...where.params, ...exclusion.params] } };
  }
  return { matching, where };
}

export class SqliteBackend implements CorpusBackend {
  readonly db: Database.Database;
  readonly schemaVersion: number;

  private readonly statements = new Map<string, Database.Statement>();
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

  get inTransaction(): boolean {
    return this.db.inTransaction;
  }

  /** Take the write lock, waiting (without blocking the thread) as long as another writer holds it. */
  async begin(onWait?: () => void): Promise<{ othersWrote: boolean }> {
    await whenFree(() => this.db.exec("BEGIN IMMEDIATE"), { ms: Infinity, onWait });
    const version = this.db.pragma("data_version", { simple: true }) as number;
    const othersWrote = version !== this.seenVersion;
    this.seenVersion = version;
    return { othersWrote };
  }

  async commit(): Promise<void> {
    if (!this.db.inTransaction) return;
    this.indexUnindexed();
    this.db.exec("COMMIT");
  }

  async rollback(): Promise<void> {
    if (this.db.inTransaction) this.db.exec("ROLLBACK");
    this.unindexed.length = 0;
  }

  async storePages(pages: PageToStore[]): Promise<(number | null)[]> {
    return pages.map((page) => this.insertDocument(page));
  }

  private insertDocument({ page, date }: PageToStore): number | null {
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
        date,
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


  async bandMembers(keys: number[], perBand: number): Promise<{ members: Map<number, number[]>; pages: Map<number, FiledPage> }> {
    const newest = this.sql("SELECT document FROM bands WHERE key = ? ORDER BY document DESC LIMIT ?").pluck();
    const filed = this.sql("SELECT s.signature, f.cluster FROM signatures s JOIN facets f ON f.id = s.id WHERE s.id = ?").raw();
    const members = new Map<number, number[]>();
    const pages = new Map<number, FiledPage>();
    for (const key of keys) {
      const ids = newest.all(key, perBand) as number[];
      members.set(key, ids);
      for (const id of ids) {
        if (pages.has(id)) continue;
        const [signature, cluster] = filed.get(id) as [Buffer, number];
        pages.set(id, { signature: uint32s(signature), cluster });
      }
    }
    return { members, pages };
  }

  async texts(ids: number[]): Promise<Map<number, string>> {
    const text = this.sql("SELECT text FROM documents WHERE id = ?").pluck();
    return new Map(ids.map((id) => [id, text.get(id) as string]));
  }

  async personsNamed(names: string[]): Promise<Map<string, StoredPerson[]>> {
    const query = this.sql("SELECT id, codes, jurisdiction, levels, posts FROM persons WHERE name = ?");
    return new Map(names.map((name) => [name, (query.all(name) as ({ id: number } & StoredProfile)[]).map((row) => ({ id: row.id, profile: profileFromStored(row) }))]));
  }

  async filePages(batch: FilingBatch): Promise<number[]> {
    const insertPerson = this.sql("INSERT INTO persons (name, codes, jurisdiction, levels, posts) VALUES (@name, @codes, @jurisdiction, @levels, @posts)");
    const personIds = batch.newPersons.map(({ name, profile }) => Number(insertPerson.run({ ...storedProfile(profile), name }).lastInsertRowid));
    const updatePerson = this.sql("UPDATE persons SET codes = @codes, jurisdiction = @jurisdiction, levels = @levels, posts = @posts WHERE id = @id");
    for (const { id, profile } of batch.changedPersons) updatePerson.run({ ...storedProfile(profile), id });
    const facets = this.sql("INSERT INTO facets (id, cluster, date, region, code, kinds) VALUES (?, ?, ?, ?, ?, ?)");
    const band = this.sql("INSERT OR IGNORE INTO bands (key, document) VALUES (?, ?)");
    const appearance = this.sql("INSERT INTO appearances (document, n, person, name, posts, roles) VALUES (?, ?, ?, ?, ?, ?)");
    const directive = this.sql("INSERT INTO directives (document, speaker, text, theme) VALUES (?, ?, ?, ?)");
    const personOf = (person: AppearanceRow["person"]) => ("id" in person ? person.id : personIds[person.added]!);
    for (const page of batch.pages) {
      const { id, cluster, date, region, code, kinds } = page.facets;
      facets.run(id, cluster, date, region.length ? `/${region.join("/")}/` : null, code, kinds.length ? `,${kinds.join(",")},` : null);
      for (const key of page.bands) band.run(key, id);
      page.appearances.forEach((row, n) => appearance.run(id, n, personOf(row.person), row.name, row.posts.join("、"), row.roles.join("、")));
      for (const item of page.directives) directive.run(id, item.speaker, item.text, item.theme);
    }
    return personIds;
  }

  async matches({ tree, filters, facets, dates, limit }: MatchRequest): Promise<Matches> {
    const { matching, where } = compiled(tree, filters);
    const columns = (rank: string) => `f.cluster, f.id, ${rank}, ${dates || facets ? "f.date" : "NULL"}${facets ? ", f.region, f.kinds" : ""}`;
    const cap = limit === null ? "" : ` LIMIT ${limit}`;
    // Ranked matches newest stored first (the cap keeps the most recent); browsing newest by date, undated
    // last (SQLite sorts NULL lowest).
    const rows = (
      matching
        ? this.sql(`SELECT ${columns(matching.rank)} FROM ${withFacets(matching)} AND ${where.sql} ORDER BY ${matching.id} DESC${cap}`)
            .raw()
            .all(...matching.params, ...where.params)
        : this.sql(`SELECT ${columns("0")} FROM facets f WHERE ${where.sql} ORDER BY f.date DESC, f.id DESC${cap}`).raw().all(...where.params)
    ) as [number, number, number, string | null, string | null, string | null][];
    const matches: Matches = { ids: [], clusters: [], ranks: [], dates: [], regions: facets ? [] : null, kinds: facets ? [] : null };
    for (const row of rows) {
      matches.clusters.push(row[0]);
      matches.ids.push(row[1]);
      matches.ranks.push(row[2]);
      matches.dates.push(row[3]);
      matches.regions?.push(elementsOf(row[4], "/"));
      matches.kinds?.push(elementsOf(row[5], ","));
    }
    return matches;
  }

  async countMatches(tree: QueryTree | null, filters: Filters): Promise<number> {
    const { matching, where } = compiled(tree, filters);
    if (matching === null) return this.sql(`SELECT COUNT(*) FROM facets f WHERE ${where.sql}`).pluck().get(...where.params) as number;
    // Without filters the index alone counts, three times faster than through the facets of 50,000 matches.
    if (where.params.length === 0) return this.sql(`SELECT COUNT(*) FROM ${matching.from} WHERE ${matching.condition}`).pluck().get(...matching.params) as number;
    return this.sql(`SELECT COUNT(*) FROM ${withFacets(matching)} AND ${where.sql}`).pluck().get(...matching.params, ...where.params) as number;
  }

  async summaries(ids: number[]): Promise<Map<number, SummaryWithText>> {
    const document = this.sql(`SELECT ${SUMMARY_COLUMNS}, f.cluster, d.text FROM documents d JOIN facets f ON f.id = d.id WHERE d.id = ?`);
    return new Map(
      ids.map((id) => {
        const row = document.get(id) as DocumentRow & { cluster: number; text: string };
        return [id, { ...summaryOf(row), cluster: row.cluster, text: row.text }];
      }),
    );
  }

  async clusterPages(clusters: number[]): Promise<Map<number, DocumentSummary[]>> {
    const pages = this.sql(`SELECT ${SUMMARY_COLUMNS} FROM facets f JOIN documents d ON d.id = f.id WHERE f.cluster = ? ORDER BY f.id`);
    return new Map(clusters.map((cluster) => [cluster, (pages.all(cluster) as DocumentRow[]).map(summaryOf)]));
  }

  async personCounts(ids: number[], limit: number): Promise<FacetCount[]> {
    return personCounts(this.statement, ids, limit);
  }

  private recordOf(id: number, text: string, packed: Buffer): Record {
    const rest = JSON.parse(inflateRawSync(packed).toString("utf8")) as Omit<Record, "text" | "removed">;
    const rows = this.sql("SELECT line, reason, line_no, rule FROM removed WHERE document = ? ORDER BY n").all(id) as RemovedRow[];
    const removed = rows.map(({ line, reason, line_no, rule }): Removed => ({ line, reason, ...(line_no === null ? {} : { n: line_no }), ...(rule === null ? {} : { rule }) }));
    return { ...rest, text, removed } as Record;
  }

  async document(id: number): Promise<StoredRecord | null> {
    const row = this.sql(`SELECT ${SUMMARY_COLUMNS}, f.cluster, d.text, d.record FROM documents d JOIN facets f ON f.id = d.id WHERE d.id = ?`).get(id) as
      | (DocumentRow & { cluster: number; text: string; record: Buffer })
      | undefined;
    if (!row) return null;
    const personIds = this.sql("SELECT person FROM appearances WHERE document = ? ORDER BY n").pluck().all(id) as number[];
    return { summary: summaryOf(row), record: this.recordOf(row.id, row.text, row.record), cluster: row.cluster, personIds };
  }

  async rawText(id: number): Promise<string | null> {
    const raw = this.sql("SELECT raw FROM pages_as_read WHERE id = ?").pluck().get(id) as Buffer | undefined;
    return raw ? inflateRawSync(raw).toString("utf8") : null;
  }

  async pageKeyOf(id: number): Promise<string | null> {
    return (this.sql("SELECT page_key FROM documents WHERE id = ?").pluck().get(id) as string | undefined) ?? null;
  }

  async idOfPageKey(key: string): Promise<number | null> {
    return (this.sql("SELECT id FROM documents WHERE page_key = ?").pluck().get(key) as number | undefined) ?? null;
  }

  async records(filters: Filters, after: number, limit: number): Promise<{ id: number; cluster: number; record: Record }[]> {
    const where = whereOf(filters);
    const rows = this.sql(`SELECT d.id, f.cluster, d.text, d.record FROM facets f JOIN documents d ON d.id = f.id WHERE f.id > ? AND ${where.sql} ORDER BY f.id LIMIT ?`).all(
      after,
      ...where.params,
      limit,
    ) as { id: number; cluster: number; text: string; record: Buffer }[];
    return rows.map((row) => ({ id: row.id, cluster: row.cluster, record: this.recordOf(row.id, row.text, row.record) }));
  }

  async personsByName(name: string): Promise<PersonRow[]> {
    return this.sql("SELECT id, name, jurisdiction FROM persons WHERE name = ? ORDER BY id").all(name) as PersonRow[];
  }

  async personById(id: number): Promise<PersonRow | null> {
    return (this.sql("SELECT id, name, jurisdiction FROM persons WHERE id = ?").get(id) as PersonRow | undefined) ?? null;
  }

  async personIndex(selection: PersonSelection, limit: number, offset: number): Promise<{ total: number; rows: PersonIndexRow[] }> {
    const { condition, value } = personSelection(selection, (at) => `p.id IN (SELECT value FROM json_each(${at}))`);
    const where = `${condition("?")} AND EXISTS (SELECT 1 FROM appearances a WHERE a.person = p.id)`;
    const { total } = this.sql(`SELECT COUNT(*) AS total FROM persons p WHERE ${where}`).get(value) as { total: number };
    const rows = this.sql(
      `SELECT p.id, p.name, p.jurisdiction, p.codes, GROUP_CONCAT(DISTINCT a.posts) AS posts, COUNT(DISTINCT f.cluster) AS documents, MIN(f.date) AS first, MAX(f.date) AS last
       FROM (SELECT * FROM persons p WHERE ${where}) p JOIN appearances a ON a.person = p.id JOIN facets f ON f.id = a.document
       GROUP BY p.id ORDER BY documents DESC, p.id LIMIT ? OFFSET ?`,
    ).all(value, limit, offset) as RawPersonIndexRow[];
    return { total, rows: rows.map(personIndexRow) };
  }

  async appearances(personIds: number[]): Promise<Map<number, Appearance[]>> {
    const query = this.sql(
      `SELECT a.document, f.cluster, d.date, d.meeting, d.jurisdiction, a.posts, a.roles FROM appearances a JOIN documents d ON d.id = a.document
       JOIN facets f ON f.id = a.document WHERE a.person = ? ORDER BY d.date IS NULL, d.date, a.document`,
    );
    return new Map(personIds.map((id) => [id, (query.all(id) as StoredAppearance[]).map(appearanceOf)]));
  }

  async regionRows(name: string): Promise<RegionRows | null> {
    return regionRows(this.statement, name);
  }

  async directives(request: DirectiveRequest): Promise<{ total: number; entries: LedgerEntry[] }> {
    return ledger(this.statement, whereOf, request);
  }

  async followUp(id: number, status: FollowUpStatus, note: string, updated?: string): Promise<LedgerEntry | null> {
    return whenFree(() => setFollowUp(this.statement, id, status, note, updated), { ms: this.writePatienceMs });
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

/** A corpus in one SQLite file: the corpus layer over the SQLite backend (commands open it through openStore). */
export class SqliteStore extends Corpus {
  /** the backend itself, for what only a SQLite file has (the benchmark's checkpoint and full scan) */
  readonly sqlite: SqliteBackend;

  constructor(file: string, options: { create: boolean; writePatienceMs?: number }) {
    const backend = new SqliteBackend(file, options);
    super(backend);
    this.sqlite = backend;
  }
}
