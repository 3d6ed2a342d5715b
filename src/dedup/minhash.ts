// Near-duplicate pages by MinHash over the cleaned text and locality-sensitive hashing of the signature in
// bands (Broder 1997; Leskovec, Rajaraman & Ullman, Mining of Massive Datasets ch. 3); a candidate the
// estimate puts over the threshold is confirmed on the shingles themselves. The parameters are chosen by
// bench/store.ts, which prints precision and recall for the alternatives.

/** Characters per shingle: long enough that two reports in the same official phrasing share few. */
export const SHINGLE = 5;
export const BANDS = 16;
export const ROWS = 4;
export const HASHES = BANDS * ROWS;
/** Jaccard similarity of shingles from which two pages are copies of one report. */
export const THRESHOLD = 0.5;
/** Candidates the signatures put over the threshold that are checked on their shingles, likeliest first. */
export const CONFIRMED_AT_MOST = 3;

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

/** Letters and digits: what shingles are made of (punctuation and spaces are left out). */
function isContent(code: number): boolean {
  if (code >= 0x4e00 && code <= 0x9fff) return true;
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
  return code >= 0x3400 && CONTENT.test(String.fromCharCode(code));
}

/**
 * Hashes of the text's overlapping SHINGLE-character runs, punctuation and spaces left out, in text order
 * and with repeats: all a signature needs (sorting them took most of the time of signing a page).
 */
export function shingleHashes(text: string, size = SHINGLE): Uint32Array {
  const codes = new Uint16Array(text.length);
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isContent(code)) codes[length++] = code;
  }
  if (length === 0) return new Uint32Array(0);
  if (length < size) return Uint32Array.of(mix(codes.subarray(0, length).reduce((h, c) => Math.imul(h ^ c, 0x01000193), 0x811c9dc5)));
  const hashes = new Uint32Array(length - size + 1);
  for (let i = 0; i + size <= length; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + size; j++) h = Math.imul(h ^ codes[j]!, 0x01000193);
    hashes[i] = mix(h);
  }
  return hashes;
}

/** The text's shingle hashes, each once, ascending: what `jaccard` compares. */
export function distinctShingles(text: string, size = SHINGLE): Uint32Array {
  // A typed array sorts far faster than a Set collects.
  const hashes = shingleHashes(text, size).sort();
  let unique = hashes.length ? 1 : 0;
  for (let i = 1; i < hashes.length; i++) if (hashes[i] !== hashes[unique - 1]) hashes[unique++] = hashes[i]!;
  return hashes.subarray(0, unique);
}

const EMPTY = 0xffffffff;

/**
 * The signature by one-permutation hashing (Li, Owen & Zhang 2012): the hash range is cut into `hashes`
 * bins and each keeps the least value that falls in it — one pass over the shingles instead of one per
 * hash function. A bin no shingle fell in (short pages) borrows from the next bin that has one, with an
 * offset per step so borrowed values stay distinct (rotation densification, Shrivastava & Li 2014).
 */
export function signatureOf(shingles: Uint32Array, hashes = HASHES): Uint32Array {
  const signature = new Uint32Array(hashes).fill(EMPTY);
  for (let i = 0; i < shingles.length; i++) {
    const h = shingles[i]!;
    const bin = Math.floor((h / 2 ** 32) * hashes);
    const value = h - Math.floor((bin * 2 ** 32) / hashes);
    if (value < signature[bin]!) signature[bin] = value;
  }
  if (shingles.length === 0) return signature;
  const dense = signature.slice();
  for (let bin = 0; bin < hashes; bin++) {
    if (signature[bin] !== EMPTY) continue;
    let step = 1;
    while (signature[(bin + step) % hashes] === EMPTY) step++;
    dense[bin] = (signature[(bin + step) % hashes]! + step * 0x9e3779b1) >>> 0;
  }
  return dense;
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

/**
 * The Jaccard similarity of two pages' shingle hashes (ascending, as distinctShingles gives them), exactly:
 * the estimate's spread (±0.06 with 64 hashes) would otherwise file two reports that merely share a
 * headline and opening as copies.
 */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      shared++;
      i++;
      j++;
    }
  }
  return shared / (a.length + b.length - shared);
}
