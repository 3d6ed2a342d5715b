import { boilerplateRules, type LineRule } from "../lexicon/boilerplate-rules.js";
import { lazy } from "../lexicon/load.js";
import { literalStarts, startsFinder, topLevelAlternatives } from "../lexicon/literal-starts.js";
import { reasonOf } from "../lexicon/reasons.js";
import { lineClasses } from "../lexicon/line-classes.js";
import { drop, isKept, type Line, type PageStage } from "./draft.js";
import { applyLineModel } from "./line-model.js";
import { isBodyParagraph } from "./paragraph.js";

export { isBodyParagraph };

const HAS_HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
const SENTENCE_MARK = /[。，,；;！!？?：:、]/;
/** Lines this short, without punctuation, before the headline or after the last paragraph are menu items. */
const MENU_ITEM_MAX = { head: 5, tail: 6 };

/** Brackets, separators and spaces that hold widget words together: 【字体：大 中 小】【打印本页】 */
const WIDGET_GLUE = /[【】\[\]()（）<>《》\s|｜:：/]/g;
const WIDGET_LINE_MAX = 60;

/** A line of nothing but page widgets: font size, print, close, bookmark. */
function isWidgetLine(text: string, widgetWords: RegExp, anyWidgetWord: RegExp): boolean {
  if (text.length > WIDGET_LINE_MAX || !anyWidgetWord.test(text)) return false;
  return text.replace(widgetWords, "").replace(WIDGET_GLUE, "") === "";
}

/** A rule's expression can join an alternation: no flags of its own, no group it refers back to by number or name. */
const combinable = (rule: LineRule) => rule.pattern.flags === "" && !/\\[1-9]|\\k<|\(\?<[A-Za-z]/.test(rule.pattern.source);

/**
 * For each length limit of the rules, a screen of every rule that applies to lines up to that length. Most
 * lines are no rule's; the screen says so where thirty searches did. A line the screen (or a rule outside
 * it) passes is then asked rule by rule, in order, so the rule that names it is the one it always was.
 * The rules' top-level alternatives make two expressions: those anchored at the line's start, which the
 * engine tries at one place only, and the rest, which it would try at every character; those are run only
 * on a line holding one of the literal texts they start with (ICP备, 转载, 扫码 …).
 */
const ruleScreens = lazy(() => {
  const { rules } = boilerplateRules();
  const limits = [...new Set(rules.map((rule) => rule.maxLength))].sort((a, b) => a - b);
  const either = (sources: string[]) => (sources.length ? new RegExp(sources.map((source) => `(?:${source})`).join("|")) : null);
  return limits.map((limit) => {
    const applicable = rules.filter((rule) => rule.maxLength >= limit);
    const alternatives = applicable.filter(combinable).flatMap((rule) => topLevelAlternatives(rule.pattern.source));
    const floating = alternatives.filter((alternative) => !alternative.startsWith("^"));
    const starts = floating.map(literalStarts);
    return {
      limit,
      anchored: either(alternatives.filter((alternative) => alternative.startsWith("^"))),
      floating: either(floating),
      floatingStarts: starts.every((found) => found !== null) ? startsFinder(starts.flat() as string[]) : null,
      apart: applicable.filter((rule) => !combinable(rule)),
    };
  });
});

/** Could any rule name this line? False only when none can. */
function mayMatchARule(text: string): boolean {
  for (const screen of ruleScreens()) {
    if (text.length > screen.limit) continue;
    if (screen.anchored?.test(text)) return true;
    if (screen.floating && (screen.floatingStarts === null || screen.floatingStarts.occursIn(text)) && screen.floating.test(text)) return true;
    // a global or sticky expression keeps a place between searches: asking it here would move the loop's search
    return screen.apart.some((rule) => rule.pattern.global || rule.pattern.sticky || rule.pattern.test(text));
  }
  return false;
}

/** The id of the rule by which a single line is boilerplate wherever it stands, or null. */
export function lineRule(text: string): string | null {
  const { rules, longestMatch, widgetWords, anyWidgetWord } = boilerplateRules();
  if (text.length <= longestMatch) {
    if (mayMatchARule(text)) for (const rule of rules) {
      if (text.length <= rule.maxLength && rule.pattern.test(text)) return rule.id;
    }
    if (isWidgetLine(text, widgetWords, anyWidgetWord)) return "boilerplate.widget.line";
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
