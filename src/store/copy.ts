import { createHash } from "node:crypto";
import { deflateRawSync } from "node:zlib";
import { shingleHashes, signatureOf } from "../dedup/minhash.js";
import { indexCharacters, indexTokens } from "../search/terms.js";
import type { Record } from "../types.js";
import type { DirectiveRequest, LedgerEntry, PreparedPage, Store } from "./store.js";

// Copying a corpus from one store to another through the Store API alone, so that any pair of backends
// works (SQLite → PostgreSQL, PostgreSQL → SQLite …). Pages are stored afresh in the order the source
// stored them, so the corpus layer files them again as it filed them the first time: the same pages form
// the same near-duplicate clusters and the same names the same persons (ids may differ). Afterwards the
// copy is checked page by page against the source, and the follow-ups users gave directives are carried
// over with the time they were set.

export interface CopyOptions {
  /** pages stored and committed together: a batch is kept whole or not at all */
  batch: number;
  /** told after each committed batch */
  onBatch?: (progress: { read: number; copied: number; skipped: number }) => void;
}

export interface CopyCounts {
  /** pages read from the source */
  documents: number;
  /** pages stored in the target by this run */
  copied: number;
  /** pages the target held already (a copy resumed) */
  skipped: number;
  clusters: number;
  persons: number;
  directives: number;
  followUps: number;
  /** pages whose cluster or persons do not group as in the source (0 when the copy is faithful) */
  regrouped: number;
}

/** A failed batch: what was committed before it stays; a rerun with resume continues after it. */
export class CopyBatchError extends Error {
  constructor(
    readonly firstId: number,
    readonly lastId: number,
    readonly committed: number,
    cause: unknown,
  ) {
    super(`源文档 ${firstId}–${lastId} 这一批未能写入(已整批撤销):${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/**
 * A stored page as ingest prepared it. Its key is the one ingest computed (the address and the page as
 * read), so a resumed copy knows the pages it stored before; a page stored without its text as read is
 * keyed by its clean text instead.
 */
export function preparedFromStored(record: Record, raw: string | null): PreparedPage {
  const { text: _text, removed: _removed, ...rest } = record;
  return {
    pageKey: createHash("sha256")
      .update(record.source.url ?? "")
      .update("\n")
      .update(raw ?? record.text)
      .digest("hex"),
    record,
    packedRecord: deflateRawSync(JSON.stringify(rest), { level: 1 }),
    signature: signatureOf(shingleHashes(record.text)),
    packedRaw: deflateRawSync(raw ?? "", { level: 1 }),
    titleTokens: indexTokens(record.title ?? ""),
    bodyTokens: indexTokens(record.text),
    titleCharacters: indexCharacters(record.title ?? ""),
    bodyCharacters: indexCharacters(record.text),
  };
}

export async function copyCorpus(from: Store, to: Store, options: CopyOptions): Promise<CopyCounts> {
  const pages = await copyPages(from, to, options);
  // Follow-ups are few (each one a user set by hand): they are held in memory, the pages never are.
  const followUps = await followUpsOf(from);
  const needed = new Set(followUps.map((entry) => entry.document));
  const check = await compareGrouping(from, to, needed);
  let carried = 0;
  for (const entry of followUps) {
    const target = check.documents.get(entry.document);
    const id = target === undefined ? null : await counterpartDirective(from, to, entry, target);
    if (id === null) throw new Error(`源指示 ${entry.id}(文档 ${entry.document})在目标库中找不到对应的指示,其跟进未能复制`);
    await to.followUp(id, entry.status, entry.note, entry.updated ?? undefined);
    carried++;
  }
  const stats = await to.stats();
  return {
    ...pages,
    clusters: stats.clusters,
    persons: stats.persons,
    directives: stats.directives,
    followUps: carried,
    regrouped: check.regrouped,
  };
}

/** Store the source's pages in the target, batch by batch, each batch committed whole. */
async function copyPages(from: Store, to: Store, { batch: size, onBatch }: CopyOptions) {
  const writer = to.writer();
  const counts = { documents: 0, copied: 0, skipped: 0 };
  let batch: { id: number; record: Record }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const raws = await Promise.all(batch.map((page) => from.rawText(page.id)));
    try {
      const added = await writer.add(batch.map((page, i) => preparedFromStored(page.record, raws[i]!)));
      await writer.commit();
      counts.copied += added.stored;
      counts.skipped += added.known;
    } catch (error) {
      await writer.abandon().catch(() => {});
      throw new CopyBatchError(batch[0]!.id, batch.at(-1)!.id, counts.copied, error);
    }
    counts.documents += batch.length;
    batch = [];
    onBatch?.({ read: counts.documents, copied: counts.copied, skipped: counts.skipped });
  };
  for await (const { id, record } of from.records({})) {
    batch.push({ id, record });
    if (batch.length >= size) await flush();
  }
  await flush();
  return counts;
}

/** Every directive of the ledger whose follow-up was ever set. */
async function followUpsOf(store: Store): Promise<LedgerEntry[]> {
  const kept: LedgerEntry[] = [];
  for await (const entry of ledgerEntries(store, {})) if (entry.updated !== null) kept.push(entry);
  return kept;
}

const PAGE = 100;

async function* ledgerEntries(store: Store, request: DirectiveRequest): AsyncIterable<LedgerEntry> {
  for (let offset = 0; ; offset += PAGE) {
    const { entries } = await store.directives({ ...request, limit: PAGE, offset });
    yield* entries;
    if (entries.length < PAGE) return;
  }
}

/**
 * Walk both corpora in the order stored, page beside page: each target page must be the source's page,
 * and the clusters and persons must group the pages as the source's do (ids may differ, the partition
 * not). Gives the target id of each source document asked for.
 */
async function compareGrouping(from: Store, to: Store, wanted: Set<number>) {
  const documents = new Map<number, number>();
  const clusters = new OneToOne();
  const persons = new OneToOne();
  let regrouped = 0;
  const target = to.records({})[Symbol.asyncIterator]();
  for await (const source of from.records({})) {
    const next = await target.next();
    if (next.done) throw new Error(`目标库缺少源文档 ${source.id} 及其后的文档`);
    const copy = next.value;
    if (copy.record.source.url !== source.record.source.url || copy.record.title !== source.record.title || copy.record.text !== source.record.text)
      throw new Error(`目标库的文档 ${copy.id} 不是源文档 ${source.id}:目标库在复制前已有别的文档`);
    if (wanted.has(source.id)) documents.set(source.id, copy.id);
    let same = clusters.pair(source.cluster, copy.cluster);
    if (source.record.people.length > 0) {
      const [a, b] = await Promise.all([from.document(source.id), to.document(copy.id)]);
      const ids = a?.personIds ?? [];
      const copied = b?.personIds ?? [];
      if (ids.length !== copied.length) same = false;
      ids.forEach((id, n) => {
        if (!persons.pair(id, copied[n] ?? -1)) same = false;
      });
    }
    if (!same) regrouped++;
  }
  return { documents, regrouped };
}

/** A pairing that must stay one to one: the same source id always with the same target id, and back. */
class OneToOne {
  private readonly forth = new Map<number, number>();
  private readonly back = new Map<number, number>();
  pair(a: number, b: number): boolean {
    const known = this.forth.get(a);
    const knownBack = this.back.get(b);
    if (known === undefined && knownBack === undefined) {
      this.forth.set(a, b);
      this.back.set(b, a);
      return true;
    }
    return known === b && knownBack === a;
  }
}

/**
 * The target's directive for a source directive: on the copied document, with the same speaker and text,
 * and the same place among the document's directives that share both (ids ascending on each side).
 */
async function counterpartDirective(from: Store, to: Store, entry: LedgerEntry, document: number): Promise<number | null> {
  const alike = async (store: Store, doc: number, dated: boolean) => {
    const request: DirectiveRequest = {};
    if (entry.speaker) request.speaker = entry.speaker;
    if (dated && entry.date) Object.assign(request, { from: entry.date, to: entry.date });
    const ids: number[] = [];
    for await (const other of ledgerEntries(store, request))
      if (other.document === doc && other.speaker === entry.speaker && other.text === entry.text) ids.push(other.id);
    return ids.sort((a, b) => a - b);
  };
  for (const dated of [true, false]) {
    const place = (await alike(from, entry.document, dated)).indexOf(entry.id);
    if (place < 0) continue;
    const found = (await alike(to, document, dated))[place];
    if (found !== undefined) return found;
  }
  return null;
}
