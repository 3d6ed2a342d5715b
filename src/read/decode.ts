import iconv from "iconv-lite";
import { commonChars } from "../lexicon/char-model.js";

export class ReadError extends Error {}

const utf8 = new TextDecoder("utf-8", { fatal: true });

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
 * Bytes to text. A byte-order mark decides; else valid UTF-8 is UTF-8 (GBK and Big5 text almost never is);
 * else the page's own declaration; else GB18030 or Big5, whichever reads as more common Chinese.
 */
export function decodeBytes(bytes: Uint8Array, declared?: string | null): { text: string; encoding: string } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString("utf8"), encoding: "utf-8" };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), "utf-16le"), encoding: "utf-16le" };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), "utf-16be"), encoding: "utf-16be" };
  if (looksBinary(buf)) throw new ReadError("二进制内容,不是文本或网页");
  try {
    return { text: utf8.decode(buf), encoding: "utf-8" };
  } catch {
    /* not UTF-8: a legacy Chinese encoding */
  }
  const named = declared ? canonical(declared) : null;
  if (named && named !== "utf-8") return { text: iconv.decode(buf, named), encoding: named };
  const sample = buf.subarray(0, 65536);
  const gb = chineseScore(iconv.decode(sample, "gb18030"));
  const big5 = chineseScore(iconv.decode(sample, "big5"));
  const encoding = big5 > gb ? "big5" : "gb18030";
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

/** The charset an HTML page declares in its first bytes (<meta charset>, http-equiv Content-Type). */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString("latin1");
  return head.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i)?.[1] ?? null;
}
