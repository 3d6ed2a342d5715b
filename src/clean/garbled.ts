import iconv from "iconv-lite";
import { charactersReading, charScore, commonChars, longestWordThrough, pairScore, readsAs, textScore } from "../lexicon/char-model.js";
import { isPinyinSyllable } from "../lexicon/pinyin.js";
import type { GarbledSpan } from "../types.js";
import type { Stage } from "./draft.js";
import { dropGlosses } from "./glosses.js";

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

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
const LOST_FOR_GOOD = /(?:锟斤拷)+|(?:烫){3,}|(?:屯){3,}|\ufffd+/g;
const QUESTION_RUN = /(?<![?？])\?{3,}(?![?？])/g;
const LATIN_MOJIBAKE = /[\u00c0-\u00ff][\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]+/g;
const SYLLABLE = "[a-zA-Zü\\u00e0-\\u00fc\\u0100-\\u01dc]{1,7}";
/** '?' left where a two-byte character swallowed the '(' of a gloss, then the syllable and its lone ')'. */
const BROKEN_GLOSS_AT_START = new RegExp(`^\\?(${SYLLABLE})\\)`);
const BROKEN_GLOSS_AT_END = new RegExp(`\\?(${SYLLABLE})\\)$`);
/** A run of characters that GBK encodes in two bytes (Han, full-width forms, circled numbers …). */
const WIDE_RUN = /[^\x00-\x7f\s\u00a0-\u00ff\u3000\u201c\u201d\u2018\u2019]{2,}/g;
/** Re-aligned text must beat the text that stands there by this much per character (log frequency). */
const MIN_GAIN = 2.5;

const utf8 = new TextDecoder("utf-8", { fatal: true });

function gbkPair(a: number, b: number): string | null {
  if (a < 0x81 || a > 0xfe || b < 0x40 || b === 0x7f || b > 0xfe) return null;
  const ch = iconv.decode(Buffer.from([a, b]), "gbk");
  return ch.length === 1 && ch !== "\ufffd" && !/[\ue000-\uf8ff]/.test(ch) ? ch : null;
}

function isCommonRun(text: string): boolean {
  const common = commonChars();
  let rare = 0;
  for (const ch of text) if (HAN.test(ch) ? !common.has(ch) : !/[\p{P}]/u.test(ch)) rare++;
  return rare < 2;
}

function lostForGood(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(LOST_FOR_GOOD)) {
    found.push({ start: m.index!, end: m.index! + m[0].length, replacement: "", span: { text: m[0], repaired: null, how: "字节已丢失,删去" } });
  }
  for (const m of text.matchAll(QUESTION_RUN)) {
    found.push({ start: m.index!, end: m.index! + m[0].length, replacement: m[0], span: { text: m[0], repaired: null, how: "连续问号:原字符已丢失,保留原样" } });
  }
  return found;
}

function latinMojibake(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(LATIN_MOJIBAKE)) {
    const bytes = iconv.encode(m[0], "win1252");
    if (iconv.decode(bytes, "win1252") !== m[0]) continue;
    let repaired: string | null = null;
    let how = "";
    try {
      const decoded = utf8.decode(bytes);
      if (HAN.test(decoded)) [repaired, how] = [decoded, "UTF-8 被当作 Latin-1 读取,按 UTF-8 重读"];
    } catch {
      const decoded = iconv.decode(bytes, "gbk");
      if (!decoded.includes("\ufffd") && HAN.test(decoded) && isCommonRun(decoded)) [repaired, how] = [decoded, "GBK 被当作 Latin-1 读取,按 GBK 重读"];
    }
    if (repaired) found.push({ start: m.index!, end: m.index! + m[0].length, replacement: repaired, span: { text: m[0], repaired, how } });
  }
  return found;
}

/** UTF-8 bytes read as GBK: encode back to GBK, read as UTF-8. */
function utf8ReadAsGbk(run: string): string | null {
  const bytes = iconv.encode(run, "gbk");
  for (const cut of [0, 1, 2]) {
    try {
      const decoded = utf8.decode(bytes.subarray(0, bytes.length - cut));
      if (HAN.test(decoded) && textScore(decoded) - textScore(run) >= MIN_GAIN) return decoded;
    } catch {
      /* not UTF-8 at this length */
    }
  }
  return null;
}

/** Best character for an unknown byte, chosen by how it fits its neighbours and, when known, how it sounds. */
function bestOf(candidates: string[], before: string, after: string, syllable: string | null): string | null {
  let best: string | null = null;
  let bestScore = -Infinity;
  for (const ch of candidates) {
    if (syllable && !readsAs(ch, syllable)) continue;
    const score = charScore(ch) + (before ? pairScore(before, ch) : 0) + (after ? pairScore(ch, after) : 0);
    if (score > bestScore) [best, bestScore] = [ch, score];
  }
  return best;
}

function leadCandidates(trail: number): string[] {
  const out: string[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    const ch = gbkPair(lead, trail);
    if (ch) out.push(ch);
  }
  return out;
}

function trailCandidates(lead: number): string[] {
  const out: string[] = [];
  for (let trail = 0x40; trail <= 0xfe; trail++) {
    const ch = gbkPair(lead, trail);
    if (ch) out.push(ch);
  }
  return out;
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
  const firstAfter = bytes.length > 2 ? gbkPair(bytes[1]!, bytes[2]!) : null;
  const first = bestOf(leadCandidates(bytes[0]!), before, firstAfter ?? "", null);
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
      const last = bestOf(trailCandidates(lead), chars[chars.length - 1]!, "", brokenGloss[1]!);
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
  for (const m of text.matchAll(WIDE_RUN)) {
    const start = m.index!;
    const run = m[0];
    const end = start + run.length;
    if (taken(start, end)) continue;
    const lostBefore = text.slice(0, start).match(BROKEN_GLOSS_AT_END);
    const glossAfter = BROKEN_GLOSS_AT_START.test(text.slice(end));
    if (!lostBefore && !glossAfter && isCommonRun(run)) continue;

    const mojibake = utf8ReadAsGbk(run);
    if (mojibake) {
      found.push({ start, end, replacement: mojibake, span: { text: run, repaired: mojibake, how: "UTF-8 被当作 GBK 读取,按 UTF-8 重读" } });
      continue;
    }
    const before = lostBefore ? "" : text[start - 1] ?? "";
    const realigned = realign(run, before, text.slice(end));
    if (!realigned) continue;
    const plain = dropGlosses(realigned.text).text;
    if (textScore(plain) - textScore(run) < MIN_GAIN) continue;
    const spanEnd = end + realigned.consumed;
    found.push({
      start,
      end: spanEnd,
      replacement: realigned.text,
      span: { text: text.slice(start, spanEnd), repaired: plain, how: "GBK 错位一个字节:重新对齐字节后解码" },
    });
    if (lostBefore && isPinyinSyllable(lostBefore[1]!)) found.push(lostCharacter(text, start - lostBefore[0].length, lostBefore[1]!, plain));
  }
  return found;
}

/** '?' + syllable + ')' before a slipped run: a whole character is gone, only its gloss survives. */
function lostCharacter(text: string, start: number, syllable: string, following: string): Finding {
  const end = start + 1 + syllable.length + 1;
  const before = [...text.slice(0, start).replace(/[(（][a-zA-Zü\u00e0-\u00fc\u0100-\u01dc]{1,7}[)）]/g, "")].slice(-3).join("");
  const after = [...following].slice(0, 3).join("");
  // Only a character that makes a dictionary word with its neighbours (双桥 + 区 → 双桥区) is taken.
  let guess: string | null = null;
  let bestLength = 0;
  for (const ch of charactersReading(syllable)) {
    const length = longestWordThrough(before, ch, after);
    if (length > bestLength) [guess, bestLength] = [ch, length];
  }
  const original = text.slice(start, end);
  return guess
    ? { start, end, replacement: `${guess}(${syllable})`, span: { text: original, repaired: guess, how: `字符丢失,仅余注音 ${syllable}:取读音相符且与邻字成词的字` } }
    : { start, end, replacement: "", span: { text: original, repaired: null, how: `字符丢失,仅余注音 ${syllable}:无法确定,删去残片` } };
}

export function findDamage(text: string): Finding[] {
  const found: Finding[] = [...lostForGood(text), ...latinMojibake(text)];
  const taken = (start: number, end: number) => found.some((f) => f.start < end && start < f.end);
  found.push(...slippedGbk(text, taken));
  return found.sort((a, b) => a.start - b.start);
}

export function repairLine(text: string): { text: string; spans: GarbledSpan[] } {
  if (!mayBeDamaged(text)) return { text, spans: [] };
  const found = findDamage(text);
  let out = text;
  for (const f of [...found].sort((a, b) => b.start - a.start)) out = out.slice(0, f.start) + f.replacement + out.slice(f.end);
  return { text: out, spans: found.map((f) => f.span) };
}

/** A cheap look before the expensive one: most lines hold nothing but common characters. */
function mayBeDamaged(text: string): boolean {
  if (/[\ufffd?锟]|[\u00c0-\u00ff]./.test(text)) return true;
  const common = commonChars();
  let run = 0;
  for (const ch of text) {
    if (HAN.test(ch) && !common.has(ch)) {
      if (++run >= 2) return true;
    } else run = 0;
  }
  return false;
}

export const garbledStage: Stage = (draft) => {
  const garbled = [...draft.garbled];
  const lines = draft.lines.map((line) => {
    const { text, spans } = repairLine(line.text);
    garbled.push(...spans);
    return text === line.text ? line : { ...line, text };
  });
  return { ...draft, lines, garbled };
};
