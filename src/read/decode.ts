import iconv from "iconv-lite";
import { commonChars } from "../lexicon/char-model.js";

export class ReadError extends Error {}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Encodings no kept decoder reads: a page declaring one is refused by name rather than decoded into garbage. */
const UNSUPPORTED = /^(euc-?tw|cns-?11643|x-euc-tw|iso-2022-cn(-ext)?)$/;

/** Encodings a page's declaration may name, folded to the decoder we trust for that family. */
function canonical(declared: string): string | null {
  const name = declared.trim().toLowerCase().replace(/^x-/, "");
  if (/^(gb2312|gbk|gb18030|cp936|euc-cn|hz-gb-2312)$/.test(name)) return "gb18030";
  if (/^(big5|big5-hkscs|cp950)$/.test(name)) return "big5";
  if (/^utf-?8$/.test(name)) return "utf-8";
  if (/^utf-?16(le)?$/.test(name)) return "utf-16le";
  if (/^utf-?16be$/.test(name)) return "utf-16be";
  return iconv.encodingExists(name) ? name : null;
}

/** How many bytes of a page the detectors look at: enough to decide, and the cost stays fixed whatever the size. */
const SAMPLE_BYTES = 65536;

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) if (b === 0 || (b < 0x09) || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  return control > sample.length * 0.01;
}

/** How much a decoding looks like Chinese text: common characters count for it, replacement characters against. */
function chineseScore(text: string): number {
  const common = commonChars();
  let score = 0;
  for (const ch of text) {
    if (ch === "\ufffd") score -= 20;
    else if (common.has(ch)) score += 1;
    else if (ch.charCodeAt(0) >= 0x3400) score -= 0.5;
  }
  return score;
}

/**
 * The share of a decoding's Han characters that are common ones, or null when it holds too few to tell.
 * Chinese text in the right encoding scores above .95 (2,500 characters cover modern writing); the same
 * bytes read in a wrong one — EUC-TW as GB18030, random high bytes — score .2 to .4.
 */
function commonHanShare(text: string): number | null {
  const common = commonChars();
  let han = 0;
  let known = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x3400 || ch === "\ufffd") continue;
    han++;
    if (common.has(ch)) known++;
  }
  return han >= MIN_HAN_TO_JUDGE ? known / han : null;
}

const MIN_HAN_TO_JUDGE = 8;
/** Below this share of common characters a decoding is garbage, not a page with rare words. */
const MIN_COMMON_SHARE = 0.7;
/**
 * A short text may be a list of names or places, rare characters and all: under SHORT_TEXT Han characters
 * it is garbage only below SHORT_COMMON_SHARE (EUC-TW read as GB18030 scores under .4 at any length).
 */
const SHORT_TEXT = 30;
const SHORT_COMMON_SHARE = 0.5;

function readsAsChinese(text: string): boolean {
  const share = commonHanShare(text);
  if (share === null) return true;
  return share >= (hanCount(text) < SHORT_TEXT ? SHORT_COMMON_SHARE : MIN_COMMON_SHARE);
}

function hanCount(text: string): number {
  let han = 0;
  for (let i = 0; i < text.length && han < SHORT_TEXT; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x3400 && code !== 0xfffd) han++;
  }
  return han;
}

// UTF-16 without a byte-order mark. Text in UTF-16 has a shape no 8-bit encoding has: read two bytes at a
// time it yields real characters — no control characters, lone surrogates, private-use or unassigned code
// points — where GB18030, Big5 or UTF-8 bytes read that way yield many. And it shows positive evidence: the
// zero bytes of its ASCII characters (spaces, line ends, markup) fall on one side of each pair, or, in
// text with no ASCII at all, its characters are common Chinese ones.

const NOT_TEXT = /[\0-\x08\x0b\x0e-\x1f\x7f\p{Cs}\p{Co}\p{Cn}]/u;
const MAX_NOT_TEXT_SHARE = 0.01;

function utf16Evidence(sample: Uint8Array): "utf-16le" | "utf-16be" | null {
  const pairs = sample.length >> 1;
  if (pairs < 4) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0 && sample[i + 1] === 0) return null; // U+0000 is not in text
    if (sample[i] === 0) zeroEven++;
    if (sample[i + 1] === 0) zeroOdd++;
  }
  for (const encoding of ["utf-16le", "utf-16be"] as const) {
    const text = iconv.decode(Buffer.from(sample.buffer, sample.byteOffset, pairs * 2), encoding);
    let notText = 0;
    for (const ch of text) if (NOT_TEXT.test(ch)) notText++;
    if (notText > text.length * MAX_NOT_TEXT_SHARE) continue;
    // In UTF-16LE an ASCII character's zero is its second byte; in UTF-16BE its first.
    const asciiZeros = encoding === "utf-16le" ? zeroOdd : zeroEven;
    const otherZeros = encoding === "utf-16le" ? zeroEven : zeroOdd;
    const zerosSayIt = asciiZeros >= pairs * 0.02 && otherZeros <= asciiZeros * 0.1;
    const share = commonHanShare(text);
    if (zerosSayIt || (share !== null && share >= MIN_COMMON_SHARE)) return encoding;
  }
  return null;
}

/** Bytes that are a valid EUC-TW stream: two-byte codes A1–FE A1–FE and four-byte codes 8E A1–B0 A1–FE A1–FE. */
function isEucTwShaped(sample: Uint8Array): boolean {
  let codes = 0;
  let i = 0;
  const high = (b: number | undefined) => b !== undefined && b >= 0xa1 && b <= 0xfe;
  while (i < sample.length) {
    const b = sample[i]!;
    if (b < 0x80) i++;
    else if (b === 0x8e && sample[i + 1]! >= 0xa1 && sample[i + 1]! <= 0xb0 && high(sample[i + 2]) && high(sample[i + 3])) (i += 4), codes++;
    else if (high(b) && high(sample[i + 1])) (i += 2), codes++;
    else if (i >= sample.length - 3) break; // a code cut by the sample's end
    else return false;
  }
  return codes >= MIN_HAN_TO_JUDGE;
}

function refuseUnreadable(sample: Uint8Array): never {
  if (isEucTwShaped(sample)) throw new ReadError("编码是 EUC-TW(CNS 11643),不支持:请先转为 UTF-8 或 Big5");
  throw new ReadError("无法识别的编码:按 UTF-8、GB18030、Big5 解码都不像中文文本");
}

/**
 * Bytes to text. A byte-order mark decides; else UTF-16 by its shape; else valid UTF-8 is UTF-8 (GBK and
 * Big5 text almost never is); else the page's own declaration, if the text it gives reads as Chinese; else
 * GB18030 or Big5, whichever reads as more common Chinese. Bytes no encoding reads as Chinese are refused,
 * never passed on as garbage. Every check but the final decoding looks at a fixed-size sample.
 */
/**
 * A crawler or a copy that stops mid-character leaves UTF-8 whose only flaw is its last one to three bytes: the
 * page is UTF-8 all the same, read without the broken tail rather than refused or misread as GB18030.
 */
function utf8WithoutCutEnd(buf: Buffer): string | null {
  let start = buf.length - 1;
  // back over continuation bytes to the lead byte of the last character
  while (start > 0 && buf.length - start < 4 && (buf[start]! & 0xc0) === 0x80) start--;
  if (start < 1 || buf[start]! < 0xc0) return null;
  try {
    return utf8.decode(buf.subarray(0, start));
  } catch {
    return null;
  }
}

export function decodeBytes(bytes: Uint8Array, declared?: string | null): { text: string; encoding: string } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString("utf8"), encoding: "utf-8" };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), "utf-16le"), encoding: "utf-16le" };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), "utf-16be"), encoding: "utf-16be" };
  const sample = buf.subarray(0, SAMPLE_BYTES);
  // A file cut short may end in half a character; its whole pairs still show the shape.
  const utf16 = utf16Evidence(buf.subarray(0, Math.min(8192, buf.length - (buf.length % 2))));
  if (utf16) return { text: iconv.decode(buf, utf16), encoding: utf16 };
  if (looksBinary(buf)) throw new ReadError("二进制内容,不是文本或网页");
  try {
    return { text: utf8.decode(buf), encoding: "utf-8" };
  } catch {
    /* not UTF-8: a legacy Chinese encoding, or UTF-8 cut short in its last character */
  }
  const whole = utf8WithoutCutEnd(buf);
  if (whole !== null) return { text: whole, encoding: "utf-8" };
  const declaredName = declared?.trim().toLowerCase() ?? "";
  if (UNSUPPORTED.test(declaredName)) throw new ReadError(`编码 ${declaredName} 不支持:请先转为 UTF-8`);
  const named = declared ? canonical(declared) : null;
  if (named && named !== "utf-8" && readsAsChinese(iconv.decode(sample, named))) return { text: iconv.decode(buf, named), encoding: named };
  const gbSample = iconv.decode(sample, "gb18030");
  const big5Sample = iconv.decode(sample, "big5");
  const encoding = chineseScore(big5Sample) > chineseScore(gbSample) ? "big5" : "gb18030";
  if (!readsAsChinese(encoding === "big5" ? big5Sample : gbSample)) refuseUnreadable(sample);
  const text = iconv.decode(buf, encoding);
  if (replacementShare(text) > MAX_REPLACEMENT_SHARE) throw new ReadError("无效字节过多:不是 UTF-8、GB18030 或 Big5 文本");
  return { text, encoding };
}

/** Past this share of undecodable characters a page is not text in any encoding we know, not a damaged page. */
const MAX_REPLACEMENT_SHARE = 0.05;

function replacementShare(text: string): number {
  let bad = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) bad++;
  return text.length ? bad / text.length : 0;
}

/** The charset a page declares in its first bytes (<meta charset>, http-equiv Content-Type, an XML declaration). */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString("latin1");
  return head.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i)?.[1] ?? head.match(/^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([\w-]+)/i)?.[1] ?? null;
}
