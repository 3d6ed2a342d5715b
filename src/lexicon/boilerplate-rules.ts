import { lazy, readDataJson } from "./load.js";
import { reasonOf } from "./reasons.js";

export interface LineRule {
  /** stable rule id (boilerplate.footer.icp); the reason users see comes from the catalogue by this id */
  id: string;
  reason: string;
  pattern: RegExp;
  maxLength: number;
}

interface RuleFile {
  rules: { id: string; pattern: string; flags?: string; maxLength?: number }[];
  relatedBlockStarts: string;
  widgetWords: string[];
}

export const boilerplateRules = lazy(() => {
  const file = readDataJson<RuleFile>("boilerplate.json");
  const rules = file.rules.map(
      (r): LineRule => ({
        id: r.id,
        reason: reasonOf(r.id),
        pattern: new RegExp(r.pattern, r.flags ?? ""),
        maxLength: r.maxLength ?? Infinity,
      }),
  );
  const widgetSource = [...file.widgetWords].sort((a, b) => b.length - a.length).join("|");
  return {
    rules,
    /** lines longer than every rule's limit are paragraphs: no rule needs to look at them */
    longestMatch: Math.max(...rules.map((rule) => rule.maxLength)),
    relatedBlockStart: new RegExp(file.relatedBlockStarts),
    /** longest words first, so 打印本页 goes whole before 打印 */
    widgetWords: new RegExp(widgetSource, "g"),
    widgetWordList: file.widgetWords,
  };
});
