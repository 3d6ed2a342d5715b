import { lineModelWeights, type LineModelFile } from "../lexicon/line-classes.js";
import { drop, isKept, type Line } from "./draft.js";
import { FEATURE_NAMES, pageFeatures, type FeatureName } from "./line-features.js";

// The line model: a logistic regression over line-features.ts, fitted on the gold of the corpus by
// scripts/fit-line-model.ts (npm run fit) into data/line-model.json. It judges the lines the exact rules
// of boilerplate.ts left, so a line of an unseen site's menu, credit or footer goes by what it looks like
// and where it stands, not by the words of the pages the rules were written on.

/** Each kind of drop the model makes, by its stable rule id; the reason users see is in data/clean-reasons.json. */
export const MODEL_DROPS = {
  dateLine: "boilerplate.meta.date.model",
  credit: "boilerplate.model.credit",
  contact: "boilerplate.model.contact",
  widget: "boilerplate.model.widget",
  fileName: "boilerplate.model.file",
  caption: "boilerplate.model.caption",
  nav: "boilerplate.model.nav",
  outside: "boilerplate.model.outside",
} as const;
export type ModelDrop = keyof typeof MODEL_DROPS;

/** Above this score a line is boilerplate even with article lines on both sides. */
const SURE = 0.95;
/** Only a line without a boilerplate class of its own can be spared by its neighbours: a caption or a credit
 * between two paragraphs is still a caption or a credit; a short heading or a timetable line is the article's. */
const SHAPELESS: ReadonlySet<ModelDrop> = new Set(["outside", "nav"]);

const index = new Map(FEATURE_NAMES.map((name, i) => [name, i]));
const feature = (values: number[], name: FeatureName) => values[index.get(name)!]!;

/** The probability that a line with these features is not article content. */
export function boilerplateProbability(values: number[], model: LineModelFile = lineModelWeights()): number {
  let z = model.bias;
  for (let i = 0; i < values.length; i++) z += model.weights[i]! * ((values[i]! - model.mean[i]!) / model.scale[i]!);
  return 1 / (1 + Math.exp(-z));
}

/** Why the model drops a line, named by the strongest shape or word class the line shows. */
export function dropKind(values: number[]): ModelDrop {
  const has = (name: FeatureName) => feature(values, name) > 0;
  if (has("fileName")) return "fileName";
  if (has("dateLine") && !has("leadingClock")) return "dateLine";
  if (has("creditLabel") || has("credit")) return "credit";
  if (has("contact") || has("phone") || has("email")) return "contact";
  if (has("widget")) return "widget";
  if (has("caption")) return "caption";
  if (has("separators") || has("shortItems") || has("nav")) return "nav";
  return "outside";
}

/**
 * Drop the kept lines the model judges boilerplate; lines the rules already dropped are left as they are.
 * Context smoothing as jusText does it: a run of doubtful lines with article lines on both sides (a line of
 * names under the headline, the timetable lines of a step-by-step report, a short heading) stays; runs at
 * the edges of the article go; a line the model is sure of, or one of a class (a date line, a credit, a
 * caption), goes wherever it stands.
 */
export function applyLineModel(lines: Line[], model: LineModelFile = lineModelWeights()): Line[] {
  const features = pageFeatures(
    lines.map((line) => line.text),
    (i) => isKept(lines[i]!),
  );
  const score = lines.map((line, i) => (isKept(line) && features[i] ? boilerplateProbability(features[i]!, model) : 0));
  const judged = score.map((p) => p >= model.threshold);
  const kept = lines.map((line, i) => (isKept(line) ? i : -1)).filter((i) => i >= 0);
  const spared = new Set<number>();
  for (let k = 0; k < kept.length; ) {
    if (!judged[kept[k]!]) {
      k++;
      continue;
    }
    let end = k;
    while (end + 1 < kept.length && judged[kept[end + 1]!]) end++;
    if (k > 0 && end + 1 < kept.length) {
      for (let r = k; r <= end; r++) {
        const i = kept[r]!;
        if (score[i]! < SURE && SHAPELESS.has(dropKind(features[i]!))) spared.add(i);
      }
    }
    k = end + 1;
  }
  const dropped = kept.filter((i) => judged[i] && !spared.has(i));
  // The model places lines around an article; a page it would leave with nothing (a one-line note, a bare
  // list) has no article to place them around, so only the exact rules speak there.
  if (dropped.length === kept.length) return lines;
  return lines.map((line, i) => (judged[i] && !spared.has(i) ? drop(line, MODEL_DROPS[dropKind(features[i]!)]) : line));
}
