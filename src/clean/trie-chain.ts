import { Trie } from "opencc-js/core";

// OpenCC's conversion as opencc-js's ConverterFactory does it — each group of tables one trie, longest match
// first, the tries applied one after another — without its cost on characters no table holds. The library
// asks its trie at every character, and a miss still costs a map lookup, a result object and a look for an
// ideographic description sequence; most characters of a page, and nearly all of a simplified one, are
// misses. Here a table of the characters that start a key lets a miss cost one array read, and a text
// in which no key starts comes back as it was; a character whose pair with the next starts no longer key
// takes its own value, read from the library's trie once. Outcomes are the library's: a longer match is the
// library's own Trie.matchPrefix, and a text holding an ideographic description character (U+2FF0–U+2FFF, which the
// library reads as one unit with the characters it describes) is converted by the library's Trie.convert.

type DictGroup = readonly string[];

const IDS_FIRST = 0x2ff0;
const IDS_LAST = 0x2fff;
const NOT_A_START = 0;
/** only a one-character key starts here: its value is looked up, no trie walk */
const ONE_CHARACTER = 1;
/** a longer key starts here: the trie finds the longest match */
const STARTS_PHRASE = 2;
const DESCRIBES = 3;
/** the first unit of a surrogate pair: the character is read whole, and keys outside the BMP looked for */
const HIGH_SURROGATE = 4;

interface Table {
  trie: Trie;
  /** per UTF-16 code unit of the BMP: what starts there (the constants above) */
  starts: Uint8Array;
  /** the trie's value for each BMP character that is a key of its own and changes; "" for the others */
  single: string[];
  /** the same value where it is one UTF-16 unit (most are: 會 → 会), 0 elsewhere: a small table read per
   * character of a traditional page, where the strings sit all over the heap */
  singleUnit: Uint16Array;
  /** the first two UTF-16 units of every longer key, as bits of a hashed set: a phrase can start at a place
   * only if its pair's bit is set (a pair of another key may share the bit; the trie then finds the truth) */
  pairs: Uint32Array;
  /** first code points of keys outside the BMP */
  astralStarts: Set<number>;
  /** per UTF-16 code unit: 1 where it is the chosen unit of a key the table changes (see changingUnits) */
  changing: Uint8Array;
}

/** 2^20 bits: the phrase tables' tens of thousands of pairs set a few percent of them. */
const PAIR_BITS = 1 << 20;
/** A pair of UTF-16 units hashed to one of PAIR_BITS bits; asking it allocates nothing, as a set of numbers would. */
const pairBit = (first: number, second: number) => Math.imul((first << 16) | second, 0x9e3779b1) >>> 12;
const hasPair = (pairs: Uint32Array, first: number, second: number) => {
  const bit = pairBit(first, second);
  return (pairs[bit >>> 5]! & (1 << (bit & 31))) !== 0;
};

function tableOf(group: DictGroup): Table {
  const trie = new Trie();
  trie.loadDictGroup(group);
  const starts = new Uint8Array(0x10000);
  // filled, not holey: a holey array of 65,536 slots with a few thousand set is kept as a dictionary, and
  // reading it cost a hash lookup per character of a traditional page
  const single: string[] = new Array<string>(0x10000).fill("");
  const astralStarts = new Set<number>();
  const pairs = new Uint32Array(PAIR_BITS / 32);
  for (const dict of group) {
    for (const entry of dict.split("|")) {
      const key = entry.slice(0, entry.indexOf(" "));
      const first = key.codePointAt(0);
      if (first === undefined) continue;
      if (first > 0xffff) astralStarts.add(first);
      else if (key.length > 1) {
        starts[first] = STARTS_PHRASE;
        const bit = pairBit(first, key.charCodeAt(1));
        pairs[bit >>> 5]! |= 1 << (bit & 31);
      } else if (starts[first] === NOT_A_START) starts[first] = ONE_CHARACTER;
    }
  }
  // The value the library's trie holds for a character alone (the group's first table wins, as loadDictGroup
  // loads them); "" where the character only starts longer keys or stands for itself.
  for (let c = 0; c < 0x10000; c++) {
    if (starts[c] === NOT_A_START) continue;
    const match = trie.matchPrefix(String.fromCharCode(c), 0);
    // a character that stands for itself (著 in a table that keeps it) needs no replacing
    if (match !== null && match.value !== String.fromCharCode(c)) single[c] = match.value;
  }
  for (let c = IDS_FIRST; c <= IDS_LAST; c++) if (starts[c] === NOT_A_START) starts[c] = DESCRIBES;
  for (let c = 0xd800; c <= 0xdbff; c++) starts[c] = HIGH_SURROGATE;
  const singleUnit = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) if (single[c]!.length === 1) singleUnit[c] = single[c]!.charCodeAt(0);
  return { trie, starts, single, singleUnit, pairs, astralStarts, changing: changingUnits(group, trie) };
}

/**
 * One UTF-16 unit of every key whose value differs from it, as a table. A match of such a key holds all its
 * units, and a text changes only where such a key matches, so a text that holds none of the chosen units
 * comes back as it was, whatever the trie would find in it. Most keys of a regional variant's phrase table
 * stand for themselves (一家三口: they keep a character from the character table's change), and their starts
 * cover a third of a page's characters: looking them up found mostly nothing to change.
 *
 * Keys are taken shortest first and a key holding a unit chosen already adds none; otherwise its chosen
 * unit is the first where key and value differ (the variant character itself: 吃 of 一口吃個 → 一口喫個), so
 * the chosen units stay the few characters the table is about.
 */
function changingUnits(group: DictGroup, trie: Trie): Uint8Array {
  const changing = new Uint8Array(0x10000);
  const keys = group.flatMap((dict) => dict.split("|").map((entry) => entry.slice(0, entry.indexOf(" "))));
  keys.sort((a, b) => a.length - b.length);
  for (const key of keys) {
    if (key === "") continue;
    // the value the trie holds for the whole key: the group's first table wins, as it loads them
    const match = trie.matchPrefix(key, 0);
    if (match !== null && match.end === key.length && match.value === key) continue;
    let held = false;
    for (let k = 0; k < key.length && !held; k++) held = changing[key.charCodeAt(k)] === 1;
    if (held) continue;
    const value = match?.value ?? "";
    let at = 0;
    while (at < key.length - 1 && key.charCodeAt(at) === value.charCodeAt(at)) at++;
    changing[key.charCodeAt(at)] = 1;
  }
  return changing;
}

/** Whether the text holds a unit of a key the table changes; when it does not, the table leaves it as it is. */
function mayChange(table: Table, text: string): boolean {
  const { changing } = table;
  for (let i = 0; i < text.length; i++) if (changing[text.charCodeAt(i)] === 1) return true;
  return false;
}

/**
 * The converted text is written as UTF-16 units into one reused buffer, from the first change on as the
 * text is read, every unit whether it changed or not, and made a string once: joining a piece per replaced
 * character, as a traditional page has thousands, left as many strings to collect, and copying the runs
 * between replacements afterwards read each of their characters twice.
 */
let buffer = new Uint16Array(1 << 16);
/** The same memory as bytes, made once per buffer: a Buffer made per line cost more than reading it. */
let bufferBytes = Buffer.from(buffer.buffer);

/** Room for `units` more units at `at`; the buffer grows (keeping what is written) when a line outgrows it. */
function room(at: number, units: number): void {
  if (at + units <= buffer.length) return;
  const grown = new Uint16Array(Math.max(buffer.length * 2, at + units));
  grown.set(buffer.subarray(0, at));
  buffer = grown;
  bufferBytes = Buffer.from(buffer.buffer);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The first `length` units written: read as UTF-16LE by Buffer, which keeps lone surrogates as they are, on
 * a little-endian machine; elsewhere in slices small enough for String.fromCharCode's argument list. */
function written(length: number): string {
  if (LITTLE_ENDIAN) return bufferBytes.toString("utf16le", 0, length * 2);
  const SLICE = 8192;
  let out = "";
  for (let at = 0; at < length; at += SLICE) {
    out += String.fromCharCode.apply(null, buffer.subarray(at, Math.min(length, at + SLICE)) as unknown as number[]);
  }
  return out;
}

/** Write a value of any length at `at`, with room for the `rest` of the text after it; where writing ends. */
function writeValue(at: number, value: string, rest: number): number {
  room(at, value.length + rest);
  for (let k = 0; k < value.length; k++) buffer[at++] = value.charCodeAt(k);
  return at;
}

/** At a high surrogate: the units its character takes, negated when a key starts with it and the trie must look. */
function astralStep(text: string, i: number, astralStarts: Set<number>): number {
  const cp = text.codePointAt(i)!;
  const width = cp > 0xffff ? 2 : 1;
  return astralStarts.has(cp) ? -width : width;
}

const FOUND_NOTHING = -1;
const FOUND_DESCRIPTION = -2;

/**
 * Where the table first changes the text, read without writing: most lines of a page in another regional
 * variant hold nothing that variant's table changes, and the simplified lines of a mixed page nothing at all.
 */
function firstChange(table: Table, text: string): number {
  const { trie, starts, single, singleUnit, pairs, astralStarts } = table;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff) {
      const step = astralStep(text, i, astralStarts);
      if (step > 0) {
        i += step;
        continue;
      }
      width = -step;
    } else {
      const kind = starts[c]!;
      if (kind === NOT_A_START) {
        i++;
        continue;
      }
      if (kind === DESCRIBES) return FOUND_DESCRIPTION;
      if (kind === ONE_CHARACTER || i + 1 === n || !hasPair(pairs, c, text.charCodeAt(i + 1))) {
        if (singleUnit[c] !== 0 || single[c] !== "") return i;
        i++;
        continue;
      }
    }
    const match = trie.matchPrefix(text, i);
    if (match === null) i += width;
    // a key that stands for itself (一家三口 in a variant's phrases) is passed over whole, as converting does
    else if (match.end - i === match.value.length && text.startsWith(match.value, i)) i = match.end;
    else return i;
  }
  return FOUND_NOTHING;
}

/**
 * What the last pass changed, kept while it writes: whether every value it wrote had its key's length (so
 * its output stands unit for unit against its input), and how many units it wrote differently. A caller
 * that counts changed characters reads it through changedInLast instead of comparing the texts again.
 */
let passAligned = true;
let passDiffering = 0;

/** One trie's pass; null when the text holds a description character and the library must read it. */
function convertFast(table: Table, text: string): string | null {
  passAligned = true;
  passDiffering = 0;
  if (!mayChange(table, text)) return text;
  const first = firstChange(table, text);
  if (first === FOUND_NOTHING) return text;
  if (first === FOUND_DESCRIPTION) return null;
  const { trie, starts, single, singleUnit, pairs, astralStarts } = table;
  const n = text.length;
  // one unit out for each unit in, until a value longer than its key: room is made again there
  room(0, n);
  // counted in locals and kept for changedInLast when the pass ends: a module variable written per character
  // is a store per character
  let aligned = true;
  let differing = 0;
  let out = buffer;
  let at = 0;
  // the text before the first change as it is; from there every unit is written as it is read
  for (; at < first; at++) out[at] = text.charCodeAt(at);
  for (let i = first; i < n; ) {
    // Most characters: one no key starts with, or one whose value alone is one unit. This loop calls nothing,
    // so the tables' and the buffer's places are read once before it, not again at every character after a
    // call that might have moved them; whatever else comes is left to the steps below it.
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      const kind = starts[c]!;
      if (kind === NOT_A_START) {
        out[at++] = c;
        continue;
      }
      // No longer key starts with this character and the next (nor at the text's last character): the longest
      // match is the character alone. The next unit is read only where there is one: a read past the end,
      // seen once, leaves every read of it a call instead of a load.
      if (kind !== ONE_CHARACTER && (kind !== STARTS_PHRASE || (i + 1 < n && hasPair(pairs, c, text.charCodeAt(i + 1))))) break;
      const unit = singleUnit[c]!;
      if (unit === 0) break;
      // a one-unit value is never its key (such keys are left out of the table)
      out[at++] = unit;
      differing++;
    }
    if (i === n) break;
    const c = text.charCodeAt(i);
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff) {
      const step = astralStep(text, i, astralStarts);
      if (step > 0) {
        for (let k = 0; k < step; k++) out[at++] = text.charCodeAt(i + k);
        i += step;
        continue;
      }
      width = -step;
    } else {
      // The loop above left this character: a description, a phrase that may start here, or a key alone
      // whose value is longer than one unit or the character itself.
      const kind = starts[c]!;
      if (kind === DESCRIBES) {
        passAligned = aligned;
        passDiffering = differing;
        return null;
      }
      if (kind === ONE_CHARACTER || i + 1 === n || !hasPair(pairs, c, text.charCodeAt(i + 1))) {
        if (single[c] !== "") {
          at = writeValue(at, single[c]!, n - i - 1);
          out = buffer;
          aligned = false;
        } else out[at++] = c;
        i++;
        continue;
      }
    }
    const match = trie.matchPrefix(text, i);
    if (match === null) {
      for (let k = 0; k < width; k++) out[at++] = text.charCodeAt(i + k);
      i += width;
      continue;
    }
    const value = match.value;
    if (value.length === match.end - i) {
      for (let k = 0; k < value.length; k++) if (value.charCodeAt(k) !== text.charCodeAt(i + k)) differing++;
    } else aligned = false;
    at = writeValue(at, value, n - match.end);
    out = buffer;
    i = match.end;
  }
  // the library's value for a key may equal the key (a phrase kept as it is): the text is then written anew, as before
  passAligned = aligned;
  passDiffering = differing;
  return written(at);
}

/** Tables by the group they were built from: the chains share their simplifying group, built once, not once each. */
const built = new Map<DictGroup, Table>();

function tableFor(group: DictGroup): Table {
  let table = built.get(group);
  if (table === undefined) built.set(group, (table = tableOf(group)));
  return table;
}

/** Units the last conversion changed, where it can tell without comparing; see changedInLast. */
let lastChanged = 0;

/**
 * How many UTF-16 units the last call of a converter changed, when its output stands unit for unit against
 * its input: exactly one of the chain's passes changed the text, and wrote every value at its key's length.
 * -1 otherwise (a value longer or shorter than its key, two passes that both changed the text, or the
 * library's own conversion): the caller compares the texts.
 */
export function changedInLast(): number {
  return lastChanged;
}

/** A converter of the given groups of tables, applied in order, as ConverterFactory(...groups) converts. */
export function trieChain(...groups: DictGroup[]): (text: string) => string {
  const tables = groups.map(tableFor);
  return (text) => {
    let result = text;
    let changed = 0;
    let passes = 0;
    for (const table of tables) {
      const fast = convertFast(table, result);
      const next = fast ?? table.trie.convert(result);
      if (next !== result) {
        passes++;
        changed = fast !== null && passAligned ? passDiffering : -1;
      }
      result = next;
    }
    lastChanged = passes > 1 ? -1 : changed;
    return result;
  };
}
