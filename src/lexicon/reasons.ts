import { lazy, readDataJson } from "./load.js";

// The one catalogue of user-facing reasons for cleaning changes, keyed by stable rule id (data/clean-reasons.json).

interface ReasonFile {
  reasons: { [rule: string]: string };
}

export const reasonCatalogue = lazy((): ReadonlyMap<string, string> => {
  const file = readDataJson<ReasonFile>("clean-reasons.json");
  return new Map(Object.entries(file.reasons));
});

/**
 * The reason users see for a rule id, with {name} slots filled in. An id missing from the catalogue is a
 * programming error (a rule added without its reason), so it throws rather than showing users an id.
 */
export function reasonOf(rule: string, slots: { [name: string]: string } = {}): string {
  const template = reasonCatalogue().get(rule);
  if (template === undefined) throw new Error(`rule id without a reason in data/clean-reasons.json: ${rule}`);
  return template.includes("{") ? template.replace(/\{(\w+)\}/g, (whole, name: string) => slots[name] ?? whole) : template;
}

/** The stage a rule id belongs to: the part before the first dot. */
export function stageOfRule(rule: string): string {
  const dot = rule.indexOf(".");
  return dot < 0 ? rule : rule.slice(0, dot);
}
