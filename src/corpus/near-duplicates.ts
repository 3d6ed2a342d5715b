import { bandKeys, CONFIRMED_AT_MOST, distinctShingles, jaccard, similarity, THRESHOLD } from "../dedup/minhash.js";
import type { CorpusBackend, FiledPage } from "./backend.js";

// Near-duplicate filing: a new page joins the cluster of its closest earlier copy, else starts its own.
// Candidates are the pages sharing an LSH band with it (the newest CANDIDATES_PER_BAND of each band); the
// likeliest few by MinHash estimate are confirmed on their shingles. A batch of pages is filed together:
// its stored candidates are read in one request, and its own earlier pages are candidates from memory.

/**
 * Pages of one LSH band met as candidates, the most recently stored: a band that many pages share
 * (pages left with almost no text, a report reposted hundreds of times) would otherwise make every new
 * page of the kind read all of them, a cost growing with the corpus. The newest of a band belong to the
 * clusters a new copy is likeliest to join.
 */
export const CANDIDATES_PER_BAND = 64;

/** A new page to file: its id, signature and text. */
export interface NewPage {
  id: number;
  signature: Uint32Array;
  text: string;
}

export interface Filed {
  cluster: number;
  /** the page joined an earlier page's cluster */
  copy: boolean;
  bands: number[];
}

/** File a batch of new pages (ids ascending), each against everything stored before it, the batch's earlier pages included. */
export async function fileBatch(backend: CorpusBackend, pages: NewPage[]): Promise<Filed[]> {
  const keysOf = pages.map((page) => bandKeys(page.signature));
  const stored = await backend.bandMembers([...new Set(keysOf.flat())], CANDIDATES_PER_BAND);
  /** the batch's pages filed so far, by id */
  const batchPages = new Map<number, FiledPage & { text: string }>();

  // The likeliest candidates of every page, from stored pages and the batch's earlier ones; the stored
  // ones' texts fetched at once. A batch page's cluster is known once it is filed, so the confirming
  // happens in order below.
  const likelyOf = pages.map((page, i) => {
    const seen = new Set<number>();
    const likely: { id: number; estimate: number }[] = [];
    for (const key of keysOf[i]!) {
      // The batch's earlier pages sharing this band are newer than any stored one.
      const earlier = pages.slice(0, i).filter((_, j) => keysOf[j]!.includes(key)).map((other) => other.id).reverse();
      const members = [...earlier, ...(stored.members.get(key) ?? [])].slice(0, CANDIDATES_PER_BAND);
      for (const candidate of members) {
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        const other = stored.pages.get(candidate)?.signature ?? pages.find((p) => p.id === candidate)!.signature;
        const estimate = similarity(page.signature, other);
        if (estimate >= THRESHOLD) likely.push({ id: candidate, estimate });
      }
    }
    return likely.sort((a, b) => b.estimate - a.estimate).slice(0, CONFIRMED_AT_MOST);
  });
  const storedIds = [...new Set(likelyOf.flat().map((candidate) => candidate.id))].filter((id) => stored.pages.has(id));
  const texts = storedIds.length ? await backend.texts(storedIds) : new Map<number, string>();

  return pages.map((page, i) => {
    let cluster: number | null = null;
    if (likelyOf[i]!.length) {
      const shingles = distinctShingles(page.text);
      for (const { id } of likelyOf[i]!) {
        const other = batchPages.get(id) ?? { ...stored.pages.get(id)!, text: texts.get(id)! };
        if (jaccard(shingles, distinctShingles(other.text)) >= THRESHOLD) {
          cluster = other.cluster;
          break;
        }
      }
    }
    const filed = { cluster: cluster ?? page.id, copy: cluster !== null, bands: keysOf[i]! };
    batchPages.set(page.id, { signature: page.signature, cluster: filed.cluster, text: page.text });
    return filed;
  });
}
