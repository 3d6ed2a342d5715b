import type { Removed } from "../types.js";

// The shape of the raw view the API gives (src/serve/raw-view.ts builds it), apart from the code that
// builds it so the web app can use the types alone.

export interface RawMark {
  start: number;
  end: number;
  /** gloss: a pinyin gloss dropped; garbled: encoding damage repaired or dropped; kept: damage left in the text;
   * markup: a tag or character reference a text capture kept, taken out */
  kind: "gloss" | "garbled" | "kept" | "markup";
  note: string;
}

export interface RawLine {
  /** the line's number in the page as read (1-based); runs of blank lines are shown once */
  n: number;
  text: string;
  /** why the line is not in the clean text; null when it is */
  removed: string | null;
  /** the id of the rule that removed it, when the record names one */
  rule?: string;
  marks: RawMark[];
}

export interface RawView {
  lines: RawLine[];
  /** removed lines that are not lines of the page as read (the HTML reader set them aside, say) */
  elsewhere: Removed[];
}
