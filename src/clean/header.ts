import type { CleanOptions, Draft, Line, PageStage } from "./draft.js";
import { isKept } from "./draft.js";
import { isBodyParagraph } from "./boilerplate.js";
import { findPrintedDate } from "./dates.js";
import { LIST_PREFIX } from "./repeats.js";
import { matchesOf } from "../matches.js";
import { chooseHeadline } from "./title-model.js";
import { dropGlosses } from "./glosses.js";
import { convertToSimplified } from "./script.js";
import { normalizeWidth } from "./width.js";

// Rule ids say what a set-aside line is: every boilerplate.meta.date* rule's lines print the page's date and
// source, the public catalogue's metadata its date, the footer's host line its publisher. A new rule for such
// lines takes an id of the family and is found here without a change.
const isDateLine = (rule: string | null) => rule !== null && (rule.startsWith("boilerplate.meta.date") || rule === "boilerplate.meta.catalogue");
const isSiteLine = (rule: string | null) => rule !== null && (rule.startsWith("boilerplate.meta.date") || rule === "boilerplate.footer.host");
const TITLE_LINE = /^标题\s*[:：]\s*(.+?)\s*(<\/?\w+[^>]*>\s*)*$/;
// Column tags before a headline: "V视 | ", "【“两会”动态】", "[要闻]".
const TITLE_TAGS = /^([^|｜]{1,12}\s*[|｜]\s*|[【\[][^】\]]{1,12}[】\]]\s*)+/;
// A headline may hold a comma or an exclamation (…胜利召开,全票选举乡长及人大主席!); a finished sentence or a
// lead paragraph's opening (6月28日…, 本报讯, 东北网伊春6月29日电) is not one.
const NOT_A_TITLE = /[。；;]|^\d{1,2}月\d{1,2}日|^(本报讯|本网讯|讯)|\d{1,2}月\d{1,2}日电/;
// A news portal prints the source and the time on the headline's line: "…经济社会发展 上游新闻     2022-05-31 21:10".
/** The tail is looked for on lines a headline could be: its pattern backtracks over long runs of spaces. */
const FUSED_TAIL_MAX = 120;
const FUSED_TAIL = /\s+(?:[^\s\d]{2,12}\s+)?(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*$/;

/** Trailing separators and spaces, cut by a scan from the end: /[\s|｜]+$/ backtracks over every inner run. */
function withoutTrailingMarks(text: string): string {
  let end = text.length;
  while (end > 0 && /[\s|｜]/.test(text[end - 1]!)) end--;
  return text.slice(0, end);
}
const REPORTER = /记者\s*[:：]?\s*([\u4e00-\u9fff]{2,4})/g;

function withoutFusedTail(text: string): string {
  return text.length <= FUSED_TAIL_MAX ? text.replace(FUSED_TAIL, "") : text;
}

/** The headline without column tags, list prefixes, trailing separators or the reporter's name a template appended. */
export function cleanTitle(text: string, reporters: () => Set<string> = () => new Set()): string {
  let title = withoutTrailingMarks(withoutFusedTail(text).replace(TITLE_TAGS, "").replace(LIST_PREFIX, ""));
  const lastWord = title.match(/\s(\S{2,4})$/)?.[1];
  if (lastWord && reporters().has(lastWord)) title = withoutTrailingMarks(title.slice(0, -lastWord.length));
  return title.trim();
}

function reporterNames(lines: Line[]): Set<string> {
  const names = new Set<string>();
  for (const line of lines) for (const m of matchesOf(REPORTER, line.text)) names.add(m[1]!);
  return names;
}

const MIN_TITLE = 6;

function looksLikeHeadline(text: string): boolean {
  return text.length >= MIN_TITLE && text.length <= 80 && !NOT_A_TITLE.test(text);
}

/** The headline-like kept lines above the first paragraph, cleaned, and that paragraph. */
function headlineCandidates(lines: Line[]): { candidates: string[]; lead: string } {
  const candidates: string[] = [];
  for (const line of lines) {
    if (!isKept(line)) continue;
    if (isBodyParagraph(line.text)) return { candidates, lead: line.text };
    if (!looksLikeHeadline(line.text)) continue;
    const title = cleanTitle(line.text, () => reporterNames(lines));
    if (title.length >= MIN_TITLE) candidates.push(title);
  }
  return { candidates, lead: "" };
}

/** The headline: a "标题:" line, else the candidate above the first paragraph that scores most like one. */
export function findTitle(lines: Line[], htmlTitle: string | null): string | null {
  for (const line of lines) {
    // every line is asked; the expression's own anchor is checked first without running it
    const m = line.text.startsWith("标题") ? line.text.match(TITLE_LINE) : null;
    if (m) return cleanTitle(m[1]!);
  }
  const { candidates, lead } = headlineCandidates(lines);
  const best = chooseHeadline(candidates, lead);
  if (best >= 0) return candidates[best]!;
  return htmlTitle ? cleanTitle(htmlTitle) : null;
}

/** The publication date printed in the page's date/source lines. */
export function findPublished(lines: Line[]): string | null {
  for (const line of lines) {
    if (isDateLine(line.rule)) {
      const date = findPrintedDate(line.text);
      if (date) return date;
    }
  }
  return fusedHeadlineDate(lines);
}

/** The date a portal printed on the headline's line, when the page has no date line of its own. */
function fusedHeadlineDate(lines: Line[]): string | null {
  for (const line of lines) {
    if (!isKept(line)) continue;
    if (isBodyParagraph(line.text)) break;
    const m = line.text.length <= FUSED_TAIL_MAX ? line.text.match(FUSED_TAIL) : null;
    if (m) return findPrintedDate(m[1]!);
  }
  return null;
}

const SITE_FIELD = /(?:来源|主办单位|主办)\s*[:：]\s*([^\s|｜:：“”"。，,]+?)(?=\s|[|｜]|作者|发布|时间|日期|点击|浏览|编辑|$)/;

/** The publisher as the page names it: 来源:西青信息港, else 主办单位. */
export function findSite(lines: Line[]): string | null {
  for (const line of lines) {
    if (!isSiteLine(line.rule)) continue;
    const m = line.text.match(SITE_FIELD);
    if (m && m[1]) return m[1];
  }
  return null;
}

/** The HTML headline cleaned as the page's lines were: glosses dropped, width normalized, simplified unless kept. */
function htmlTitleAsText(title: string | null, options: CleanOptions): string | null {
  if (title === null) return null;
  const text = normalizeWidth(dropGlosses(title).text).text;
  return options.keepScript ? text : convertToSimplified(text).text;
}

function readHeader(draft: Draft, options: CleanOptions): Draft {
  return {
    ...draft,
    title: findTitle(draft.lines, htmlTitleAsText(draft.htmlTitle, options)),
    published: findPublished(draft.lines),
    source: { ...draft.source, site: draft.source.site ?? findSite(draft.lines) },
  };
}

/** Title, date and publisher, read once every line has been kept or set aside (after the batch stage). */
export const headerStage: PageStage = { id: "header", run: readHeader };
