// The public contract: one Record per document, matching ../shared/spec/record.schema.json.

export type Script = "simplified" | "traditional" | "mixed";
export type Role = "主持" | "讲话" | "出席";

export interface Source {
  path: string | null;
  url: string | null;
  site?: string | null;
  /** a date read from the URL (…/202411/t20241120_…), kept apart from the printed publication date */
  url_date?: string | null;
  /**
   * When the page was captured, ISO 8601: a WARC record's WARC-Date; a JSON line's `captured`, `fetched`,
   * `crawled_at` or `crawl_time` field (the first present, if it reads as a time); a file's modification time.
   * Absent on records written before it was kept.
   */
  captured?: string | null;
}

export interface Removed {
  line: string;
  reason: string;
  /** the line's number in the page as read (1-based); absent for lines the HTML reader set aside */
  n?: number;
  /** stable id of the rule that removed it (boilerplate.footer.icp); absent in records from before rule ids */
  rule?: string;
}

export interface GarbledSpan {
  text: string;
  repaired: string | null;
  /** how the span was recognised and repaired */
  how?: string;
  /** stable id of the repair (garbled.gbk-shift); garbled.question-run spans are kept in the text */
  rule?: string;
  /** the line (1-based, in the page as read) that holds the span */
  line?: number;
  /** where the span stands in that line, in UTF-16 code units [start, end) */
  start?: number;
  end?: number;
}

/**
 * One in-line change with its place: which stage, which rule, which line of the page as read, and the
 * spans [start, end) it touched there. Dropped lines are `removed` entries and encoding damage is
 * `quality.garbled`, each with its rule id and place, so they are not repeated here.
 */
export interface Change {
  stage: string;
  rule: string;
  line: number;
  action: "dropped" | "replaced" | "kept";
  spans: [number, number][];
}

export interface Quality {
  glosses: number;
  garbled: GarbledSpan[];
  /** characters narrowed from full width or spaces normalized */
  width?: number;
  /** characters changed by the script conversion */
  converted?: number;
  /** for each cleaning stage that ran, by id: lines it changed or dropped (header: fields it found) */
  stages?: { [id: string]: number };
}

/** Where an extracted fact came from, so a reader can check it: the sentence, and the rule that read it. */
export interface Clue {
  sentence: string;
  rule: string;
  /** stable id of the rule (people.post-before-name), for tools; `rule` is the reason a reader sees */
  id?: string;
}

export interface Division {
  code: string;
  path: string[];
}

export interface Meeting {
  name: string;
  date: string | null;
  jurisdiction: string | null;
  division?: Division | null;
  kinds?: string[];
  clue?: Clue;
  /** the rules that read the date and the jurisdiction (meeting.date.day-alone, meeting.jurisdiction.host …) */
  rules?: { date: string | null; jurisdiction: string | null };
}

export interface Person {
  name: string;
  posts: string[];
  roles: Role[];
  /** the first sentences that name the person, with the rule that found the name there */
  clues?: Clue[];
}

export interface Directive {
  speaker: string | null;
  text: string;
  clue?: Clue;
}

export interface Project {
  name: string;
  place: string | null;
  clue?: Clue;
}

export interface Indicator {
  name: string;
  measure: string | null;
  value: number;
  unit: string | null;
  period: string | null;
  clue?: Clue;
}

export interface Record {
  id: string;
  source: Source;
  title: string | null;
  published: string | null;
  script: Script;
  text: string;
  removed: Removed[];
  quality: Quality;
  /** in-line changes with their places (pinyin glosses dropped); see Change */
  changes?: Change[];
  meeting: Meeting | null;
  people: Person[];
  directives?: Directive[];
  projects?: Project[];
  indicators?: Indicator[];
}

/** A document as read, before cleaning: decoded text plus where it came from. */
export interface RawDoc {
  path: string | null;
  url: string | null;
  text: string;
  /** the encoding the bytes were decoded from */
  encoding: string;
  /** when the page was captured (see Source.captured) */
  captured?: string | null;
  /** for HTML input: the page title, and the lines of `text` the HTML reader set aside, each at its line `n` */
  htmlTitle?: string | null;
  htmlRemoved?: Removed[];
  /** for HTML input: for each line of `text`, the share of it that is link text (0–1) */
  htmlLinkShare?: number[];
}

/** A failure to read one input; the batch goes on. */
export interface ReadFailure {
  path: string;
  problem: string;
}
