import type { TitleDerivation } from "../store/store.js";

// A title for a page that has none: the meeting's name, else the text's first line, marked as made rather
// than read so that nobody cites it as the page's own.

/** Where a made title came from, in the words the app's tooltip and the CLI's mark use. */
export const TITLE_ORIGIN: { [K in TitleDerivation]: string } = {
  meeting: "原页面无标题,由会议名称生成",
  "first-line": "原页面无标题,取自正文首行",
};

/** Longest first line kept as a title; a longer one is cut at this length and ends with "…". */
const FIRST_LINE_AT_MOST = 40;

export interface Titled {
  title: string | null;
  titleDerived?: TitleDerivation;
}

/** The page's own title, else the meeting's name, else the first non-empty line of its text. */
export function titled<T extends { title: string | null; meeting: string | null }>(summary: T, text: string | null | undefined): T & Titled {
  if (summary.title?.trim()) return summary;
  if (summary.meeting?.trim()) return { ...summary, title: summary.meeting.trim(), titleDerived: "meeting" };
  const line = firstLine(text ?? "");
  return line ? { ...summary, title: line, titleDerived: "first-line" } : summary;
}

function firstLine(text: string): string | null {
  // Bounded: only the text's opening is looked at, however long the page.
  for (const raw of text.slice(0, 2000).split("\n")) {
    const line = raw.trim();
    if (line) return line.length > FIRST_LINE_AT_MOST ? `${line.slice(0, FIRST_LINE_AT_MOST)}…` : line;
  }
  return null;
}
