import type { CleanOptions, Line, Stage } from "./draft.js";
import { isKept } from "./draft.js";
import { isBodyParagraph } from "./boilerplate.js";
import { findPrintedDate } from "./dates.js";
import { LIST_PREFIX } from "./repeats.js";
import { matchesOf } from "../matches.js";
import { dropGlosses } from "./glosses.js";
import { convertToSimplified } from "./script.js";
import { normalizeWidth } from "./width.js";

const DATE_LINE_REASONS = new Set(["日期/来源行", "公开目录元数据"]);
const TITLE_LINE = /^标题\s*[:：]\s*(.+?)\s*(<\/?\w+[^>]*>\s*)*$/;
// Column tags before a headline: "V视 | ", "【“两会”动态】", "[要闻]".
const TITLE_TAGS = /^([^|｜]{1,12}\s*[|｜]\s*|[【\[][^】\]]{1,12}[】\]]\s*)+/;
const NOT_A_TITLE = /[。，,；;！!？?]|^\d{1,2}月\d{1,2}日|^(本报讯|本网讯|讯)/;

const TRAILING_MARKS = /[\s|｜]+$/;
const REPORTER = /记者\s*[:：]?\s*([\u4e00-\u9fff]{2,4})/g;

/** The headline without column tags, list prefixes, trailing separators or the reporter's name a template appended. */
export function cleanTitle(text: string, reporters: () => Set<string> = () => new Set()): string {
  let title = text.replace(TITLE_TAGS, "").replace(LIST_PREFIX, "").replace(TRAILING_MARKS, "");
  const lastWord = title.match(/\s(\S{2,4})$/)?.[1];
  if (lastWord && reporters().has(lastWord)) title = title.slice(0, -lastWord.length).replace(TRAILING_MARKS, "");
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

/** The headline: a "标题:" line, else the first headline-like line above the first paragraph. */
export function findTitle(lines: Line[], htmlTitle: string | null): string | null {
  for (const line of lines) {
    const m = line.text.match(TITLE_LINE);
    if (m) return cleanTitle(m[1]!);
  }
  for (const line of lines) {
    if (!isKept(line)) continue;
    if (isBodyParagraph(line.text)) break;
    if (!looksLikeHeadline(line.text)) continue;
    const title = cleanTitle(line.text, () => reporterNames(lines));
    if (title.length >= MIN_TITLE) return title;
  }
  return htmlTitle ? cleanTitle(htmlTitle) : null;
}

/** The publication date printed in the page's date/source lines. */
export function findPublished(lines: Line[]): string | null {
  for (const line of lines) {
    if (line.dropped && DATE_LINE_REASONS.has(line.dropped)) {
      const date = findPrintedDate(line.text);
      if (date) return date;
    }
  }
  return null;
}

const SITE_FIELD = /(?:来源|主办单位|主办)\s*[:：]\s*([^\s|｜:：“”"。，,]+?)(?=\s|[|｜]|作者|发布|时间|日期|点击|浏览|编辑|$)/;
const SITE_LINE_REASONS = new Set(["日期/来源行", "页脚:主办/版权"]);

/** The publisher as the page names it: 来源:西青信息港, else 主办单位. */
export function findSite(lines: Line[]): string | null {
  for (const line of lines) {
    if (!line.dropped || !SITE_LINE_REASONS.has(line.dropped)) continue;
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

export const headerStage: Stage = (draft, options) => ({
  ...draft,
  title: findTitle(draft.lines, htmlTitleAsText(draft.htmlTitle, options)),
  published: findPublished(draft.lines),
  source: { ...draft.source, site: draft.source.site ?? findSite(draft.lines) },
});
