import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { cleanItems } from "../src/clean/batches.js";
import { extract } from "../src/extract/index.js";
import { usePeopleWeights, type PeopleWeights } from "../src/lexicon/role-words.js";
import { readInputs } from "../src/read/sources.js";
import type { Record } from "../src/types.js";

// What the weight fitting stands on: the corpus pages cleaned once, extraction run in this process with the
// trial's weights (cleaning does not depend on them), and score.py asked about exactly the pages of a trial.

export interface CorpusPage {
  set: string;
  /** the page's name in its set (es001), as score.py names it */
  name: string;
  /** the host of its address; a page without one is its own group */
  group: string;
  record: Record;
}

export interface Scores {
  names: number;
  posts: number;
  roles: number;
  /** names precision, which the fit must not buy recall with */
  namesP: number;
}

export const sumOf = (s: Scores) => s.names + s.posts + s.roles;

/** The pages of the sets, cleaned as `huiyi extract SET.jsonl` cleans them (one batch a file). */
export async function loadCorpus(corpus: string, sets: string[]): Promise<CorpusPage[]> {
  const pages: CorpusPage[] = [];
  for (const set of sets) {
    for await (const item of cleanItems(readInputs([join(corpus, `${set}.jsonl`)]), {})) {
      if (!("record" in item)) throw new Error(`${set}: a corpus page could not be read`);
      const record = item.record;
      const name = (record.source.path ?? "").split("#")[1] ?? "";
      if (!name) throw new Error(`${set}: a page without an id`);
      pages.push({ set, name, group: hostOf(record.source.url) ?? `${set}/${name}`, record });
    }
  }
  return pages;
}

function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

/**
 * Folds of whole sites: groups from the largest down (ties by name), each to the fold that holds fewest pages so
 * far (ties to the first). Fixed by the corpus alone, so every run splits it the same way.
 */
export function foldsOf(pages: CorpusPage[], k: number): CorpusPage[][] {
  const groups = new Map<string, CorpusPage[]>();
  for (const page of pages) groups.set(page.group, [...(groups.get(page.group) ?? []), page]);
  const ordered = [...groups].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const folds: CorpusPage[][] = Array.from({ length: k }, () => []);
  for (const [, members] of ordered) {
    const smallest = folds.reduce((best, fold, i) => (fold.length < folds[best]!.length ? i : best), 0);
    folds[smallest]!.push(...members);
  }
  return folds;
}

/** Asks score.py about a chosen set of pages: a folder of links to their gold files, built once a selection. */
export class Scorer {
  private readonly dirs = new Map<string, string>();
  private trial = 0;

  constructor(
    private readonly root: string,
    private readonly corpus: string,
    private readonly scratch: string,
  ) {}

  /** Extract the pages with the weights and score them; the records too, for a pooled score later. */
  run(weights: PeopleWeights, pages: CorpusPage[]): { scores: Scores; records: Record[] } {
    usePeopleWeights(weights);
    const records = pages.map((page) => extract(page.record));
    return { scores: this.score(pages, records), records };
  }

  score(pages: CorpusPage[], records: Record[]): Scores {
    const gold = this.goldDir(pages);
    const predictions = join(this.scratch, `trial-${this.trial++ % 4}.jsonl`);
    // the record's path names its page in the linked folder (set-name), so score.py pairs them by name
    const lines = records.map((record, i) => JSON.stringify({ ...record, source: { ...record.source, path: `${keyOf(pages[i]!)}.txt` } }));
    writeFileSync(predictions, lines.join("\n") + "\n");
    const out = execFileSync("python3", [join(this.root, "../shared/tools/score.py"), gold, predictions, "--json"]).toString();
    const scores = JSON.parse(out) as { [key: string]: { f1: number; p: number } };
    return { names: scores.names!.f1, posts: scores.posts!.f1, roles: scores.roles!.f1, namesP: scores.names!.p };
  }

  private goldDir(pages: CorpusPage[]): string {
    const key = pages.map(keyOf).join(",");
    const known = this.dirs.get(key);
    if (known) return known;
    const dir = join(this.scratch, `gold-${this.dirs.size}`);
    mkdirSync(dir);
    for (const page of pages) {
      for (const ext of [".txt", ".gold.json"]) symlinkSync(resolve(this.corpus, page.set, page.name + ext), join(dir, keyOf(page) + ext));
    }
    this.dirs.set(key, dir);
    return dir;
  }
}

const keyOf = (page: CorpusPage) => `${page.set}-${page.name}`;

/** The moves tried on each weight: one step down and one up. */
export const STEPS: { [weight in keyof PeopleWeights]: number } = {
  post: 1,
  label: 1,
  list: 1,
  title: 1,
  opening: 0.5,
  commonWord: 0.5,
  listSlack: 1,
  modelInChoice: 0.25,
  verbAfter: 1,
};

/**
 * Coordinate search from the start weights: each weight in turn is moved one step down and up, and a move is kept
 * when the sum of names, posts and roles F1 over the pages rises. `log` hears every trial.
 */
export function coordinateSearch(start: PeopleWeights, trial: (weights: PeopleWeights) => Scores, log: (line: string) => void = () => {}): { weights: PeopleWeights; scores: Scores } {
  let best = { ...start };
  let bestScores = trial(best);
  log(`start ${JSON.stringify(best)} → ${sumOf(bestScores).toFixed(4)}`);
  for (const [weight, step] of Object.entries(STEPS) as [keyof PeopleWeights, number][]) {
    for (const move of [-step, step]) {
      const weights = { ...best, [weight]: best[weight] + move };
      const scores = trial(weights);
      log(`${weight} ${weights[weight]} → ${sumOf(scores).toFixed(4)}`);
      if (sumOf(scores) > sumOf(bestScores) + 1e-9) [best, bestScores] = [weights, scores];
    }
  }
  return { weights: best, scores: bestScores };
}

export function shippedWeights(root: string): PeopleWeights {
  return (JSON.parse(readFileSync(join(root, "data/people.json"), "utf8")) as { weights: PeopleWeights }).weights;
}
