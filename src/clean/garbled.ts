import iconv from "iconv-lite";
import { charactersReading, charScore, commonTable, wordFit, readsAs, textScore } from "../lexicon/char-model.js";
import { isPinyinSyllable, stripTones } from "../lexicon/pinyin.js";
import type { GarbledSpan } from "../types.js";
import { withText, type Edit, type PageStage } from "./draft.js";
import { lazy } from "../lexicon/load.js";
import { reasonOf } from "../lexicon/reasons.js";
import { flat } from "./flat-text.js";
import { dropGlosses } from "./glosses.js";
import { matchesOf } from "../matches.js";

// Encoding damage, found per line and repaired only where a re-reading of the bytes is clearly better
// Chinese than what stands there. Kinds handled:
//  - bytes that are gone for good: 锟斤拷 (U+FFFD written back as GBK), runs of U+FFFD, runs of '?';
//  - UTF-8 or GBK read as Latin-1/cp1252 (ä¸­å›½, ÖÐ¹ú) and UTF-8 read as GBK (涓浗);
//  - GBK that slipped by one byte: every character after the slip is made of the tail of one character
//    and the head of the next (的干部隊 → 母刹筷), until ASCII re-aligns it. In glossed pages the slip eats
//    the '(' of a gloss, leaving '?' and a syllable with a lone ')': the syllable still tells how the
//    lost character sounds.

interface Finding {
  start: number;
  end: number;
  /** what goes into the text instead (may carry glosses the next stage drops) */
  replacement: string;
  span: GarbledSpan;
}

/** A span of damage under its rule id, with the catalogue's words for how it was repaired. */
function damage(rule: string, text: string, repaired: string | null, slots: { [name: string]: string } = {}): GarbledSpan {
  return { text, repaired, how: reasonOf(rule, slots), rule };
}

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
const LOST_FOR_GOOD = /(?:锟斤拷)+|(?:烫){3,}|(?:屯){3,}|\ufffd+/g;
const QUESTION_RUN = /(?<![?？])\?{3,}(?![?？])/g;
const LATIN_MOJIBAKE_NEXT = /[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/;
const LATIN_MOJIBAKE = /[\u00c0-\u00ff][\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]+/g;
const SYLLABLE = "[a-zA-Zü\\u00e0-\\u00fc\\u0100-\\u01dc]{1,7}";
/** '?' left where a two-byte character swallowed the '(' of a gloss, then the syllable and its lone ')'. */
const BROKEN_GLOSS_AT_START = new RegExp(`^\\?(${SYLLABLE})\\)`);
const BROKEN_GLOSS_AT_END = new RegExp(`\\?(${SYLLABLE})\\)$`);
/** A run of characters that GBK encodes in two bytes (Han, full-width forms, circled numbers …). */
const WIDE_RUN = /[^\x00-\x7f\s\u00a0-\u00ff\u3000\u201c\u201d\u2018\u2019]{2,}/g;
/** Re-aligned text must beat the text that stands there by this much per character (log frequency). */
const MIN_GAIN = 2.5;
/** Candidates for an unknown byte weighed against their neighbours: the most frequent ones are enough. */
const MAX_CANDIDATES = 8;
/** Share of uncommon characters from which a run is taken for misread bytes rather than rare words. */
const MIN_RARE_SHARE = 0.3;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Every two-byte GBK character by its bytes, decoded once. */
const gbkTable = lazy(() => {
  const table = new Map<number, string>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = iconv.decode(Buffer.from([lead, trail]), "gbk");
      if (ch.length === 1 && ch !== "\ufffd" && !/[\ue000-\uf8ff]/.test(ch)) table.set((lead << 8) | trail, ch);
    }
  }
  return table;
});

function gbkPair(a: number, b: number): string | null {
  return gbkTable().get((a << 8) | b) ?? null;
}

const isHanCode = (code: number) => (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);

const isRare = (common: Uint8Array, code: number) => (isHanCode(code) ? common[code] === 0 : code >= 0x2460 && code <= 0x24ff);

/** Two uncommon characters side by side: how damage shows, and what a clean line rarely has. */
function hasRareCluster(text: string): boolean {
  const common = commonTable();
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    run = isRare(common, text.charCodeAt(i)) ? run + 1 : 0;
    if (run >= 2) return true;
  }
  return false;
}

/**
 * Text read one byte off is rare characters through and through (懽謽恰⑥); a clean stretch with a rare
 * name or word in it (蔡媛媛, 醞釀) has them side by side but few of them.
 */
function looksMisread(run: string): boolean {
  if (run.length < 4 || !hasRareCluster(run)) return false;
  const common = commonTable();
  let rare = 0;
  for (let i = 0; i < run.length; i++) if (isRare(common, run.charCodeAt(i))) rare++;
  return rare / run.length >= MIN_RARE_SHARE;
}

function lostForGood(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of matchesOf(LOST_FOR_GOOD, text)) {
    found.push({ start: m.index!, end: m.index! + m[0].length, replacement: "", span: damage("garbled.lost", m[0], null) });
  }
  for (const m of matchesOf(QUESTION_RUN, text)) {
    found.push({ start: m.index!, end: m.index! + m[0].length, replacement: m[0], span: damage("garbled.question-run", m[0], null) });
  }
  return found;
}

function latinMojibake(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of matchesOf(LATIN_MOJIBAKE, text)) {
    const latin1 = [...m[0]].every((ch) => ch.charCodeAt(0) <= 0xff);
    const bytes = latin1 ? Buffer.from(m[0], "latin1") : iconv.encode(m[0], "win1252");
    if (!latin1 && iconv.decode(bytes, "win1252") !== m[0]) continue;
    let repaired: string | null = null;
    let rule = "";
    try {
      const decoded = utf8.decode(bytes);
      if (HAN.test(decoded)) [repaired, rule] = [decoded, "garbled.latin1-utf8"];
    } catch {
      const decoded = iconv.decode(bytes, "gbk");
      if (!decoded.includes("\ufffd") && HAN.test(decoded) && !hasRareCluster(decoded)) [repaired, rule] = [decoded, "garbled.latin1-gbk"];
    }
    if (repaired) found.push({ start: m.index!, end: m.index! + m[0].length, replacement: repaired, span: damage(rule, m[0], repaired) });
  }
  return found;
}

/**
 * UTF-8 bytes read as GBK: encode back to GBK and look for the longest stretch, starting and ending on a
 * character boundary, that is valid UTF-8 of at least two three-byte characters; read it as UTF-8.
 */
function utf8ReadAsGbk(run: string): { start: number; end: number; repaired: string } | null {
  const chars = [...run];
  const encoded = chars.map((ch) => iconv.encode(ch, "gbk"));
  const bytes = Buffer.concat(encoded);
  const boundaries = new Map<number, number>();
  let offset = 0;
  encoded.forEach((b, i) => {
    boundaries.set(offset, i);
    offset += b.length;
  });
  boundaries.set(offset, chars.length);
  const isContinuation = (b: number | undefined) => b !== undefined && b >= 0x80 && b <= 0xbf;
  for (const [from, startChar] of boundaries) {
    let at = from;
    let lastBoundary = -1;
    let sequences = 0;
    while (at + 2 < bytes.length + 0 && bytes[at]! >= 0xe0 && bytes[at]! <= 0xef && isContinuation(bytes[at + 1]) && isContinuation(bytes[at + 2])) {
      at += 3;
      sequences++;
      if (boundaries.has(at) && sequences >= 2) lastBoundary = at;
    }
    if (lastBoundary < 0) continue;
    const endChar = boundaries.get(lastBoundary)!;
    const part = chars.slice(startChar, endChar).join("");
    let decoded: string;
    try {
      decoded = utf8.decode(bytes.subarray(from, lastBoundary));
    } catch {
      continue;
    }
    if (!HAN.test(decoded) || textScore(decoded) - textScore(part) < MIN_GAIN) continue;
    const start = chars.slice(0, startChar).join("").length;
    return { start, end: start + part.length, repaired: decoded };
  }
  return null;
}

/**
 * Best character for an unknown byte, by how it fits its neighbours — the longest dictionary word it makes
 * with them counts most (写 + 字楼 → 写字楼) — and its frequency; when its gloss survives, it must read so.
 * The candidates come most frequent first, so the most frequent few that read right are the first few.
 */
function bestOf(candidates: readonly Candidate[], before: string, after: string, syllable: string | null): string | null {
  const toneless = syllable ? stripTones(syllable) : null;
  const fit = wordFit(before, after);
  let best: string | null = null;
  let bestScore = -Infinity;
  let weighed = 0;
  for (const { ch, score } of candidates) {
    if (toneless && !readsAs(ch, toneless)) continue;
    const total = score + 3 * fit(ch);
    if (total > bestScore) [best, bestScore] = [ch, total];
    if (++weighed === MAX_CANDIDATES) break;
  }
  return best;
}

interface Candidate {
  ch: string;
  score: number;
}

/** Candidates for each known byte, most frequent first (in byte order among equals), built once per byte. */
const candidateLists = lazy(() => ({ lead: new Map<number, Candidate[]>(), trail: new Map<number, Candidate[]>() }));

/** The GBK characters whose lead byte (or trail byte) is lost and whose other byte is known. */
function candidatesWith(known: { lead: number } | { trail: number }): readonly Candidate[] {
  const [lists, byte] = "lead" in known ? [candidateLists().lead, known.lead] : [candidateLists().trail, known.trail];
  let list = lists.get(byte);
  if (list === undefined) {
    list = [];
    for (let other = 0x40; other <= 0xfe; other++) {
      const ch = "lead" in known ? gbkPair(known.lead, other) : gbkPair(other, known.trail);
      if (ch) list.push({ ch, score: charScore(ch) });
    }
    list.sort((a, b) => b.score - a.score);
    lists.set(byte, list);
  }
  return list;
}

interface Realigned {
  text: string;
  /** characters of the input after the run that the re-alignment used up */
  consumed: number;
}

/**
 * Re-read a run of GBK characters one byte off. The run's first byte is a trail byte whose lead was lost
 * (into a '?' or before the line), so a lead is chosen; an odd byte at the end takes the next ASCII byte
 * or the byte hidden in a following '?', whose gloss syllable then says which character it was.
 */
function realign(run: string, before: string, after: string): Realigned | null {
  const bytes = [...iconv.encode(run, "gbk")];
  if (bytes.length < 4) return null;
  const chars: (string | null)[] = [];
  const following: string[] = [];
  for (let j = 1; j + 1 < bytes.length && following.length < 3; j += 2) following.push(gbkPair(bytes[j]!, bytes[j + 1]!) ?? "");
  const first = bestOf(candidatesWith({ trail: bytes[0]! }), before, following.join(""), null);
  if (!first) return null;
  chars.push(first);
  let i = 1;
  for (; i + 1 < bytes.length; i += 2) chars.push(gbkPair(bytes[i]!, bytes[i + 1]!));
  if (chars.some((c) => c === null)) return null;
  let consumed = 0;
  if (i < bytes.length) {
    const lead = bytes[i]!;
    const next = after.charCodeAt(0);
    const brokenGloss = after.match(BROKEN_GLOSS_AT_START);
    if (brokenGloss && isPinyinSyllable(brokenGloss[1]!)) {
      const last = bestOf(candidatesWith({ lead }), chars[chars.length - 1]!, "", brokenGloss[1]!);
      if (!last) return null;
      chars.push(last + "(" + brokenGloss[1] + ")");
      consumed = brokenGloss[0].length;
    } else if (next >= 0x40 && next <= 0x7e && gbkPair(lead, next)) {
      chars.push(gbkPair(lead, next));
      consumed = 1;
    } else {
      return null;
    }
  }
  return { text: chars.join(""), consumed };
}

function slippedGbk(text: string, taken: (start: number, end: number) => boolean): Finding[] {
  const found: Finding[] = [];
  for (const m of matchesOf(WIDE_RUN, text)) {
    const start = m.index!;
    const run = m[0];
    const end = start + run.length;
    if (taken(start, end)) continue;
    const lostBefore = text[start - 1] === ")" ? text.slice(Math.max(0, start - 10), start).match(BROKEN_GLOSS_AT_END) : null;
    const glossAfter = text[end] === "?" && BROKEN_GLOSS_AT_START.test(text.slice(end, end + 10));
    if (!lostBefore && !glossAfter && !looksMisread(run)) continue;

    const mojibake = utf8ReadAsGbk(run);
    if (mojibake) {
      const [from, to] = [start + mojibake.start, start + mojibake.end];
      found.push({ start: from, end: to, replacement: mojibake.repaired, span: damage("garbled.utf8-as-gbk", text.slice(from, to), mojibake.repaired) });
      continue;
    }
    const before = lostBefore ? "" : text[start - 1] ?? "";
    const realigned = realign(run, before, text.slice(end, end + 10));
    if (!realigned) continue;
    const plain = dropGlosses(realigned.text).text;
    if (textScore(plain) - textScore(run) < MIN_GAIN) continue;
    const spanEnd = end + realigned.consumed;
    found.push({
      start,
      end: spanEnd,
      replacement: realigned.text,
      span: damage("garbled.gbk-shift", text.slice(start, spanEnd), plain),
    });
    if (lostBefore && isPinyinSyllable(lostBefore[1]!)) found.push(lostCharacter(text, start - lostBefore[0].length, lostBefore[1]!, plain));
  }
  return found;
}

/** '?' + syllable + ')' before a slipped run: a whole character is gone, only its gloss survives. */
function lostCharacter(text: string, start: number, syllable: string, following: string): Finding {
  const end = start + 1 + syllable.length + 1;
  const before = [...text.slice(Math.max(0, start - 40), start).replace(/[(（][a-zA-Zü\u00e0-\u00fc\u0100-\u01dc]{1,7}[)）]/g, "")].slice(-3).join("");
  const after = [...following].slice(0, 3).join("");
  // Only a character that makes a dictionary word with its neighbours (双桥 + 区 → 双桥区) is taken.
  const fit = wordFit(before, after);
  let guess: string | null = null;
  let bestLength = 0;
  for (const ch of charactersReading(syllable)) {
    const length = fit(ch);
    if (length > bestLength) [guess, bestLength] = [ch, length];
  }
  const original = text.slice(start, end);
  return guess
    ? { start, end, replacement: `${guess}(${syllable})`, span: damage("garbled.lost-char.guessed", original, guess, { syllable }) }
    : { start, end, replacement: "", span: damage("garbled.lost-char.dropped", original, null, { syllable }) };
}

export function findDamage(text: string): Finding[] {
  const found: Finding[] = [...lostForGood(text), ...latinMojibake(text)];
  const taken = (start: number, end: number) => found.some((f) => f.start < end && start < f.end);
  found.push(...slippedGbk(text, taken));
  return found.sort((a, b) => a.start - b.start);
}

/** A line with its damage repaired, each span placed [start, end) in the line given. */
export function repairLine(text: string): { text: string; spans: GarbledSpan[] } {
  const { edits: _edits, ...repaired } = repairWithEdits(text);
  return repaired;
}

/** The repair, with the stretches it replaced, so later stages can place their own spans in the line as read. */
function repairWithEdits(text: string): { text: string; spans: GarbledSpan[]; edits: Edit[] } {
  if (!mayBeDamaged(text)) return { text, spans: [], edits: [] };
  const found = findDamage(text);
  let out = text;
  for (const f of [...found].sort((a, b) => b.start - a.start)) out = out.slice(0, f.start) + f.replacement + out.slice(f.end);
  return {
    text: out,
    spans: found.map(({ span: s, start, end }) => ({ text: s.text, repaired: s.repaired, how: s.how, rule: s.rule, start, end })),
    edits: found.filter((f) => f.replacement !== text.slice(f.start, f.end)).map((f) => ({ start: f.start, end: f.end, length: f.replacement.length })),
  };
}

/** Per UTF-16 code unit, what the cheap look below asks of it; 0 for a common character, which most are. */
const TRIGGER = 1;
const RARE = 2;
const LATIN_LEAD = 4;
const lookTable = lazy(() => {
  const common = commonTable();
  const table = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    if (isRare(common, code)) table[code] = RARE;
    else if (code >= 0xc0 && code <= 0xff) table[code] = LATIN_LEAD;
  }
  for (const code of [0x3f, 0xfffd, 0x951f]) table[code] = TRIGGER;
  return table;
});

/** A cheap look before the expensive one: most lines hold nothing but common characters. */
function mayBeDamaged(text: string): boolean {
  const table = lookTable();
  let rareRun = 0;
  for (let i = 0; i < text.length; i++) {
    const kind = table[text.charCodeAt(i)]!;
    if (kind === 0) {
      rareRun = 0;
      continue;
    }
    // '?', U+FFFD, 锟 (of 锟斤拷), two Latin-1 letters in a row as misread UTF-8 becomes (a gloss's lone
    // tone mark, ì in jì, does not count), or two uncommon characters side by side
    if (kind === TRIGGER) return true;
    if (kind === LATIN_LEAD) {
      if (LATIN_MOJIBAKE_NEXT.test(text[i + 1] ?? "")) return true;
      rareRun = 0;
      continue;
    }
    if (++rareRun >= 2) return true;
  }
  return false;
}

export const garbledStage: PageStage = {
  id: "garbled",
  run(draft) {
    const garbled = [...draft.garbled];
    const lines = draft.lines.map((line, i) => {
      // the cheap look first, so a line with nothing to repair (most are) costs no result objects
      if (!mayBeDamaged(line.text)) return line;
      // Spans are placed in the line as read; a line another stage changed before this one keeps its number only.
      const { text, spans, edits } = repairWithEdits(line.text);
      const asRead = line.text === line.raw && !line.edits;
      // fields written out, in the record's order: a spread of the span with its place added or taken off
      // went through the slow path of object copying, for every span of a damaged page
      for (const s of spans) {
        garbled.push(
          asRead
            ? { text: s.text, repaired: s.repaired, how: s.how, rule: s.rule, line: i + 1, start: s.start, end: s.end }
            : { text: s.text, repaired: s.repaired, how: s.how, rule: s.rule, line: i + 1 },
        );
      }
      if (text === line.text) return line;
      return asRead ? withText(line, flat(text), edits) : withText(line, flat(text));
    });
    return { ...draft, lines, garbled };
  },
};
