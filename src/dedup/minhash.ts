// Near-duplicate pages by MinHash over the cleaned text and locality-sensitive hashing of the signature in
// bands (Broder 1997; Leskovec, Rajaraman & Ullman, Mining of Massive Datasets ch. 3). The parameters are
// chosen by bench/near-duplicates.ts, which prints precision and recall for the alternatives.

/** Characters per shingle: long enough that two reports in the same official phrasing share few. */
export const SHINGLE = 5;
export const BANDS = 16;
export const ROWS = 4;
export const HASHES = BANDS * ROWS;
/** Estimated Jaccard similarity from which two pages are copies of one report. */
export const THRESHOLD = 0.5;

const CONTENT = /[\p{L}\p{N}]/u;

/** murmur3's finalizer: spreads every input bit over the whole word. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes of the text's overlapping SHINGLE-character runs, punctuation and spaces left out. */
export function shingleHashes(text: string, size = SHINGLE): Uint32Array {
  const codes: number[] = [];
  for (const ch of text) if (CONTENT.test(ch)) codes.push(ch.codePointAt(0)!);
  const seen = new Set<number>();
  for (let i = 0; i + size <= codes.length; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + size; j++) h = Math.imul(h ^ codes[j]!, 0x01000193);
    seen.add(mix(h));
  }
  if (seen.size === 0 && codes.length > 0) seen.add(mix(codes.reduce((h, c) => Math.imul(h ^ c, 0x01000193), 0x811c9dc5)));
  return Uint32Array.from(seen);
}

const SEEDS = Uint32Array.from({ length: 256 }, (_, i) => mix(0x9e3779b9 * (i + 1)));

/** The MinHash signature: for each of `hashes` seeded hash functions, the least value over the shingles. */
export function signatureOf(shingles: Uint32Array, hashes = HASHES): Uint32Array {
  const signature = new Uint32Array(hashes).fill(0xffffffff);
  for (let k = 0; k < hashes; k++) {
    const seed = SEEDS[k]!;
    let least = 0xffffffff;
    for (let i = 0; i < shingles.length; i++) {
      const h = mix(shingles[i]! ^ seed);
      if (h < least) least = h;
    }
    signature[k] = least;
  }
  return signature;
}

/** One key per band of ROWS signature values; pages sharing a key are candidates. */
export function bandKeys(signature: Uint32Array, bands = BANDS, rows = ROWS): number[] {
  const keys: number[] = [];
  for (let b = 0; b < bands; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < rows; r++) h = mix(Math.imul(h ^ signature[b * rows + r]!, 0x01000193));
    // band number in the high bits: keys of different bands never meet; stays within 2^53
    keys.push(b * 2 ** 32 + h);
  }
  return keys;
}

/** The share of signature positions two pages agree on: an estimate of their shingles' Jaccard similarity. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return n ? same / n : 0;
}
