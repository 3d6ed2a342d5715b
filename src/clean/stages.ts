import { UserError } from "../errors.js";
import { boilerplateStage } from "./boilerplate.js";
import type { CleanOptions, CleanStage, Draft, Line } from "./draft.js";
import { garbledStage } from "./garbled.js";
import { glossesStage } from "./glosses.js";
import { headerStage } from "./header.js";
import { markupStage } from "./markup.js";
import { repeatsStage } from "./repeats.js";
import { scriptStage } from "./script.js";
import { siteRecurringStage } from "./site-recurring.js";
import { widthStage } from "./width.js";

/**
 * Every cleaning stage, in the order they run. Damage is repaired, markup taken out and glosses dropped on
 * the lines as read, so their places are places in the page; boilerplate is judged on normalized, simplified
 * text; the batch stage sees every page's kept lines; the header is read last, from what is kept and what
 * was set aside. A stage with `asked` runs only when the options ask for it (markup).
 * Adding a stage: its own file exporting {id, run} (or {id, runBatch}), its entry here, and its rule ids
 * in data/clean-reasons.json.
 */
export const STAGES: readonly CleanStage[] = [
  garbledStage,
  markupStage,
  glossesStage,
  widthStage,
  scriptStage,
  boilerplateStage,
  repeatsStage,
  siteRecurringStage,
  headerStage,
];

export const STAGE_IDS: readonly string[] = STAGES.map((stage) => stage.id);

/** Refuse a stage name this huiyi does not have, so a typo does not silently clean with everything on. */
export function checkSkip(skip: readonly string[] | undefined): void {
  for (const id of skip ?? []) {
    if (!STAGE_IDS.includes(id)) throw new UserError(`没有名为 ${id} 的清洗步骤;可跳过的步骤: ${STAGE_IDS.join(", ")}`);
  }
}

const lineChanged = (before: Line | undefined, after: Line) => before !== after && (before === undefined || before.text !== after.text || before.dropped !== after.dropped);

/** What a stage did to one page: lines it changed or set aside, and header fields it filled in. */
function countDone(before: Draft, after: Draft): number {
  if (after === before) return 0;
  let count = 0;
  // a plain loop: this runs after every stage on every line of every page
  const [old, now] = [before.lines, after.lines];
  if (old !== now) for (let i = 0; i < now.length; i++) if (lineChanged(old[i], now[i]!)) count++;
  if (after.title !== before.title) count++;
  if (after.published !== before.published) count++;
  if (after.source.site !== before.source.site) count++;
  return count;
}

/** Run the stages not switched off over a batch of pages, each stage over every page before the next. */
export function runStages(drafts: readonly Draft[], options: CleanOptions, stages: readonly CleanStage[] = STAGES): Draft[] {
  let current = drafts.slice();
  // Each page's counts are gathered apart and set once at the end: a fresh object per page per stage, as
  // spreading the counts so far into one would be, cost more than the counting.
  const done = drafts.map((): { [id: string]: number } => ({}));
  for (const stage of stages) {
    if (options.skip?.includes(stage.id) || ("asked" in stage && stage.asked && !stage.asked(options))) continue;
    const before = current;
    current = "run" in stage ? before.map((draft) => stage.run(draft, options)) : stage.runBatch(before, options);
    for (let i = 0; i < current.length; i++) done[i]![stage.id] = countDone(before[i]!, current[i]!);
  }
  // a stage that left a page alone returned the draft it was given, which may be the caller's: copied, not changed
  return current.map((draft, i) => ({ ...draft, stages: done[i]! }));
}
