import * as crypto from "node:crypto";
import { reasonOf } from "../lexicon/reasons.js";
import type { RawDoc, Record, Removed } from "../types.js";
import { findUrlDate } from "./dates.js";
import { flatLines } from "./flat-text.js";
import type { CleanOptions, Draft } from "./draft.js";
import { isKept, lineAsRead } from "./draft.js";
import { detectScript } from "./script.js";
import { checkSkip, runStages } from "./stages.js";

export type { CleanOptions } from "./draft.js";
export { STAGES, STAGE_IDS } from "./stages.js";

/** Lines the HTML reader set aside in the page as read, by line number: cleaning starts with them set aside. */
function setAsideByReader(doc: RawDoc): Map<number, Removed> {
  return new Map((doc.htmlRemoved ?? []).flatMap((item) => (item.n === undefined ? [] : [[item.n, item] as const])));
}

export function draftOf(doc: RawDoc): Draft {
  const raws = flatLines(doc.text);
  // text pages (most) have nothing set aside by the HTML reader: no map to build and ask per line
  const setAside = doc.htmlRemoved?.length ? setAsideByReader(doc) : null;
  const lines = raws.map((raw, i) => {
    const item = setAside?.get(i + 1);
    return item ? lineAsRead(raw, item.reason, item.rule ?? null) : lineAsRead(raw, null, null);
  });
  return {
    source: { path: doc.path, url: doc.url, site: null, url_date: findUrlDate(doc.url), ...(doc.captured ? { captured: doc.captured } : {}) },
    lines,
    script: null,
    glosses: 0,
    garbled: [],
    width: 0,
    converted: 0,
    title: null,
    published: null,
    preRemoved: (doc.htmlRemoved ?? []).filter((item) => item.n === undefined),
    htmlTitle: doc.htmlTitle ?? null,
    changes: [],
    stages: {},
  };
}

/**
 * A record's id: the SHA-256 of its text. Node's one-shot digest (20.12 and later) costs about two thirds of
 * a Hash object's for a page; older releases of Node 20 make the object.
 */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === "function" ? (text) => crypto.hash("sha256", text, "hex") : (text) => crypto.createHash("sha256").update(text).digest("hex");

/** Lines of the page that are not in the text, each with its number, rule id and reason. */
function removedLines(draft: Draft): Removed[] {
  const removed: Removed[] = [];
  draft.lines.forEach((line, i) => {
    if (isKept(line) || line.raw.trim() === "") return;
    const rule = line.rule ?? "clean.empty";
    removed.push({ line: line.raw.trim(), reason: line.dropped ?? reasonOf(rule), n: i + 1, rule });
  });
  return removed;
}

/** The finished record: article text, every removed line with its place and reason, and what was repaired. */
export function recordOf(done: Draft): Record {
  const text = done.lines.filter(isKept).map((line) => line.text).join("\n");
  const record: Record = {
    id: sha256Hex(text),
    source: done.source,
    title: done.title,
    published: done.published,
    script: done.script ?? detectScript(done.lines.map((line) => line.text)).script,
    text,
    removed: [...done.preRemoved, ...removedLines(done)],
    quality: { glosses: done.glosses, garbled: done.garbled, width: done.width, converted: done.converted, stages: done.stages },
    meeting: null,
    people: [],
  };
  if (done.changes.length) record.changes = done.changes;
  return record;
}

/** Clean one page alone. */
export function clean(doc: RawDoc, options: CleanOptions = {}): Record {
  return cleanBatch([doc], options)[0]!;
}

/** Clean pages of a batch together, so lines that recur across one site's pages count as boilerplate too. */
export function cleanBatch(docs: RawDoc[], options: CleanOptions = {}): Record[] {
  checkSkip(options.skip);
  return runStages(docs.map(draftOf), options).map(recordOf);
}
