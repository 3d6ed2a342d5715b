import { createHash } from "node:crypto";
import { deflateRawSync } from "node:zlib";
import { clean, cleanBatch } from "../clean/index.js";
import { shingleHashes, signatureOf } from "../dedup/minhash.js";
import { extract } from "../extract/index.js";
import { indexCharacters, indexTokens } from "../search/terms.js";
import type { PreparedPage } from "../store/store.js";
import type { RawDoc, ReadFailure, Record } from "../types.js";

/** A page's identity as read: its address and text. The same page read again has the same key. */
export function pageKey(doc: RawDoc): string {
  return createHash("sha256")
    .update(doc.url ?? "")
    .update("\n")
    .update(doc.text)
    .digest("hex");
}

export interface Prepared {
  pages: PreparedPage[];
  failures: ReadFailure[];
}

const problemOf = (error: unknown) => `无法处理该页面: ${error instanceof Error ? error.message : String(error)}`;

/** One window of pages to prepare, with the keys the reader already computed for them. */
export interface Window {
  docs: RawDoc[];
  keys: string[];
}

/** A window of pages cleaned together, extracted, signed for near-duplicates and tokenized for search. */
export function preparePages({ docs, keys }: Window): Prepared {
  let cleaned: (Record | Error)[];
  try {
    cleaned = cleanBatch(docs);
  } catch {
    // One page the cleaner cannot take must not cost its window: clean them one by one to find it.
    cleaned = docs.map((doc) => {
      try {
        return clean(doc);
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    });
  }
  const prepared: Prepared = { pages: [], failures: [] };
  cleaned.forEach((result, i) => {
    const doc = docs[i]!;
    try {
      if (result instanceof Error) throw result;
      const record = extract(result);
      const { text: _text, removed: _removed, ...rest } = record;
      prepared.pages.push({
        pageKey: keys[i]!,
        record,
        packedRecord: deflateRawSync(JSON.stringify(rest), { level: 1 }),
        signature: signatureOf(shingleHashes(record.text)),
        packedRaw: deflateRawSync(doc.text, { level: 1 }),
        titleTokens: indexTokens(record.title ?? ""),
        bodyTokens: indexTokens(record.text),
        titleCharacters: indexCharacters(record.title ?? ""),
        bodyCharacters: indexCharacters(record.text),
      });
    } catch (error) {
      prepared.failures.push({ path: doc.path ?? doc.url ?? "-", problem: problemOf(error) });
    }
  });
  return prepared;
}
