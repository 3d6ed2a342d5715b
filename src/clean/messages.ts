import { reasonOf, stageOfRule } from "../lexicon/reasons.js";
import type { GarbledSpan, Record } from "../types.js";

// The record keeps each kind of change where readers look for it (removed lines in `removed`, damage in
// `quality.garbled`, glosses in `changes`, one entry a line). A program that wants one list of every
// change with its stage, rule, place, action and reason reads it here.

export interface Message {
  stage: string;
  rule: string;
  /** line in the page as read (1-based); absent for lines the HTML reader set aside */
  line?: number;
  start?: number;
  end?: number;
  action: "dropped" | "replaced" | "kept";
  reason: string;
  /** the text the message is about: the removed line, or the damaged span */
  text?: string;
}

function damageAction(span: GarbledSpan): Message["action"] {
  if (span.rule === "garbled.question-run") return "kept";
  return span.repaired === null ? "dropped" : "replaced";
}

/** Every change a record names with its rule id, in page order of the kinds: removed lines, damage, glosses. */
export function messagesOf(record: Record): Message[] {
  const messages: Message[] = [];
  for (const item of record.removed) {
    if (!item.rule) continue;
    messages.push({ stage: stageOfRule(item.rule), rule: item.rule, ...(item.n === undefined ? {} : { line: item.n }), action: "dropped", reason: item.reason, text: item.line });
  }
  for (const span of record.quality.garbled) {
    if (!span.rule) continue;
    const place = span.start === undefined ? {} : { start: span.start, end: span.end };
    messages.push({ stage: "garbled", rule: span.rule, line: span.line, ...place, action: damageAction(span), reason: span.how ?? reasonOf(span.rule), text: span.text });
  }
  for (const change of record.changes ?? []) {
    for (const [start, end] of change.spans) {
      messages.push({ stage: change.stage, rule: change.rule, line: change.line, start, end, action: change.action, reason: reasonOf(change.rule) });
    }
  }
  return messages;
}
