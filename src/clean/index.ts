import { createHash } from "node:crypto";
import type { RawDoc, Record } from "../types.js";
import { boilerplateStage } from "./boilerplate.js";
import { findUrlDate } from "./dates.js";
import type { CleanOptions, Draft, Stage } from "./draft.js";
import { isKept } from "./draft.js";
import { garbledStage } from "./garbled.js";
import { glossesStage } from "./glosses.js";
import { headerStage } from "./header.js";
import { repeatsStage } from "./repeats.js";
import { scriptStage } from "./script.js";
import { markSiteRecurring } from "./site-recurring.js";
import { widthStage } from "./width.js";

export type { CleanOptions } from "./draft.js";

/** The stages that need one page only, in order. */
export const PAGE_STAGES: readonly Stage[] = [garbledStage, glossesStage, widthStage, scriptStage, boilerplateStage, repeatsStage];

export function draftOf(doc: RawDoc): Draft {
  const lines = doc.text.split(/\r\n|\r|\n/).map((raw) => ({ raw, text: raw, dropped: null }));
  return {
    source: { path: doc.path, url: doc.url, site: null, url_date: findUrlDate(doc.url) },
    lines,
    script: "simplified",
    glosses: 0,
    garbled: [],
    width: 0,
    converted: 0,
    title: null,
    published: null,
    preRemoved: doc.htmlRemoved ?? [],
    htmlTitle: doc.htmlTitle ?? null,
  };
}

export function runStages(draft: Draft, stages: readonly Stage[], options: CleanOptions): Draft {
  return stages.reduce((d, stage) => stage(d, options), draft);
}

/** The finished record: article text, every removed line with its reason, and what was repaired. */
export function recordOf(draft: Draft, options: CleanOptions): Record {
  const done = headerStage(draft, options);
  const text = done.lines.filter(isKept).map((line) => line.text).join("\n");
  const removed = [
    ...done.preRemoved,
    ...done.lines
      .filter((line) => !isKept(line) && line.raw.trim() !== "")
      .map((line) => ({ line: line.raw.trim(), reason: line.dropped ?? "清理后为空" })),
  ];
  return {
    id: createHash("sha256").update(text).digest("hex"),
    source: done.source,
    title: done.title,
    published: done.published,
    script: done.script,
    text,
    removed,
    quality: { glosses: done.glosses, garbled: done.garbled, width: done.width, converted: done.converted },
    meeting: null,
    people: [],
  };
}

/** Clean one page alone. */
export function clean(doc: RawDoc, options: CleanOptions = {}): Record {
  return recordOf(runStages(draftOf(doc), PAGE_STAGES, options), options);
}

/** Clean pages of a batch together, so lines that recur across one site's pages count as boilerplate too. */
export function cleanBatch(docs: RawDoc[], options: CleanOptions = {}): Record[] {
  const drafts = markSiteRecurring(docs.map((doc) => runStages(draftOf(doc), PAGE_STAGES, options)));
  return drafts.map((draft) => recordOf(draft, options));
}
