import { reasonOf } from "../lexicon/reasons.js";
import type { Change, GarbledSpan, Removed, Script, Source } from "../types.js";

/** One input line on its way through the stages: what it was, what it is now, and why it was dropped. */
export interface Line {
  readonly raw: string;
  text: string;
  /** why the line is not part of the article, in the words users see; null while it is */
  dropped: string | null;
  /** the stable id of the rule that dropped it (boilerplate.footer.icp); null while it is kept */
  rule: string | null;
  /** stretches of the line as read that a stage replaced, in order, so later spans can be placed in `raw` */
  edits?: Edit[];
}

/** A stretch [start, end) of the line as read that now stands as `length` UTF-16 units. */
export interface Edit {
  start: number;
  end: number;
  length: number;
}

/** A document between reading and the finished record. Stages take one and return one. */
export interface Draft {
  source: Source;
  lines: Line[];
  /** the input's script; null until the script stage looks (and when it is switched off) */
  script: Script | null;
  glosses: number;
  garbled: GarbledSpan[];
  width: number;
  converted: number;
  title: string | null;
  published: string | null;
  /** lines the reader set aside before line cleaning (HTML navigation, scripts) */
  preRemoved: Removed[];
  htmlTitle: string | null;
  /** in-line changes with a place, other than garbled spans (which `garbled` holds) and dropped lines */
  changes: Change[];
  /** what each stage that ran did: lines it changed or dropped, header fields it found */
  stages: { [id: string]: number };
}

export interface CleanOptions {
  /** keep the input script instead of converting to simplified */
  keepScript?: boolean;
  /** ids of stages not to run (see STAGES in stages.ts) */
  skip?: readonly string[];
  /** take out the tags and character references a text capture kept (the markup stage, off unless asked) */
  stripMarkup?: boolean;
}

/** A stage that needs one page only. */
export interface PageStage {
  readonly id: string;
  /** a stage that runs only when asked says when: without this, a stage runs unless skipped */
  asked?(options: CleanOptions): boolean;
  run(draft: Draft, options: CleanOptions): Draft;
}

/** A stage that looks at the pages of a batch together (lines recurring across one site's pages). */
export interface BatchStage {
  readonly id: string;
  runBatch(drafts: readonly Draft[], options: CleanOptions): Draft[];
}

export type CleanStage = PageStage | BatchStage;

/**
 * Lines are made field by field, every field always there (edits undefined where there are none), so every
 * line has one shape: copying lines of several shapes with a spread took about a microsecond a line, and the
 * stages make one for every line they change or set aside.
 */
function lineOf(raw: string, text: string, dropped: string | null, rule: string | null, edits: Edit[] | undefined): Line {
  return { raw, text, dropped, rule, edits };
}

/** A line as the page holds it, set aside already where the HTML reader set it aside. */
export function lineAsRead(raw: string, dropped: string | null, rule: string | null): Line {
  return lineOf(raw, raw, dropped, rule, undefined);
}

/** The line with a new text (and, where a repair made them, the stretches of the line as read it replaced). */
export function withText(line: Line, text: string, edits: Edit[] | undefined = line.edits): Line {
  return lineOf(line.raw, text, line.dropped, line.rule, edits);
}

/** Apply a text change to every line that is still part of the article and count the changes. */
export function mapLines(draft: Draft, change: (text: string) => { text: string; count: number }): { lines: Line[]; count: number } {
  let count = 0;
  const lines = draft.lines.map((line) => {
    const result = change(line.text);
    count += result.count;
    return result.text === line.text ? line : withText(line, result.text);
  });
  return { lines, count };
}

/** Set a line aside under a rule id; the reason users see is the catalogue's entry for that id. */
export function drop(line: Line, rule: string): Line {
  return lineOf(line.raw, line.text, reasonOf(rule), rule, line.edits);
}

export function isKept(line: Line): boolean {
  return line.dropped === null && line.text !== "";
}

/**
 * Where an offset of a line's current text stands in the line as read, through the edits made so far;
 * null when it falls inside an edit (the repaired text has no place of its own in the page as read).
 */
export function rawOffset(line: Line, offset: number): number | null {
  let shift = 0;
  for (const edit of line.edits ?? []) {
    const from = edit.start + shift;
    if (offset < from) break;
    if (offset < from + edit.length) return null;
    shift += edit.length - (edit.end - edit.start);
  }
  return offset - shift;
}
