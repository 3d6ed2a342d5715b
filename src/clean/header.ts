import type { Draft, Line, PageStage } from "./draft.js";
import { isKept } from "./draft.js";
import { isBodyParagraph } from "./boilerplate.js";
import { findPrintedDate } from "./dates.js";
import { LIST_PREFIX } from "./repeats.js";
import { matchesOf } from "../matches.js";

// Rule ids say what a set-aside line is: every boilerplate.meta.date* rule's lines print the page's date and
// source, the public catalogue's metadata its date, the footer's host line its publisher. A new rule for such
// lines takes an id of the family and is found here without a change.
const isDateLine = (rule: string | null) => rule !== null && (rule.startsWith("boilerplate.meta.date") || rule === "boilerplate.meta.catalogue");
const isSiteLine = (rule: string | null) => rule !== null && (rule.startsWith("boilerplate.meta.date") || rule === "boilerplate.footer.host");
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
    if (isDateLine(line.rule)) {
      const date = findPrintedDate(line.text);
      if (date) return date;
    }
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

function readHeader(draft: Draft): Draft {
  return {
    ...draft,
    title: findTitle(draft.lines, draft.htmlTitle),
    published: findPublished(draft.lines),
    source: { ...draft.source, site: draft.source.site ?? findSite(draft.lines) },
  };
}

/** Title, date and publisher, read once every line has been kept or set aside (after the batch stage). */
export const headerStage: PageStage = { id: "header", run: readHeader };
