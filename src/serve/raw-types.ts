import type { Removed } from "../types.js";

// The shape of the raw view the API gives (src/serve/raw-view.ts builds it), apart from the code that
// builds it so the web app can use the types alone.

export interface RawMark {
  start: number;
  end: number;
  kind: "gloss" | "garbled";
  note: string;
}

export interface RawLine {
  text: string;
  /** why the line is not in the clean text; null when it is */
  removed: string | null;
  marks: RawMark[];
}

export interface RawView {
  lines: RawLine[];
  /** removed lines that are not lines of the page as read (the HTML reader set them aside, say) */
  elsewhere: Removed[];
}
