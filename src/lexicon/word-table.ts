// A read-only table from words to counts kept in typed arrays instead of a Map of strings. jieba's dictionary
// has 349,000 words: as a Map they are some 25 MB of small objects on the JavaScript heap, which every
// process that cleans pages carries and which the garbage collector scans and multiplies into its heap
// limit; here they are about 6 MB of flat arrays outside the heap. Lookups hash the word's UTF-16 code
// units and probe linearly, as fast as Map.get on a freshly built string.

/** Words as added: their characters one after another, each word's start and length in the slots. */
export class WordTable {
  private readonly chars: Uint16Array;
  private readonly starts: Int32Array;
  private readonly lengths: Uint8Array;
  private readonly counts: Uint32Array;
  private readonly mask: number;
  /** Number of distinct words. */
  readonly size: number;

  private constructor(chars: Uint16Array, starts: Int32Array, lengths: Uint8Array, counts: Uint32Array, size: number) {
    this.chars = chars;
    this.starts = starts;
    this.lengths = lengths;
    this.counts = counts;
    this.mask = starts.length - 1;
    this.size = size;
  }

  /** How often the word was counted; 0 for a word the table does not hold. */
  count(word: string): number {
    const slot = this.find(word);
    return slot < 0 ? 0 : this.counts[slot]!;
  }

  has(word: string): boolean {
    return this.find(word) >= 0;
  }

  /**
   * Whether some word holds these two UTF-16 units side by side. Hashed bits, so a pair no word holds may be
   * answered yes now and then, never the other way: a candidate for a gap that makes a word with neither
   * neighbour is passed over before any word is built to look up.
   */
  hasPair(first: number, second: number): boolean {
    const bit = pairBit(first, second);
    return (this.pairBits()[bit >>> 5]! & (1 << (bit & 31))) !== 0;
  }

  private pairs: Uint32Array | null = null;

  private pairBits(): Uint32Array {
    if (this.pairs) return this.pairs;
    const pairs = new Uint32Array(PAIR_BITS / 32);
    for (let slot = 0; slot < this.starts.length; slot++) {
      const start = this.starts[slot]!;
      if (start < 0) continue;
      for (let i = start + 1; i < start + this.lengths[slot]!; i++) {
        const bit = pairBit(this.chars[i - 1]!, this.chars[i]!);
        pairs[bit >>> 5]! |= 1 << (bit & 31);
      }
    }
    return (this.pairs = pairs);
  }

  /** Bytes of the arrays, for memory reports. */
  get bytes(): number {
    return this.chars.byteLength + this.starts.byteLength + this.lengths.byteLength + this.counts.byteLength + (this.pairs?.byteLength ?? 0);
  }

  private find(word: string): number {
    const length = word.length;
    if (length === 0 || length > MAX_LENGTH) return -1;
    let slot = hash(word) & this.mask;
    for (;;) {
      const start = this.starts[slot]!;
      if (start < 0) return -1;
      if (this.lengths[slot] === length && this.sameChars(start, word)) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  private sameChars(start: number, word: string): boolean {
    for (let i = 0; i < word.length; i++) if (this.chars[start + i] !== word.charCodeAt(i)) return false;
    return true;
  }

  /**
   * Build a table from (word, count) pairs. A word given again takes its last count, as Map.set would;
   * words longer than 255 code units are left out (no dictionary word is that long), and counts are held
   * between 0 and 2^32 − 1.
   * `expectedWords` and `expectedChars` size the arrays: the number of entries and their total length
   * at most (a line count and the source text's length serve).
   */
  static build(expectedWords: number, expectedChars: number, fill: (add: (word: string, count: number) => void) => void): WordTable {
    const capacity = slotsFor(expectedWords);
    const starts = new Int32Array(capacity).fill(-1);
    const lengths = new Uint8Array(capacity);
    const counts = new Uint32Array(capacity);
    let chars = new Uint16Array(Math.max(16, expectedChars));
    let used = 0;
    let size = 0;
    const mask = capacity - 1;
    fill((word, count) => {
      const length = word.length;
      if (length === 0 || length > MAX_LENGTH) return;
      let slot = hash(word) & mask;
      for (;;) {
        const start = starts[slot]!;
        if (start < 0) break;
        if (lengths[slot] === length && sameAt(chars, start, word)) {
          counts[slot] = clampCount(count);
          return;
        }
        slot = (slot + 1) & mask;
      }
      if (size + 1 > capacity * MAX_LOAD) throw new Error(`WordTable: more than ${expectedWords} words added`);
      if (used + length > chars.length) {
        const grown = new Uint16Array(Math.max(chars.length * 2, used + length));
        grown.set(chars);
        chars = grown;
      }
      for (let i = 0; i < length; i++) chars[used + i] = word.charCodeAt(i);
      starts[slot] = used;
      lengths[slot] = length;
      counts[slot] = clampCount(count);
      used += length;
      size++;
    });
    return new WordTable(chars.slice(0, used), starts, lengths, counts, size);
  }
}

/** 2^22 bits (512 KB): jieba's dictionary sets about one in fifteen of them. */
const PAIR_BITS = 1 << 22;
const pairBit = (first: number, second: number) => Math.imul((first << 16) | second, 0x9e3779b1) >>> 10;

const MAX_LENGTH = 255;
/** Three quarters full at most: a probe for a missing word (the common case when scoring candidates) still stops within a few slots. */
const MAX_LOAD = 0.75;
/** Counts are kept in 32 bits; jieba's largest is some 3 million. */
const MAX_COUNT = 0xffffffff;

function slotsFor(words: number): number {
  let capacity = 16;
  while (capacity * MAX_LOAD < words) capacity *= 2;
  return capacity;
}

/** FNV-1a over UTF-16 code units, with a final mix so that the low bits used as the slot depend on every unit. */
function hash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 12)) >>> 0;
}

function clampCount(count: number): number {
  return Number.isFinite(count) ? Math.min(Math.max(Math.round(count), 0), MAX_COUNT) : 0;
}

function sameAt(chars: Uint16Array, start: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if (chars[start + i] !== word.charCodeAt(i)) return false;
  return true;
}
