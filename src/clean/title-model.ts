import { lazy, readDataJson } from "../lexicon/load.js";
import { lineClasses } from "../lexicon/line-classes.js";
import { nameItemShare } from "./line-features.js";
import { unitsMatching } from "./unit-table.js";

// The headline among the lines above the first paragraph, chosen by what a headline is: it retells the
// lead paragraph, names what happened, and is not the site's name nor a byline. The first headline-like line
// is not always it: a site or channel name often stands above the headline.

interface TitleModel {
  weights: { likeness: number; event: number; siteName: number; byline: number; deck: number; order: number; lengthFit: number };
  minScore: number;
}

const titleModel = lazy(() => readDataJson<TitleModel>("title-model.json"));

const DECK_DASH = /^[—–]/;
/** Share of a line's items that are names for it to be a line of names rather than a headline. */
const DECK_NAMES = 0.6;

/** The opening of the lead paragraph that a headline retells. */
const LEAD_SPAN = 160;

const SPACE_OR_PUNCTUATION = /[\s\p{P}]+/gu;

/** Spaces and punctuation by UTF-16 code unit: the expression is unicode-aware, and a table read is a fourth of its cost. */
const isSpaceOrPunctuation = lazy(() => unitsMatching(SPACE_OR_PUNCTUATION));

/** Text without spaces and punctuation, so pairs of characters meet across them. */
function compact(text: string): string {
  const table = isSpaceOrPunctuation();
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // a surrogate pair may be punctuation of another plane: such a text goes through the expression itself
    if (c >= 0xd800 && c <= 0xdfff) return text.replace(SPACE_OR_PUNCTUATION, "");
    if (table[c] === 0) continue;
    out += text.slice(from, i);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Share of the candidate's character pairs that the (compacted) lead also has: short strings, a plain search. */
export function likeness(candidate: string, compactLead: string): number {
  const text = compact(candidate);
  if (text.length < 2) return 0;
  let shared = 0;
  for (let i = 0; i + 1 < text.length; i++) if (compactLead.includes(text.slice(i, i + 2))) shared++;
  return shared / (text.length - 1);
}

export function headlineScore(candidate: string, order: number, compactLead: string): number {
  const { weights } = titleModel();
  const classes = lineClasses();
  const event = classes.event.test(candidate);
  const bare = candidate.replace(/^[(（\[【■\s]+|[)）\]】\s]+$/g, "");
  const siteName = !event && classes.unitEnd.test(bare) && !/\s/.test(bare);
  const byline = classes.reporter.test(candidate) || classes.creditLabel.test(candidate);
  const deck = DECK_DASH.test(candidate) || (candidate.split(/\s+/).length >= 3 && nameItemShare(candidate) >= DECK_NAMES);
  const lengthFit = candidate.length >= 6 && candidate.length <= 60;
  return (
    weights.likeness * likeness(candidate, compactLead) +
    weights.event * Number(event) +
    weights.siteName * Number(siteName) +
    weights.byline * Number(byline) +
    weights.deck * Number(deck) +
    weights.order * order +
    weights.lengthFit * Number(lengthFit)
  );
}

/** The index of the best-scoring candidate, or -1 when none scores like a headline. */
export function chooseHeadline(candidates: string[], lead: string): number {
  if (candidates.length === 0) return -1;
  const compactLead = compact(lead.slice(0, LEAD_SPAN));
  let best = -1;
  let bestScore = titleModel().minScore;
  candidates.forEach((candidate, order) => {
    const score = headlineScore(candidate, order, compactLead);
    if (score >= bestScore && (best < 0 || score > bestScore)) {
      best = order;
      bestScore = score;
    }
  });
  return best;
}
