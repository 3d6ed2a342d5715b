import pg from "pg";
import { inflateRawSync } from "node:zlib";
import type { CorpusBackend, FiledPage, FilingBatch, Matches, MatchRequest, PageToStore, PersonIndexRow, PersonRow, PersonSelection, RegionRows, StoredPerson, StoredRecord, SummaryWithText } from "../../corpus/backend.js";
import { Corpus } from "../../corpus/corpus.js";
import { personIndexRow, personSelection, type RawPersonIndexRow } from "../person-index.js";
import { profileFromStored, storedProfile, type StoredProfile } from "../../corpus/person-match.js";
import type { QueryTree } from "../../search/query.js";
import type { SharedQueue } from "../../ingest/shared-queue.js";
import type { Record, Removed } from "../../types.js";
import { UserError } from "../../errors.js";
import type { Appearance, DirectiveRequest, DocumentSummary, FacetCount, Filters, FollowUpStatus, LedgerEntry, Stats, Store } from "../store.js";
import { describeTarget, openPool } from "./connect.js";
import { ledger, personCounts, regionRows, setFollowUp, stats } from "./explore.js";
import { tsvectorOf } from "./fts.js";
import { lock, tryLock } from "./locks.js";
import { migratePg } from "./migrations.js";
import { claim, complete, enqueue, extend, fail, progress, release } from "./queue.js";
import { candidateOf, candidatesSql, rankOf, rankPlan, totalsSql, type Totals } from "./rank.js";
import { matchesQuery, matchingOf, Params, whereOf } from "./where.js";
import { appearanceOf, type StoredAppearance } from "../appearance-row.js";
import { type DocumentRow, SUMMARY_COLUMNS, summaryOf } from "../summary-row.js";

// The server backend: a PostgreSQL database that many programs read and write at once. It stores and
// finds what the corpus layer (src/corpus/corpus.ts) decides. A write transaction holds one connection of
// the pool from `begin` to `commit`; each call stores a whole batch in a few statements over arrays
// (unnest), not a statement a row. Writers store at once and take turns only to file, on an advisory lock
// held from the first filing read to the commit (see filingLock), so that two copies of one report filed
// at once share a cluster and one official met by two workers at once stays one person; readers never wait.

/** bigint (ids, counts, band keys) read as numbers: every one the corpus makes stays far below 2^53. */
const BIGINT_OID = 20;
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => (oid === BIGINT_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as "text"))) as pg.CustomTypesConfig["getTypeParser"],
};

type Queryable = Pick<pg.ClientBase, "query">;

/**
 * PostgreSQL's text cannot hold U+0000, which SQLite's can and which cleaning lets through (a NUL in a
 * page's title or text): sent as it is, the server refuses the statement and with it a whole batch of
 * pages. Every string a statement carries has it replaced by U+FFFD, the mark of a character that could not
 * be kept, whether it is written (a page, a name) or asked for (a filter).
 */
function textSafe(value: unknown): unknown {
  if (typeof value === "string") return value.includes("\u0000") ? value.replace(/\u0000/g, "\ufffd") : value;
  if (Array.isArray(value)) return value.map(textSafe);
  return value;
}

/** A connection or pool whose statements' parameters are made text-safe. */
function nulSafe(target: Queryable): Queryable {
  return { query: ((sql: string, params?: unknown[]) => target.query(sql, params?.map(textSafe))) as Queryable["query"] };
}

/** How many tokens a token string (space-separated) holds, as FTS5 counts a column's length. */
function tokenCount(tokens: string): number {
  let count = 0;
  for (const token of tokens.split(" ")) if (token !== "") count++;
  return count;
}

/** A stored signature as numbers again. */
const uint32s = (bytes: Buffer) => new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
const bytesOf = (array: Uint8Array | Uint32Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);


/** A stored list ("/河北省/衡水市/", ",常委会,") as its elements. */
const elementsOf = (list: string | null, separator: "/" | ",") => (list ? list.split(separator).filter(Boolean) : null);

/** Rows grouped by a key, every key asked for present (empty when none). */
function grouped<K, R, V>(keys: K[], rows: R[], keyOf: (row: R) => K, valueOf: (row: R) => V): Map<K, V[]> {
  const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(valueOf(row));
  return groups;
}

export class PgBackend implements CorpusBackend {
  /** the write transaction's connection, from `begin` to `commit` or `rollback` */
  private client: pg.PoolClient | null = null;
  /** whether the write transaction holds the filing lock */
  private locked = false;
  /** told when the filing lock is held by another writer */
  private onWait: (() => void) | undefined;
  /** what the write transaction adds to the corpus's totals, written at its commit */
  private totals = { pages: 0, pairs: 0, characters: 0 };

  private constructor(
    readonly pool: pg.Pool,
    readonly schemaVersion: number,
  ) {}

  /**
   * Open the corpus in the database at `url` (brought up to date); `create` makes its tables in an empty
   * database, otherwise a database without a corpus is an error.
   */
  static async open(url: string, { create }: { create: boolean }): Promise<PgBackend> {
    const pool = await openPool(url, { types: TYPES });
    try {
      if (!create) {
        const { rows } = await pool.query<{ found: string | null }>("SELECT to_regclass('documents')::text AS found");
        if (!rows[0]?.found) throw new UserError(`PostgreSQL ${describeTarget(url)} 中找不到 huiyi 语料库(先用 huiyi ingest --db 该地址 建库)`);
      }
      return new PgBackend(pool, await migratePg(pool));
    } catch (error) {
      await pool.end().catch(() => {});
      throw error;
    }
  }

  /** Where reads go: inside a write transaction they see its own writes, as SQLite's one connection does. */
  private get db(): Queryable {
    return nulSafe(this.client ?? this.pool);
  }

  /** The write transaction's connection; storing outside one is a program error. */
  private get writing(): Queryable {
    if (!this.client) throw new Error("PgBackend: a write outside a transaction");
    return nulSafe(this.client);
  }

  async known(pageKeys: string[]): Promise<Set<string>> {
    const { rows } = await this.db.query<{ page_key: string }>("SELECT page_key FROM documents WHERE page_key = ANY($1::text[])", [pageKeys]);
    return new Set(rows.map((row) => row.page_key));
  }

  get inTransaction(): boolean {
    return this.client !== null;
  }

  /**
   * Begin a transaction on a connection of its own. The corpus's filing lock is taken later, before the
   * first filing read (see filingLock): the heavy part of storing — text, page as read, signature,
   * full-text vector — runs while another writer files, and only the decisions that read what others
   * stored wait their turn. Others may have written before, so what the layer above remembers of the
   * corpus is stale at every begin.
   */
  async begin(onWait?: () => void): Promise<{ othersWrote: boolean }> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
    } catch (error) {
      client.release(true);
      throw error;
    }
    this.client = client;
    this.locked = false;
    this.onWait = onWait;
    return { othersWrote: true };
  }

  /**
   * Take the corpus's filing lock, held to the end of the transaction (waiting, after telling `onWait`,
   * while another writer holds it). Filing decides a page's cluster and its people's persons from what is
   * stored: two writers deciding at once could each miss the other's copy or person, so every read a
   * decision rests on comes after it. Locks a band key or a name each were tried first: a batch of 500
   * pages brings ~10,000 band keys, past the server's lock table ("out of shared memory"), and taken batch
   * by batch, two writers' sets cross and deadlock. One lock cannot. Nothing taken before it waits on
   * another writer: the documents a transaction inserts are its own (a page key is claimed by one worker),
   * and the corpus's totals, the one row every writer changes, are written under it (see commit).
   */
  private async filingLock(): Promise<void> {
    const client = this.client;
    if (!client || this.locked) return;
    if (!(await tryLock(client, "writer", "corpus"))) {
      this.onWait?.();
      await lock(client, "writer", "corpus");
    }
    this.locked = true;
  }

  async commit(): Promise<void> {
    await this.end("COMMIT");
  }

  async rollback(): Promise<void> {
    await this.end("ROLLBACK");
  }

  private async end(how: "COMMIT" | "ROLLBACK"): Promise<void> {
    const client = this.client;
    if (!client) return;
    const totals = this.totals;
    this.totals = { pages: 0, pairs: 0, characters: 0 };
    try {
      // The totals row is written last and under the filing lock: a writer holding it is committing and
      // waits on no one, so writers storing at once never wait on each other for it.
      if (how === "COMMIT" && totals.pages > 0) {
        await this.filingLock();
        await client.query("UPDATE search_totals SET pages = pages + $1, pairs = pairs + $2, characters = characters + $3", [totals.pages, totals.pairs, totals.characters]);
      }
    } catch (error) {
      this.client = null;
      await client.query("ROLLBACK").catch(() => {});
      client.release(true);
      throw error;
    }
    this.client = null;
    this.locked = false;
    try {
      await client.query(how);
      client.release();
    } catch (error) {
      // A connection whose transaction could not end is not given back to the pool.
      client.release(true);
      throw error;
    }
  }

  /** The work queue that ingest shares with other workers (src/ingest/queue.ts), as worker `worker`. */
  workQueue(worker: string): SharedQueue {
    const pool = nulSafe(this.pool);
    return {
      enqueue: (items) => enqueue(pool, items),
      claim: (batch, leaseMs) => claim(pool, worker, batch, leaseMs),
      completeStored: (pageKeys) => this.completeQueued(pageKeys),
      fail: (pageKey, reason) => fail(pool, pageKey, reason),
      extend: (pageKeys, leaseMs) => extend(pool, worker, pageKeys, leaseMs),
      release: (pageKeys) => release(pool, worker, pageKeys),
      progress: () => progress(pool),
    };
  }

  /**
   * Mark queued pages done (src/store/pg/queue.ts) in the write transaction that stores them: a page is
   * done exactly when it is stored, and a worker killed before its commit leaves its pages to another.
   */
  async completeQueued(pageKeys: string[]): Promise<void> {
    await complete(this.writing, pageKeys);
  }

  async storePages(pages: PageToStore[]): Promise<(number | null)[]> {
    if (pages.length === 0) return [];
    const client = this.writing;
    const column = <T>(value: (item: PageToStore) => T) => pages.map(value);
    // One INSERT for the batch; a key stored already (or earlier in the batch, or by another writer that
    // commits first) is skipped. Ids come in the batch's order.
    const { rows } = await client.query<{ id: number; page_key: string }>(
      `INSERT INTO documents (page_key, record_id, path, url, site, title, published, script, date, meeting,
         jurisdiction, division_code, division_path, kinds, text, record)
       SELECT page_key, record_id, path, url, site, title, published, script, date, meeting, jurisdiction, division_code, division_path, kinds, text, record
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
         $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::bytea[]) WITH ORDINALITY AS t
         (page_key, record_id, path, url, site, title, published, script, date, meeting, jurisdiction, division_code, division_path, kinds, text, record, n)
       ORDER BY n
       ON CONFLICT (page_key) DO NOTHING
       RETURNING id, page_key`,
      [
        column(({ page }) => page.pageKey),
        column(({ page }) => page.record.id),
        column(({ page }) => page.record.source.path),
        column(({ page }) => page.record.source.url),
        column(({ page }) => page.record.source.site ?? null),
        column(({ page }) => page.record.title),
        column(({ page }) => page.record.published),
        column(({ page }) => page.record.script),
        column(({ date }) => date),
        column(({ page }) => page.record.meeting?.name ?? null),
        column(({ page }) => page.record.meeting?.jurisdiction ?? null),
        column(({ page }) => page.record.meeting?.division?.code ?? null),
        column(({ page }) => page.record.meeting?.division?.path.join("/") ?? null),
        column(({ page }) => page.record.meeting?.kinds?.join(",") ?? null),
        column(({ page }) => page.record.text),
        column(({ page }) => bytesOf(page.packedRecord)),
      ],
    );
    const idOf = new Map(rows.map((row) => [row.page_key, row.id]));
    const ids = pages.map(({ page }) => {
      const id = idOf.get(page.pageKey);
      // the first of a key twice in the batch is the one stored
      idOf.delete(page.pageKey);
      return id ?? null;
    });
    const fresh = pages.flatMap(({ page }, i) => (ids[i] === null ? [] : [{ id: ids[i]!, page }]));
    if (fresh.length) await this.storeParts(client, fresh);
    return ids;
  }

  /** What belongs to each new document: removed lines, the page as read, signature, full-text vector. */
  private async storeParts(client: Queryable, fresh: { id: number; page: PageToStore["page"] }[]): Promise<void> {
    const removed = fresh.flatMap(({ id, page }) => page.record.removed.map((item: Removed, n) => ({ id, n, item })));
    if (removed.length) {
      await client.query(
        `INSERT INTO removed (document, n, line, reason, line_no, rule)
         SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::int[], $6::text[])`,
        [removed.map((r) => r.id), removed.map((r) => r.n), removed.map((r) => r.item.line), removed.map((r) => r.item.reason), removed.map((r) => r.item.n ?? null), removed.map((r) => r.item.rule ?? null)],
      );
    }
    const ids = fresh.map((item) => item.id);
    await client.query("INSERT INTO pages_as_read (id, raw) SELECT * FROM unnest($1::bigint[], $2::bytea[])", [ids, fresh.map(({ page }) => bytesOf(page.packedRaw))]);
    await client.query("INSERT INTO signatures (id, signature) SELECT * FROM unnest($1::bigint[], $2::bytea[])", [ids, fresh.map(({ page }) => bytesOf(page.signature))]);
    // Each page's length in the tokens of SQLite's two indexes, and the corpus's totals: what BM25 weighs by.
    const titles = fresh.map(({ page }) => tokenCount(page.titleTokens));
    const pairs = fresh.map(({ page }, i) => titles[i]! + tokenCount(page.bodyTokens));
    const characters = fresh.map(({ page }) => tokenCount(page.titleCharacters) + tokenCount(page.bodyCharacters));
    await client.query(
      "INSERT INTO search (id, tokens, pairs, characters, title_tokens) SELECT * FROM unnest($1::bigint[], $2::text[]::tsvector[], $3::int[], $4::int[], $5::int[])",
      [ids, fresh.map(({ page }) => tsvectorOf(page)), pairs, characters, titles],
    );
    this.totals.pages += fresh.length;
    this.totals.pairs += pairs.reduce((a, b) => a + b, 0);
    this.totals.characters += characters.reduce((a, b) => a + b, 0);
  }

  async bandMembers(keys: number[], perBand: number): Promise<{ members: Map<number, number[]>; pages: Map<number, FiledPage> }> {
    await this.filingLock();
    const { rows } = await this.db.query<{ key: number; document: number }>(
      `SELECT k.key, m.document FROM unnest($1::bigint[]) AS k (key)
       CROSS JOIN LATERAL (SELECT document FROM bands WHERE bands.key = k.key ORDER BY document DESC LIMIT $2) m`,
      [keys, perBand],
    );
    const members = grouped(keys, rows, (row) => row.key, (row) => row.document);
    const ids = [...new Set(rows.map((row) => row.document))];
    const pages = new Map<number, FiledPage>();
    if (ids.length) {
      const filed = await this.db.query<{ id: number; signature: Buffer; cluster: number }>(
        "SELECT s.id, s.signature, f.cluster FROM signatures s JOIN facets f ON f.id = s.id WHERE s.id = ANY($1::bigint[])",
        [ids],
      );
      for (const row of filed.rows) pages.set(row.id, { signature: uint32s(row.signature), cluster: row.cluster });
    }
    return { members, pages };
  }

  async texts(ids: number[]): Promise<Map<number, string>> {
    const { rows } = await this.db.query<{ id: number; text: string }>("SELECT id, text FROM documents WHERE id = ANY($1::bigint[])", [ids]);
    return new Map(rows.map((row) => [row.id, row.text]));
  }

  async personsNamed(names: string[]): Promise<Map<string, StoredPerson[]>> {
    await this.filingLock();
    const { rows } = await this.db.query<{ id: number; name: string } & StoredProfile>(
      "SELECT id, name, codes, jurisdiction, levels, posts FROM persons WHERE name = ANY($1::text[]) ORDER BY id",
      [names],
    );
    return grouped(names, rows, (row) => row.name, (row) => ({ id: row.id, profile: profileFromStored(row) }));
  }

  async filePages(batch: FilingBatch): Promise<number[]> {
    const client = this.writing;
    await this.filingLock();
    let personIds: number[] = [];
    if (batch.newPersons.length) {
      const stored = batch.newPersons.map(({ name, profile }) => ({ name, ...storedProfile(profile) }));
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO persons (name, codes, jurisdiction, levels, posts)
         SELECT name, codes, jurisdiction, levels, posts FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS t (name, codes, jurisdiction, levels, posts, n)
         ORDER BY n RETURNING id`,
        [stored.map((p) => p.name), stored.map((p) => p.codes), stored.map((p) => p.jurisdiction), stored.map((p) => p.levels), stored.map((p) => p.posts)],
      );
      // Identity values are drawn in the order rows are inserted: ascending ids are the batch's order.
      personIds = rows.map((row) => row.id).sort((a, b) => a - b);
    }
    if (batch.changedPersons.length) {
      const changed = batch.changedPersons.map(({ id, profile }) => ({ id, ...storedProfile(profile) }));
      await client.query(
        `UPDATE persons p SET codes = t.codes, jurisdiction = t.jurisdiction, levels = t.levels, posts = t.posts
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t (id, codes, jurisdiction, levels, posts) WHERE p.id = t.id`,
        [changed.map((p) => p.id), changed.map((p) => p.codes), changed.map((p) => p.jurisdiction), changed.map((p) => p.levels), changed.map((p) => p.posts)],
      );
    }
    await this.fileFacets(client, batch, personIds);
    return personIds;
  }

  /** Each page's facets, band keys, appearances and directives: one INSERT of each for the batch. */
  private async fileFacets(client: Queryable, batch: FilingBatch, personIds: number[]): Promise<void> {
    const facets = batch.pages.map((page) => page.facets);
    await client.query(
      `INSERT INTO facets (id, cluster, date, region, code, kinds) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [
        facets.map((f) => f.id),
        facets.map((f) => f.cluster),
        facets.map((f) => f.date),
        facets.map((f) => (f.region.length ? `/${f.region.join("/")}/` : null)),
        facets.map((f) => f.code),
        facets.map((f) => (f.kinds.length ? `,${f.kinds.join(",")},` : null)),
      ],
    );
    const bands = batch.pages.flatMap((page) => page.bands.map((key) => [key, page.facets.id] as const));
    if (bands.length) {
      await client.query("INSERT INTO bands (key, document) SELECT * FROM unnest($1::bigint[], $2::bigint[]) ON CONFLICT DO NOTHING", [bands.map((b) => b[0]), bands.map((b) => b[1])]);
    }
    const appearances = batch.pages.flatMap((page) =>
      page.appearances.map((row, n) => ({ document: page.facets.id, n, person: "id" in row.person ? row.person.id : personIds[row.person.added]!, row })),
    );
    if (appearances.length) {
      await client.query(
        "INSERT INTO appearances (document, n, person, name, posts, roles) SELECT * FROM unnest($1::bigint[], $2::int[], $3::bigint[], $4::text[], $5::text[], $6::text[])",
        [
          appearances.map((a) => a.document),
          appearances.map((a) => a.n),
          appearances.map((a) => a.person),
          appearances.map((a) => a.row.name),
          appearances.map((a) => a.row.posts.join("、")),
          appearances.map((a) => a.row.roles.join("、")),
        ],
      );
    }
    const directives = batch.pages.flatMap((page) => page.directives.map((row) => ({ document: page.facets.id, row })));
    if (directives.length) {
      // In the batch's order, so that ids follow the pages as SQLite's do.
      await client.query(
        `INSERT INTO directives (document, speaker, text, theme)
         SELECT document, speaker, text, theme FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t (document, speaker, text, theme, n) ORDER BY n`,
        [directives.map((d) => d.document), directives.map((d) => d.row.speaker), directives.map((d) => d.row.text), directives.map((d) => d.row.theme)],
      );
    }
  }

  async matches({ tree, filters, facets, dates, limit }: MatchRequest): Promise<Matches> {
    const matching = matchingOf(tree);
    if (matching.kind === "nothing") return { ids: [], clusters: [], ranks: [], dates: [], regions: facets ? [] : null, kinds: facets ? [] : null };
    const params = new Params();
    const where = whereOf(filters, params);
    const extra = facets ? ", f.region, f.kinds" : "";
    type Row = { id: number; cluster: number; rank: number; date: string | null; region?: string | null; kinds?: string | null };
    let rows: Row[];
    if (matching.kind === "ranked") {
      rows = await this.ranked(tree!, matching.tsquery, where, params, limit, extra);
    } else {
      const excluded = matching.excluded === null ? "" : ` AND NOT ${matchesQuery(params.add(matching.excluded))}`;
      const cap = limit === null ? "" : ` LIMIT ${params.add(limit)}`;
      // Newest by date, undated last (as SQLite sorts NULL lowest).
      rows = (await this.db.query<Row>(`SELECT f.id, f.cluster, 0 AS rank, f.date${extra} FROM facets f WHERE ${where}${excluded} ORDER BY f.date DESC NULLS LAST, f.id DESC${cap}`, params.values)).rows;
    }
    // Read to sort by in any case, but given (as SQLite gives them) only when asked for, or for facets.
    const withDates = dates || facets;
    return {
      ids: rows.map((row) => row.id),
      clusters: rows.map((row) => row.cluster),
      ranks: rows.map((row) => row.rank),
      dates: rows.map((row) => (withDates ? row.date : null)),
      regions: facets ? rows.map((row) => elementsOf(row.region ?? null, "/")) : null,
      kinds: facets ? rows.map((row) => elementsOf(row.kinds ?? null, ",")) : null,
    };
  }

  /** The matches of a query with words to find, each ranked by BM25 as SQLite ranks it (see rank.ts). */
  private async ranked(tree: QueryTree, tsquery: string, where: string, params: Params, limit: number | null, extra: string) {
    const plan = rankPlan(tree);
    const totalsParams = new Params();
    const totalsQuery = totalsSql(plan, totalsParams);
    type Row = { id: number; cluster: number; date: string | null; region?: string | null; kinds?: string | null; pair_count: number; title_tokens: number; exact_all?: string | null; occurrences?: string | null };
    const candidates = await this.db.query<Row>(candidatesSql(plan, tsquery, where, params, limit, extra), params.values);
    if (candidates.rows.length === 0) return [];
    const { rows } = await this.db.query<{ [column: string]: number }>(totalsQuery.sql, totalsParams.values);
    const stored = rows[0]!;
    const totals: Totals = {
      pages: stored["pages"]!,
      pairs: stored["pairs"]!,
      holding: new Map(totalsQuery.tsqueries.map((q, i) => [q, stored[`h${i}`]!])),
    };
    return candidates.rows.map((row) => ({ ...row, rank: rankOf(plan, candidateOf(row), totals) }));
  }

  async countMatches(tree: QueryTree | null, filters: Filters): Promise<number> {
    const matching = matchingOf(tree);
    if (matching.kind === "nothing") return 0;
    const params = new Params();
    const where = whereOf(filters, params);
    const query =
      matching.kind === "ranked" ? ` AND ${matchesQuery(params.add(matching.tsquery))}` : matching.excluded === null ? "" : ` AND NOT ${matchesQuery(params.add(matching.excluded))}`;
    const { rows } = await this.db.query<{ n: number }>(`SELECT count(*) AS n FROM facets f WHERE ${where}${query}`, params.values);
    return rows[0]!.n;
  }

  async summaries(ids: number[]): Promise<Map<number, SummaryWithText>> {
    const { rows } = await this.db.query<DocumentRow & { cluster: number; text: string }>(
      `SELECT ${SUMMARY_COLUMNS}, f.cluster, d.text FROM documents d JOIN facets f ON f.id = d.id WHERE d.id = ANY($1::bigint[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, { ...summaryOf(row), cluster: row.cluster, text: row.text }]));
  }

  async clusterPages(clusters: number[]): Promise<Map<number, DocumentSummary[]>> {
    const { rows } = await this.db.query<DocumentRow & { cluster: number }>(
      `SELECT ${SUMMARY_COLUMNS}, f.cluster FROM facets f JOIN documents d ON d.id = f.id WHERE f.cluster = ANY($1::bigint[]) ORDER BY f.id`,
      [clusters],
    );
    return grouped(clusters, rows, (row) => row.cluster, summaryOf);
  }

  personCounts(ids: number[], limit: number): Promise<FacetCount[]> {
    return personCounts(this.db, ids, limit);
  }

  /** Records as stored: the packed rest with the text and the removed lines put back. */
  private async recordsOf(rows: { id: number; text: string; record: Buffer }[]): Promise<Map<number, Record>> {
    const { rows: lines } = await this.db.query<{ document: number; line: string; reason: string; line_no: number | null; rule: string | null }>(
      "SELECT document, line, reason, line_no, rule FROM removed WHERE document = ANY($1::bigint[]) ORDER BY document, n",
      [rows.map((row) => row.id)],
    );
    const removed = grouped(
      rows.map((row) => row.id),
      lines,
      (line) => line.document,
      ({ line, reason, line_no, rule }): Removed => ({ line, reason, ...(line_no === null ? {} : { n: line_no }), ...(rule === null ? {} : { rule }) }),
    );
    return new Map(
      rows.map((row) => {
        const rest = JSON.parse(inflateRawSync(row.record).toString("utf8")) as Omit<Record, "text" | "removed">;
        return [row.id, { ...rest, text: row.text, removed: removed.get(row.id)! } as Record];
      }),
    );
  }

  async document(id: number): Promise<StoredRecord | null> {
    const { rows } = await this.db.query<DocumentRow & { cluster: number; text: string; record: Buffer }>(
      `SELECT ${SUMMARY_COLUMNS}, f.cluster, d.text, d.record FROM documents d JOIN facets f ON f.id = d.id WHERE d.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    const persons = await this.db.query<{ person: number }>("SELECT person FROM appearances WHERE document = $1 ORDER BY n", [id]);
    const records = await this.recordsOf([row]);
    return { summary: summaryOf(row), record: records.get(row.id)!, cluster: row.cluster, personIds: persons.rows.map((p) => p.person) };
  }

  async rawText(id: number): Promise<string | null> {
    const { rows } = await this.db.query<{ raw: Buffer }>("SELECT raw FROM pages_as_read WHERE id = $1", [id]);
    return rows[0] ? inflateRawSync(rows[0].raw).toString("utf8") : null;
  }

  async pageKeyOf(id: number): Promise<string | null> {
    const { rows } = await this.db.query<{ page_key: string }>("SELECT page_key FROM documents WHERE id = $1", [id]);
    return rows[0]?.page_key ?? null;
  }

  async idOfPageKey(key: string): Promise<number | null> {
    const { rows } = await this.db.query<{ id: number }>("SELECT id FROM documents WHERE page_key = $1", [key]);
    return rows[0] ? Number(rows[0].id) : null;
  }

  async records(filters: Filters, after: number, limit: number): Promise<{ id: number; cluster: number; record: Record }[]> {
    const params = new Params();
    const where = whereOf(filters, params);
    const { rows } = await this.db.query<{ id: number; cluster: number; text: string; record: Buffer }>(
      `SELECT d.id, f.cluster, d.text, d.record FROM facets f JOIN documents d ON d.id = f.id WHERE f.id > ${params.add(after)} AND ${where} ORDER BY f.id LIMIT ${params.add(limit)}`,
      params.values,
    );
    const records = await this.recordsOf(rows);
    return rows.map((row) => ({ id: row.id, cluster: row.cluster, record: records.get(row.id)! }));
  }

  async personsByName(name: string): Promise<PersonRow[]> {
    return (await this.db.query<PersonRow>("SELECT id, name, jurisdiction FROM persons WHERE name = $1 ORDER BY id", [name])).rows;
  }

  async personById(id: number): Promise<PersonRow | null> {
    return (await this.db.query<PersonRow>("SELECT id, name, jurisdiction FROM persons WHERE id = $1", [id])).rows[0] ?? null;
  }

  async personIndex(selection: PersonSelection, limit: number, offset: number): Promise<{ total: number; rows: PersonIndexRow[] }> {
    const { condition, value } = personSelection(selection, (at) => `p.id IN (SELECT jsonb_array_elements_text(${at}::jsonb)::bigint)`);
    const where = `${condition("$1")} AND EXISTS (SELECT 1 FROM appearances a WHERE a.person = p.id)`;
    const counted = await this.db.query<{ total: string }>(`SELECT count(*) AS total FROM persons p WHERE ${where}`, [value]);
    const { rows } = await this.db.query<RawPersonIndexRow>(
      `SELECT p.id, p.name, p.jurisdiction, p.codes, string_agg(DISTINCT a.posts, ',') AS posts, count(DISTINCT f.cluster) AS documents, min(f.date) AS first, max(f.date) AS last
       FROM (SELECT * FROM persons p WHERE ${where}) p JOIN appearances a ON a.person = p.id JOIN facets f ON f.id = a.document
       GROUP BY p.id, p.name, p.jurisdiction, p.codes ORDER BY documents DESC, p.id LIMIT $2 OFFSET $3`,
      [value, limit, offset],
    );
    return { total: Number(counted.rows[0]!.total), rows: rows.map(personIndexRow) };
  }

  async appearances(personIds: number[]): Promise<Map<number, Appearance[]>> {
    const { rows } = await this.db.query<StoredAppearance & { person: number }>(
      `SELECT a.person, a.document, f.cluster, d.date, d.meeting, d.jurisdiction, a.posts, a.roles FROM appearances a JOIN documents d ON d.id = a.document
       JOIN facets f ON f.id = a.document WHERE a.person = ANY($1::bigint[]) ORDER BY d.date ASC NULLS LAST, a.document`,
      [personIds],
    );
    return grouped(personIds, rows, (row) => row.person, appearanceOf);
  }

  regionRows(name: string): Promise<RegionRows | null> {
    return regionRows(this.db, name);
  }

  directives(request: DirectiveRequest): Promise<{ total: number; entries: LedgerEntry[] }> {
    return ledger(this.db, request);
  }

  /** A write of its own, committed at once: a row lock is all it needs, whoever else is writing. */
  followUp(id: number, status: FollowUpStatus, note: string, updated?: string): Promise<LedgerEntry | null> {
    return setFollowUp(nulSafe(this.pool), id, status, note, updated);
  }

  async stats(): Promise<Stats> {
    return stats(this.db, this.schemaVersion);
  }

  /** Close the pool; a transaction still open is rolled back (closing never commits). */
  async close(): Promise<void> {
    await this.rollback().catch(() => {});
    await this.pool.end();
  }
}

/** A corpus in a PostgreSQL database: the corpus layer over the PostgreSQL backend (opened through openStore). */
export async function openPgCorpus(url: string, options: { create: boolean }): Promise<Corpus> {
  return new Corpus(await PgBackend.open(url, options));
}

/** The work queue of a store on PostgreSQL, as worker `worker`; null for a store elsewhere (SQLite has none). */
export function sharedQueueOf(store: Store, worker: string): SharedQueue | null {
  return store instanceof Corpus && store.backend instanceof PgBackend ? store.backend.workQueue(worker) : null;
}
