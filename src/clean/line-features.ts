import { surnames } from "../lexicon/extract-lexicons.js";
import { lineClasses } from "../lexicon/line-classes.js";
import { isBodyParagraph } from "./paragraph.js";

// What every page has, measured per line: its own shape, the word classes it holds, and where it stands
// relative to the article's block of prose. The line model (line-model.ts) weighs these into one score.

export const FEATURE_NAMES = [
  "length", "short", "hanShare", "digitShare", "endsSentence", "punctDensity", "functionDensity",
  "phone", "email", "url", "fileName", "dateLine", "leadingClock", "separators", "shortItems", "nameItems", "labelColon",
  "credit", "creditLabel", "reporter", "event", "contact", "widget", "caption", "nav", "unitName", "bracketed",
  "prose", "beforeBlock", "afterBlock", "insideBlock", "distance", "bodyOverlap", "firstLine", "lastLine",
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Past this length a line's shape is prose whatever it holds; the word-class scans stop here. */
const SCAN_MAX = 300;
const DISTANCE_CAP = 4;
const BYLINE_MAX = 40;
/** Share of a row's items that start with a surname for it to be a row of names. */
const NAME_ROW = 0.6;

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/g;
const SENTENCE_END = /[。！？!?][”’"）)]?$/;
const PUNCT = /[，,、；;：:。！？]/g;
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

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
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
  const bare = text.replace(/^[(（\[【\s]+|[)）\]】\s]+$/g, "");
  return bare.length <= UNIT_NAME_MAX && functionDensity(bare, classes.functionTable) === 0 && classes.unitEnd.test(bare);
}

/** Share of the line's characters that words of a class cover: 推荐阅读 is all widget, a headline naming 新闻 is not nav. */
function coverage(text: string, words: RegExp): number {
  let covered = 0;
  for (const m of text.matchAll(words)) covered += m[0].length;
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

function bigrams(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < text.length; i++) out.push(text.slice(i, i + 2));
  return out;
}

/** Share of the line's character pairs that the prose block also holds: a unit's own words recur in its article. */
function overlap(text: string, prosePairs: Set<string>): number {
  const pairs = bigrams(text.replace(/\s+/g, ""));
  if (pairs.length === 0) return 0;
  return pairs.filter((pair) => prosePairs.has(pair)).length / pairs.length;
}

/** Where the prose is: the first and last body paragraph, and the character pairs of the paragraphs. */
function proseBlock(texts: string[]): { first: number; last: number; isProse: boolean[]; pairs: Set<string> } {
  const isProse = texts.map((text) => text !== "" && isBodyParagraph(text));
  const first = isProse.indexOf(true);
  const last = isProse.lastIndexOf(true);
  const pairs = new Set<string>();
  texts.forEach((text, i) => {
    if (isProse[i]) for (const pair of bigrams(text.slice(0, 400))) pairs.add(pair);
  });
  return { first, last, isProse, pairs };
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

/** One feature vector per line (null for empty lines), in FEATURE_NAMES order. */
export function pageFeatures(texts: readonly string[]): (number[] | null)[] {
  const trimmed = texts.map((text) => text.trim());
  const classes = lineClasses();
  const block = proseBlock(trimmed);
  const distance = distances(trimmed, block.isProse);
  const withText = trimmed.map((text, i) => (text ? i : -1)).filter((i) => i >= 0);
  const firstLine = withText[0] ?? -1;
  const lastLine = withText[withText.length - 1] ?? -1;
  return trimmed.map((text, i) => {
    if (text === "") return null;
    const scan = text.length <= SCAN_MAX ? text : "";
    const has = (pattern: RegExp) => (scan && pattern.test(scan) ? 1 : 0);
    const values: Record<FeatureName, number> = {
      length: Math.log1p(text.length),
      short: text.length <= 8 ? 1 : 0,
      hanShare: count(text, HAN) / text.length,
      digitShare: count(text, /\d/g) / text.length,
      endsSentence: SENTENCE_END.test(text) ? 1 : 0,
      punctDensity: Math.min(1, (count(text, PUNCT) / text.length) * 10),
      functionDensity: Math.min(1, functionDensity(text, classes.functionTable) * 5),
      phone: has(PHONE),
      email: has(EMAIL),
      url: has(URL_SHAPE),
      fileName: has(FILE_NAME),
      dateLine: scan && isDateLine(scan) ? 1 : 0,
      leadingClock: has(LEADING_CLOCK),
      separators: has(SEPARATORS),
      // a row of people's names (周连华主持 于海田 丛锡钢出席) has the shape of a menu and is not one
      shortItems: scan && isShortItems(scan) && nameItemShare(scan) < NAME_ROW ? 1 : 0,
      nameItems: scan ? nameItemShare(scan) : 0,
      labelColon: has(LABEL_COLON),
      credit: has(classes.credit),
      creditLabel: has(classes.creditLabel),
      // a reporter's byline, not a paragraph that opens with 本报讯 or names its reporter
      reporter: !block.isProse[i] && text.length <= BYLINE_MAX ? has(classes.reporter) : 0,
      event: has(classes.event),
      contact: has(classes.contact),
      widget: scan ? coverage(scan, classes.widget) : 0,
      caption: scan ? coverage(scan, classes.caption) : 0,
      nav: scan ? coverage(scan, classes.nav) : 0,
      unitName: isUnitName(text, classes) ? 1 : 0,
      bracketed: has(BRACKETED),
      prose: block.isProse[i] ? 1 : 0,
      beforeBlock: block.first >= 0 && i < block.first ? 1 : 0,
      afterBlock: block.last >= 0 && i > block.last ? 1 : 0,
      insideBlock: block.first >= 0 && i > block.first && i < block.last && !block.isProse[i] ? 1 : 0,
      distance: distance[i]! / DISTANCE_CAP,
      bodyOverlap: block.isProse[i] ? 1 : overlap(scan, block.pairs),
      firstLine: i === firstLine ? 1 : 0,
      lastLine: i === lastLine ? 1 : 0,
    };
    return FEATURE_NAMES.map((name) => values[name]);
  });
}
