import type { GarbledSpan, Removed, Script, Source } from "../types.js";

/** One input line on its way through the stages: what it was, what it is now, and why it was dropped. */
export interface Line {
  readonly raw: string;
  text: string;
  /** why the line is not part of the article; null while it is */
  dropped: string | null;
}

/** A document between reading and the finished record. Stages take one and return one. */
export interface Draft {
  source: Source;
  lines: Line[];
  script: Script;
  glosses: number;
  garbled: GarbledSpan[];
  width: number;
  converted: number;
  title: string | null;
  published: string | null;
  /** lines the reader set aside before line cleaning (HTML navigation, scripts) */
  preRemoved: Removed[];
  htmlTitle: string | null;
}

export interface CleanOptions {
  /** keep the input script instead of converting to simplified */
  keepScript?: boolean;
}

export type Stage = (draft: Draft, options: CleanOptions) => Draft;

/** Apply a text change to every line that is still part of the article and count the changes. */
export function mapLines(draft: Draft, change: (text: string) => { text: string; count: number }): { lines: Line[]; count: number } {
  let count = 0;
  const lines = draft.lines.map((line) => {
    const result = change(line.text);
    count += result.count;
    return result.text === line.text ? line : { ...line, text: result.text };
  });
  return { lines, count };
}

export function drop(line: Line, reason: string): Line {
  return { ...line, dropped: reason };
}

export function isKept(line: Line): boolean {
  return line.dropped === null && line.text !== "";
}
