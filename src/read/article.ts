import { lineRule } from "../clean/boilerplate.js";
import { dropGlosses } from "../clean/glosses.js";
import { pageFeatures } from "../clean/line-features.js";
import { isBodyParagraph } from "../clean/paragraph.js";
import { boilerplateProbability, dropKind } from "../clean/line-model.js";
import { convertToSimplified, detectScript, variantOf } from "../clean/script.js";
import { normalizeWidth } from "../clean/width.js";
import { lineModelWeights } from "../lexicon/line-classes.js";

// Which block of an HTML page is the article, as Readability, trafilatura and jusText choose it, but judged
// with the cleaning's own line model. Every line the reader found is scored: a line the model reads as
// content counts for its block by its length, a line it reads as boilerplate or that is mostly link text
// counts against it, and a line an exact cleaning rule names (a date line, ICP备, 分享到) counts neither
// way — cleaning sets it aside under that rule, and the header reads the page's date and publisher from it.
// The block (element) whose lines together score highest is the article: it holds the prose and as little
// else as the page's markup allows. Lines around it that read as content are its neighbours (a headline in
// a sibling <div>) and stay; the rest of the page — menus, sidebars, lists of other articles' headlines,
// comment widgets — is set aside with a rule id, never dropped silently.
//
// Why here and not as a `linkShare` feature of the fitted line model: the model is fitted on the gold of
// ../shared/corpus, whose pages are text — every line's link share there is 0, so a fit would give the
// feature a weight from no evidence. Link density is instead used the way the HTML extractors use it, as
// a property of a block with a fixed bound (half the text in links: not prose), and the model's weights
// stay what the corpus supports. Text pages never reach this code, so their records do not change.

/** One line of an HTML page as the reader found it. */
export interface BlockLine {
  text: string;
  /** share of its visible characters inside <a> (0–1) */
  linkShare: number;
  /** the innermost block element holding the line (an index into `parents`), -1 for none */
  block: number;
  /** the rule id of the <nav>/<footer>/<aside> holding the line, or null */
  furniture: string | null;
  /** the line is (part of) the page's first <h1>, its headline */
  headline: boolean;
}

/** Rule ids of the lines the article choice sets aside (reasons in data/clean-reasons.json). */
export const ARTICLE_RULES = {
  outside: "html.outside",
  outsideLinks: "html.outside.links",
  linkLine: "html.link-line",
} as const;

/**
 * At least this share of link text and a line is not prose, whatever its words: a headline of another article,
 * alone or with its date. Inside the article such a line goes too unless it holds a finished sentence.
 */
const LINKED = 0.5;
const FINISHED_SENTENCE = /[。！？!?]/;

/** content: prose by the model; doubtful: boilerplate by the model alone; linked: mostly link text, or in
 * <nav>/<footer>/<aside>; ruled: named by an exact cleaning rule, left to it. */
type Verdict = "content" | "doubtful" | "linked" | "ruled";

/**
 * The lines as cleaning will judge them: glosses dropped, width normalized, simplified. As the script stage
 * does, a page without traditional characters is not converted, and one that has them in one pass.
 */
function judgingViews(lines: readonly BlockLine[]): string[] {
  const views = lines.map((line) => normalizeWidth(dropGlosses(line.text).text).text);
  if (detectScript(views).traditional === 0) return views;
  const whole = views.join("\n");
  const variant = variantOf(whole);
  const converted = convertToSimplified(whole, variant).text.split("\n");
  return converted.length === views.length ? converted : views.map((view) => convertToSimplified(view, variant).text);
}

function visibleLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x20 && text.charCodeAt(i) !== 0x3000) n++;
  return n;
}

/** Each line's verdict by itself. */
function lineVerdicts(lines: readonly BlockLine[], views: readonly string[]): Verdict[] {
  const model = lineModelWeights();
  const features = pageFeatures(views);
  return lines.map((line, i) => {
    const view = views[i]!;
    if (lineRule(view) !== null) return "ruled";
    // links before the model's date-line class: another article's headline with its date is no date line
    if (line.furniture || line.linkShare >= LINKED) return "linked";
    const values = features[i];
    // a date line the model names is where the header finds the page's date: cleaning sets it aside itself
    if (values && dropKind(values) === "dateLine") return "ruled";
    if (values === null || values === undefined) return "content";
    return boilerplateProbability(values, model) >= model.threshold ? "doubtful" : "content";
  });
}

/** The block whose lines score highest together (-1: the whole page); null when the page has no prose. */
function articleBlock(lines: readonly BlockLine[], verdicts: readonly Verdict[], views: readonly string[], parents: ArrayLike<number>): number | null {
  const sums = new Float64Array(parents.length);
  let page = 0;
  let content = 0;
  lines.forEach((line, i) => {
    const verdict = verdicts[i]!;
    if (verdict === "ruled") return;
    const weight = (verdict === "content" ? 1 : -1) * visibleLength(views[i]!);
    if (verdict === "content") content += weight;
    page += weight;
    if (line.block >= 0) sums[line.block]! += weight;
  });
  if (content === 0) return null;
  // an element opens after its parent, so children have higher indexes: one backward pass sums every subtree
  for (let k = parents.length - 1; k >= 0; k--) if (parents[k]! >= 0) sums[parents[k]!]! += sums[k]!;
  // on a tie the outer block wins: it loses no line the inner one keeps
  let best = -1;
  let bestSum = page;
  for (let k = 0; k < parents.length; k++) {
    if (sums[k]! > bestSum) {
      best = k;
      bestSum = sums[k]!;
    }
  }
  return bestSum > 0 ? best : null;
}

/** Which lines stand inside the chosen block. */
function insideBlock(lines: readonly BlockLine[], best: number, parents: ArrayLike<number>): boolean[] {
  if (best < 0) return lines.map(() => true);
  const within = new Uint8Array(parents.length);
  for (let k = best; k < parents.length; k++) within[k] = k === best || (parents[k]! >= 0 && within[parents[k]!] === 1) ? 1 : 0;
  return lines.map((line) => line.block >= 0 && within[line.block] === 1);
}

/**
 * Context, as jusText smooths it: the article's block and every body paragraph outside it (an article split
 * over two blocks around an advertisement) keep the runs of content and rule-named lines right before and
 * after them (a headline in a sibling block); a run without link text between two kept lines (a short
 * subheading the model doubts, between the two parts of an article) is kept too. Link text ends a run.
 */
function withNeighbours(seeds: boolean[], verdicts: readonly Verdict[]): boolean[] {
  const kept = seeds.slice();
  const neighbour = (i: number) => verdicts[i] === "content" || verdicts[i] === "ruled";
  for (let i = 1; i < kept.length; i++) if (!kept[i] && kept[i - 1] && neighbour(i)) kept[i] = true;
  for (let i = kept.length - 2; i >= 0; i--) if (!kept[i] && kept[i + 1] && neighbour(i)) kept[i] = true;
  for (let i = 0; i < kept.length; ) {
    if (kept[i]) {
      i++;
      continue;
    }
    let end = i;
    while (end < kept.length && !kept[end] && verdicts[end] !== "linked") end++;
    const between = i > 0 && kept[i - 1] && end < kept.length && kept[end];
    if (between) for (let k = i; k < end; k++) kept[k] = true;
    i = end === i ? i + 1 : end;
  }
  return kept;
}

/** A paragraph of the article wherever it stands: finished sentences, a body paragraph's shape, little link text. */
function isParagraph(line: BlockLine, view: string, verdict: Verdict): boolean {
  return verdict === "content" && line.linkShare < LINKED && FINISHED_SENTENCE.test(view) && isBodyParagraph(view);
}

/**
 * For each line, the rule id it is set aside under, or null where cleaning is to judge it. Furniture
 * (<nav>, <footer>, <aside>) goes under its own rule; lines outside the article under html.outside or,
 * mostly link text, html.outside.links; inside it a line mostly of links under html.link-line. A line an
 * exact cleaning rule names is left to that rule wherever it stands; a paragraph of finished sentences (a
 * body paragraph by cleaning's measure, not a widget's one-line prompt: 还没有评论,快来抢沙发吧!) outside
 * the article stays with its neighbours, and the page's <h1> is left to cleaning: the choice may cost a menu
 * line, never a paragraph.
 */
export function chooseArticle(lines: readonly BlockLine[], parents: ArrayLike<number>): (string | null)[] {
  const views = judgingViews(lines);
  const verdicts = lineVerdicts(lines, views);
  const best = articleBlock(lines, verdicts, views, parents);
  const kept =
    best === null
      ? lines.map(() => true)
      : withNeighbours(
          insideBlock(lines, best, parents).map((inside, i) => inside || isParagraph(lines[i]!, views[i]!, verdicts[i]!)),
          verdicts,
        );
  return lines.map((line, i) => {
    if (verdicts[i] === "ruled") return null;
    if (line.furniture) return line.furniture;
    if (!kept[i]) {
      // the page's own headline is the title's source, and a line only the model doubts right at the edge of
      // what is kept (a subheading over the second part of an article) is cleaning's to judge in its context
      if (line.headline || (verdicts[i] === "doubtful" && (kept[i - 1] || kept[i + 1]))) return null;
      return line.linkShare >= LINKED ? ARTICLE_RULES.outsideLinks : ARTICLE_RULES.outside;
    }
    return line.linkShare >= LINKED && !FINISHED_SENTENCE.test(views[i]!) ? ARTICLE_RULES.linkLine : null;
  });
}
