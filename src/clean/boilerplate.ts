import { boilerplateRules } from "../lexicon/boilerplate-rules.js";
import { lazy } from "../lexicon/load.js";
import { commonRank } from "../lexicon/char-model.js";
import { firstChars } from "../lexicon/first-chars.js";
import { reasonOf } from "../lexicon/reasons.js";
import { lineClasses } from "../lexicon/line-classes.js";
import { drop, isKept, type Line, type PageStage } from "./draft.js";
import { applyLineModel } from "./line-model.js";
import { unitsMatching } from "./unit-table.js";
import { isBodyParagraph } from "./paragraph.js";

export { isBodyParagraph };

const HAS_HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
const SENTENCE_MARK = /[。，,；;！!？?：:、]/;
/** Lines this short, without punctuation, before the headline or after the last paragraph are menu items. */
const MENU_ITEM_MAX = { head: 5, tail: 6 };

/** Brackets, separators and spaces that hold widget words together: 【字体：大 中 小】【打印本页】 */
const WIDGET_GLUE = /[【】\[\]()（）<>《》\s|｜:：/]/g;
const WIDGET_LINE_MAX = 60;

/**
 * The characters a widget line can hold: those of the widget words (WORD) and the glue (GLUE). A line with
 * any other is no widget line, and most lines show one at their first or second character; the words' own
 * expression, with 大, 中 and 小 among them, would be asked of nearly every line.
 */
const WORD = 1;
const GLUE = 2;
const widgetChars = lazy(() => {
  const kinds = unitsMatching(WIDGET_GLUE).map((isGlue) => isGlue * GLUE);
  for (const word of boilerplateRules().widgetWordList) for (let i = 0; i < word.length; i++) kinds[word.charCodeAt(i)] = WORD;
  return kinds;
});

/** A line of nothing but page widgets (font size, print, close, bookmark): one widget word at least, and glue. */
function isWidgetLine(text: string, widgetWords: RegExp): boolean {
  if (text.length > WIDGET_LINE_MAX) return false;
  const kinds = widgetChars();
  let words = false;
  for (let i = 0; i < text.length; i++) {
    const kind = kinds[text.charCodeAt(i)]!;
    if (kind === 0) return false;
    if (kind === WORD) words = true;
  }
  return words && text.replace(widgetWords, "").replace(WIDGET_GLUE, "") === "";
}

/**
 * Per character, as bits by rule index, the rules whose match it may begin at a line's start (rules anchored
 * there) or may be part of anywhere (the others), and the rules always asked (their expressions were not
 * read for certain). Most lines are no rule's; a table read per character says which few rules to
 * ask, where asking thirty expressions one by one cost a few microseconds a line. The rules asked are asked
 * in order, so the rule that names a line is the one it always was. (A native search for the rules'
 * characters before reading the table was slower than reading it.)
 */
const ruleStarts = lazy(() => {
  const { rules } = boilerplateRules();
  const words = Math.ceil(rules.length / 32);
  const anchored = new Uint32Array(0x10000 * words);
  const anywhere = new Uint32Array(0x10000 * words);
  const always = new Uint32Array(words);
  rules.forEach((rule, r) => {
    const [word, bit] = [r >>> 5, 1 << (r & 31)];
    const starts = firstChars(rule.pattern.source, rule.pattern.flags, commonness);
    if (starts.any) always[word]! |= bit;
    for (const code of starts.anchored) anchored[code * words + word]! |= bit;
    for (const code of starts.anywhere) anywhere[code * words + word]! |= bit;
  });
  return { words, anchored, anywhere, always, asked: new Uint32Array(words) };
});

/**
 * How often lines hold a character, roughly: by its place in the list of common characters (as word
 * frequencies fall, about as one over the place: 一 and 大 are in most paragraphs, 汉 in few), and digits,
 * spaces and brackets in most lines. Of the parts every match of a rule has, the screen takes the one whose
 * characters cost least.
 */
function commonness(code: number): number {
  if (code < 0x80) return /[A-Za-z]/.test(String.fromCharCode(code)) ? 20 : 100;
  if (code === 0x3000 || code === 0xff08 || code === 0xff09) return 100;
  const rank = commonRank()[code]!;
  return rank === 0 ? 0.2 : 500 / rank;
}

/** The rules that may name this line, as bits by rule index (shared scratch space, valid until the next call). */
function rulesToAsk(text: string): Uint32Array {
  const { words, anchored, anywhere, always, asked } = ruleStarts();
  asked.set(always);
  if (text.length === 0) return asked;
  const first = text.charCodeAt(0) * words;
  for (let w = 0; w < words; w++) asked[w]! |= anchored[first + w]!;
  if (words === 1) {
    // thirty-odd rules fit one word: a number, not the scratch array, is or-ed per character
    let bits = asked[0]!;
    for (let i = 0; i < text.length; i++) bits |= anywhere[text.charCodeAt(i)]!;
    asked[0] = bits;
    return asked;
  }
  for (let i = 0; i < text.length; i++) {
    const at = text.charCodeAt(i) * words;
    for (let w = 0; w < words; w++) asked[w]! |= anywhere[at + w]!;
  }
  return asked;
}

/** The id of the rule by which a single line is boilerplate wherever it stands, or null. */
export function lineRule(text: string): string | null {
  const { rules, longestMatch, widgetWords } = boilerplateRules();
  if (text.length <= longestMatch) {
    const asked = rulesToAsk(text);
    for (let r = 0; r < rules.length; r++) {
      if ((asked[r >>> 5]! & (1 << (r & 31))) === 0) continue;
      const rule = rules[r]!;
      if (text.length <= rule.maxLength && rule.pattern.test(text)) return rule.id;
    }
    if (isWidgetLine(text, widgetWords)) return "boilerplate.widget.line";
  }
  if (!HAS_HAN.test(text)) return /[\p{L}\p{N}]/u.test(text) ? "boilerplate.no-han.text" : "boilerplate.no-han.symbols";
  return null;
}

/** The reason users see for a line that is boilerplate wherever it stands, or null. */
export function lineRuleReason(text: string): string | null {
  const rule = lineRule(text);
  return rule === null ? null : reasonOf(rule);
}

/** Finished sentences, not a headline nor a list's summary cut off mid-sentence (…县长朱小兵,副县). */
function isProse(text: string): boolean {
  return text.length >= 50 && /[。！？][”’"）)]?$/.test(text);
}

/** A short bare line, not a reporter's byline (记者 李娅妮), which the articles keep. */
function isMenuItem(text: string, max: number): boolean {
  return text.length <= max && !SENTENCE_MARK.test(text) && !/\d/.test(text) && !lineClasses().reporter.test(text);
}

/** The exact rules: lines that are boilerplate by their words, related-article blocks, menu items around the body. */
export function dropByRules(input: Line[]): Line[] {
  const { relatedBlockStart } = boilerplateRules();
  let inRelatedBlock = false;
  let lines: Line[] = input.map((line) => {
    if (!isKept(line)) return line;
    if (relatedBlockStart.test(line.text)) {
      inRelatedBlock = true;
      return drop(line, "boilerplate.related.heading");
    }
    // A related-articles list holds headlines; a line of finished prose is the article again.
    if (inRelatedBlock && isProse(line.text)) inRelatedBlock = false;
    const rule = lineRule(line.text) ?? (inRelatedBlock ? "boilerplate.related.block" : null);
    return rule ? drop(line, rule) : line;
  });

  const kept = lines.map((line, i) => (isKept(line) ? i : -1)).filter((i) => i >= 0);
  const bodyIndexes = kept.filter((i) => isBodyParagraph(lines[i]!.text));
  if (bodyIndexes.length > 0) {
    const firstBody = bodyIndexes[0]!;
    const lastBody = bodyIndexes[bodyIndexes.length - 1]!;
    const headline = kept.find((i) => i < firstBody && !isMenuItem(lines[i]!.text, MENU_ITEM_MAX.head)) ?? firstBody;
    lines = lines.map((line, i) => {
      if (!isKept(line)) return line;
      if (i < headline && isMenuItem(line.text, MENU_ITEM_MAX.head)) return drop(line, "boilerplate.nav.menu-head");
      if (i > lastBody && isMenuItem(line.text, MENU_ITEM_MAX.tail)) return drop(line, "boilerplate.nav.menu-tail");
      return line;
    });
  }
  return lines;
}

/** The rules first, then the line model on what they left. */
export const boilerplateStage: PageStage = { id: "boilerplate", run: (draft) => ({ ...draft, lines: applyLineModel(dropByRules(draft.lines)) }) };
