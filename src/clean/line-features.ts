import { surnames } from "../lexicon/extract-lexicons.js";
import { lineClasses } from "../lexicon/line-classes.js";
import { isBodyParagraph } from "./paragraph.js";

// What every page has, measured per line: its own shape, the word classes it holds, and where it stands
// relative to the article's block of prose. The line model (line-model.ts) weighs these into one score.

export const FEATURE_NAMES = [
  "length", "short", "hanShare", "digitShare", "endsSentence", "punctDensity", "functionDensity",
  "phone", "email", "url", "fileName", "dateLine", "leadingClock", "separators", "shortItems", "nameItems", "labelColon",
  "credit", "creditLabel", "reporter", "event", "contact", "widget", "caption", "nav", "unitName", "bracketed",
  "beforeBlock", "afterBlock", "insideBlock", "distance", "bodyOverlap", "firstLine", "lastLine",
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Past this length a line's shape is prose whatever it holds; the word-class scans stop here. */
const SCAN_MAX = 300;
const DISTANCE_CAP = 4;
/** Characters of the page's prose, from its start, that the overlap feature compares with: the lead paragraphs
 * name the units, places and people of the article. */
const PROSE_PAIRS_BUDGET = 600;
const BYLINE_MAX = 40;
/** Share of a row's items that start with a surname for it to be a row of names. */
const NAME_ROW = 0.6;

const FINISHED_SENTENCE = /[。！？!?]/;
const SENTENCE_END = /[。！？!?][”’"）)]?$/;
/** Sentence punctuation, by UTF-16 code unit: a table read per character, not a one-character string made to ask a set. */
const PUNCT = new Uint8Array(0x10000);
for (const mark of "，,、；;：:。！？") PUNCT[mark.charCodeAt(0)] = 1;
const PHONE = /(?<!\d)(0\d{2,3}[-－ ]?)?\d{7,8}(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)/;
const EMAIL = /[\w.-]+@[\w-]+\.[\w.]+/;
const URL_SHAPE = /https?:\/\/|www\.|\.(com|cn|net|org)(\/|\b)/i;
const FILE_NAME = /\.(jpe?g|png|gif|bmp|webp|svg|tiff?|pdf|docx?|xlsx?|mp4)\b/i;
const DATE_TIME = /\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|(?<!\d)\d{1,2}:\d{2}(?!\d)|(?<!\d)\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}/;
const DATE_TIME_ALL = /\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?|(?<!\d)\d{1,2}:\d{2}(:\d{2})?(?!\d)|(?<!\d)\d{1,2}-\d{1,2}(?=\s+\d{1,2}:)/g;
/** What a date line holds besides its date: a label, a source, a name; a headline holds far more. */
const DATE_LINE_RESIDUE = 16;
const LEADING_CLOCK = /^\s*\d{1,2}[:：]\d{2}/;
const SEPARATORS = /[|｜>»→]|>>/;
// A label before a colon holds no digit: 来源:, 编辑(一审):, but not the clock of a timetable line (10:05 …).
const LABEL_COLON = /^[(（\[【]?[^\s:：，。,\d]{1,8}[:：]/;
/** A unit's or a medium's name standing alone is short and has no grammar: 南昌县农业农村局, 县融媒体中心供图. */
const UNIT_NAME_MAX = 20;
const BRACKETED = /^[(（\[【].*[)）\]】]$/;

/** Han characters, digits and sentence punctuation of a line, counted in one pass. */
function charCounts(text: string): { han: number; digits: number; punct: number } {
  let han = 0;
  let digits = 0;
  let punct = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) han++;
    else if (c >= 0x30 && c <= 0x39) digits++;
    else punct += PUNCT[c]!;
  }
  return { han, digits, punct };
}

/** Three or more short words side by side: 首页 新闻中心 政务公开, 推荐阅读 读特热榜. */
function isShortItems(text: string): boolean {
  const items = text.split(/[\s|｜]+/).filter((item) => item !== "");
  return items.length >= 3 && items.every((item) => item.length <= 6);
}

/** A date or time with little else: 2022-08-25 08:16:35, 甘孜日报 2020年07月10日, 内容更新时间:…来源:…. */
function isDateLine(text: string): boolean {
  // a clock before a clause is a timetable line of the report (11:20 王明作总结讲话), not a date line
  if (!DATE_TIME.test(text) || (LEADING_CLOCK.test(text) && /[\u4e00-\u9fff]{2}/.test(text))) return false;
  const residue = text.replace(DATE_TIME_ALL, "").replace(/[\s:：|｜\-/()（）\[\]【】]/g, "");
  return residue.length <= DATE_LINE_RESIDUE;
}

function isUnitName(text: string, classes: ReturnType<typeof lineClasses>): boolean {
  if (text.length > UNIT_NAME_MAX + 4) return false;
  const bare = text.replace(/^[(（\[【\s]+|[)）\]】\s]+$/g, "");
  return bare.length <= UNIT_NAME_MAX && functionDensity(bare, classes.functionTable) === 0 && classes.unitEnd.test(bare);
}

/** Share of the line's characters that words of a class cover: 推荐阅读 is all widget, a headline naming 新闻 is not nav. */
function coverage(text: string, words: RegExp): number {
  let covered = 0;
  words.lastIndex = 0;
  for (let m = words.exec(text); m !== null; m = words.exec(text)) covered += m[0].length;
  return text.length ? covered / text.length : 0;
}

/** Share of the space-separated items that start with a surname: a line of names, not of menu items. */
export function nameItemShare(text: string): number {
  const items = text.split(/\s+/).filter((item) => /^[\u4e00-\u9fff]{2,6}$/.test(item));
  if (items.length < 2) return 0;
  const { single, compound } = surnames();
  return items.filter((item) => single.has(item[0]!) || compound.has(item.slice(0, 2))).length / items.length;
}

function functionDensity(text: string, table: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) n += table[text.charCodeAt(i)]!;
  return text.length ? n / text.length : 0;
}

const isBlank = (c: number) => c === 0x20 || c === 0x3000 || c === 0x09;

/**
 * The character pairs of a page's prose, as a table of hashed pairs stamped with the page's number: filling
 * and asking it allocates nothing, and a new page needs no clearing. A rare collision of two pairs makes the
 * overlap a little higher; the fitted weight sees the same table.
 */
const PAIR_SLOTS = 1 << 16;
const pairStamps = new Uint32Array(PAIR_SLOTS);
let pageStamp = 0;
/** A pair (first << 16 | second, as a 32-bit integer: the same bits a product would give, without a float) to its slot. */
const slotOf = (pair: number) => Math.imul(pair, 0x9e3779b1) >>> 16;

/** Stamp the pairs of neighbouring characters (white space skipped) of the prose, up to a budget per page. */
function stampProsePairs(texts: string[], isProse: boolean[]): number {
  pageStamp = pageStamp === 0xffffffff ? 1 : pageStamp + 1;
  if (pageStamp === 1) pairStamps.fill(0);
  const stamp = pageStamp;
  let budget = PROSE_PAIRS_BUDGET;
  for (let line = 0; line < texts.length && budget > 0; line++) {
    if (!isProse[line]) continue;
    const text = texts[line]!;
    const end = Math.min(text.length, budget);
    budget -= end;
    let previous = -1;
    for (let i = 0; i < end; i++) {
      const c = text.charCodeAt(i);
      if (isBlank(c)) continue;
      if (previous >= 0) pairStamps[slotOf((previous << 16) | c)] = stamp;
      previous = c;
    }
  }
  return stamp;
}

/** Share of the line's character pairs that the prose block also holds: a unit's own words recur in its article. */
function overlap(text: string, stamp: number): number {
  let pairs = 0;
  let shared = 0;
  let previous = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isBlank(c)) continue;
    if (previous >= 0) {
      pairs++;
      if (pairStamps[slotOf((previous << 16) | c)] === stamp) shared++;
    }
    previous = c;
  }
  return pairs ? shared / pairs : 0;
}

/** Where the prose is: the first and last body paragraph. */
function proseBlock(texts: string[]): { first: number; last: number; isProse: boolean[] } {
  const isProse = texts.map((text) => text !== "" && isBodyParagraph(text));
  return { first: isProse.indexOf(true), last: isProse.lastIndexOf(true), isProse };
}

/** Lines away from the nearest prose line, counting only lines with text. */
function distances(texts: string[], isProse: boolean[]): number[] {
  const out = texts.map(() => DISTANCE_CAP);
  let since = DISTANCE_CAP;
  for (let i = 0; i < texts.length; i++) {
    if (isProse[i]) since = 0;
    else if (texts[i] !== "") since = Math.min(DISTANCE_CAP, since + 1);
    out[i] = since;
  }
  since = DISTANCE_CAP;
  for (let i = texts.length - 1; i >= 0; i--) {
    if (isProse[i]) since = 0;
    else if (texts[i] !== "") since = Math.min(DISTANCE_CAP, since + 1);
    out[i] = Math.min(out[i]!, since);
  }
  return out;
}

/**
 * One feature vector per line, in FEATURE_NAMES order; null for an empty line, a line of finished sentences
 * (the article itself: the model judges the lines around it; a notice in sentences is the exact rules' to
 * name) and a line the caller does not ask about. A long line without a sentence (a footer, a link bar) is judged.
 */
export function pageFeatures(texts: readonly string[], wanted: (i: number) => boolean = () => true): (number[] | null)[] {
  const trimmed = texts.map((text) => text.trim());
  const classes = lineClasses();
  const block = proseBlock(trimmed);
  const judged = trimmed.map((text, i) => text !== "" && wanted(i) && !FINISHED_SENTENCE.test(text));
  const stamp = judged.includes(true) ? stampProsePairs(trimmed, block.isProse) : 0;
  const distance = distances(trimmed, block.isProse);
  const firstLine = trimmed.findIndex((text) => text !== "");
  let lastLine = trimmed.length - 1;
  while (lastLine >= 0 && trimmed[lastLine] === "") lastLine--;
  return trimmed.map((text, i) => {
    if (!judged[i]) return null;
    const scan = text.length <= SCAN_MAX ? text : "";
    const has = (pattern: RegExp) => (scan && pattern.test(scan) ? 1 : 0);
    const chars = charCounts(text);
    const nameItems = scan ? nameItemShare(scan) : 0;
    // written in FEATURE_NAMES order, so the vector is the object's values (checked once, below)
    const values: Record<FeatureName, number> = {
      length: Math.log1p(text.length),
      short: text.length <= 8 ? 1 : 0,
      hanShare: chars.han / text.length,
      digitShare: chars.digits / text.length,
      endsSentence: SENTENCE_END.test(text) ? 1 : 0,
      punctDensity: Math.min(1, (chars.punct / text.length) * 10),
      functionDensity: Math.min(1, functionDensity(text, classes.functionTable) * 5),
      phone: has(PHONE),
      email: has(EMAIL),
      url: has(URL_SHAPE),
      fileName: has(FILE_NAME),
      dateLine: scan && isDateLine(scan) ? 1 : 0,
      leadingClock: has(LEADING_CLOCK),
      separators: has(SEPARATORS),
      // a row of people's names (周连华主持 于海田 丛锡钢出席) has the shape of a menu and is not one
      shortItems: scan && isShortItems(scan) && nameItems < NAME_ROW ? 1 : 0,
      nameItems,
      labelColon: has(LABEL_COLON),
      credit: has(classes.credit),
      creditLabel: has(classes.creditLabel),
      // a reporter's byline, not a paragraph that opens with 本报讯 or names its reporter
      reporter: text.length <= BYLINE_MAX ? has(classes.reporter) : 0,
      event: has(classes.event),
      contact: has(classes.contact),
      widget: scan ? coverage(scan, classes.widget) : 0,
      caption: scan ? coverage(scan, classes.caption) : 0,
      nav: scan ? coverage(scan, classes.nav) : 0,
      unitName: isUnitName(text, classes) ? 1 : 0,
      bracketed: has(BRACKETED),
      beforeBlock: block.first >= 0 && i < block.first ? 1 : 0,
      afterBlock: block.last >= 0 && i > block.last ? 1 : 0,
      insideBlock: block.first >= 0 && i > block.first && i < block.last ? 1 : 0,
      distance: distance[i]! / DISTANCE_CAP,
      bodyOverlap: overlap(scan, stamp),
      firstLine: i === firstLine ? 1 : 0,
      lastLine: i === lastLine ? 1 : 0,
    };
    if (!orderChecked) checkOrder(values);
    return Object.values(values);
  });
}

let orderChecked = false;

function checkOrder(values: Record<FeatureName, number>): void {
  if (Object.keys(values).join() !== FEATURE_NAMES.join()) throw new Error("line features out of FEATURE_NAMES order");
  orderChecked = true;
}
