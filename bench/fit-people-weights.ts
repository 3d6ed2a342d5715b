import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { PeopleWeights } from "../src/lexicon/role-words.js";
import type { Record } from "../src/types.js";
import { coordinateSearch, foldsOf, loadCorpus, Scorer, shippedWeights, sumOf, type CorpusPage, type Scores } from "./people-fit.js";

// node dist/bench/fit-people-weights.js [--sets seeds,dev,dev2] [--kfold 5]
//
// How the weights of data/people.json were chosen: a coordinate search from the shipped weights (people-fit.ts)
// on the pooled names, posts and roles F1 (score.py) of the sets' pages. With --kfold K it first measures the
// fitting as a stranger would: the pages are split into K folds by site (the host of their address: a site's
// pages share its writing habits, so they never sit on both sides), the weights are fitted on K−1 folds and
// the held-out fold is scored with them; per fold and pooled over all held-out pages, beside what the shipped
// weights score on the same pages. Extraction runs in this process, so a trial costs a pass of extraction and
// one score.py run, not a process per set (a full --kfold 5 run over the three sets takes about two minutes).

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CORPUS = resolve(ROOT, "../shared/corpus");

const { values } = parseArgs({ options: { sets: { type: "string", default: "seeds,dev,dev2" }, kfold: { type: "string" }, quiet: { type: "boolean" } } });
const sets = values.sets!.split(",").map((s) => s.trim()).filter(Boolean);
const k = values.kfold ? Number(values.kfold) : 0;
if (values.kfold && !(Number.isInteger(k) && k >= 2)) throw new Error("--kfold needs a whole number of at least 2");
const log = values.quiet ? () => {} : (line: string) => console.log(`  ${line}`);

const format = (s: Scores) => `names ${s.names.toFixed(3)} (P ${s.namesP.toFixed(3)}) posts ${s.posts.toFixed(3)} roles ${s.roles.toFixed(3)}`;

const started = Date.now();
const scratch = mkdtempSync(join(tmpdir(), "huiyi-fit-"));
try {
  const pages = await loadCorpus(CORPUS, sets);
  const scorer = new Scorer(ROOT, CORPUS, scratch);
  const shipped = shippedWeights(ROOT);
  console.log(`${pages.length} pages of ${sets.join(" + ")}, ${new Set(pages.map((p) => p.group)).size} sites; cleaned in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  if (k) crossValidate(pages, k, scorer, shipped);

  console.log(`fit on all ${pages.length} pages`);
  const fitted = coordinateSearch(shipped, (weights) => scorer.run(weights, pages).scores, log);
  for (const set of sets) {
    const own = pages.filter((p) => p.set === set);
    console.log(`  ${set.padEnd(5)} shipped ${format(scorer.run(shipped, own).scores)} | fitted ${format(scorer.run(fitted.weights, own).scores)}`);
  }
  console.log(`chosen ${JSON.stringify(fitted.weights)} → ${sumOf(fitted.scores).toFixed(4)} (sum of pooled names, posts, roles F1)`);
  console.log(`took ${((Date.now() - started) / 1000).toFixed(0)} s`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

function crossValidate(pages: CorpusPage[], k: number, scorer: Scorer, shipped: PeopleWeights): void {
  const folds = foldsOf(pages, k);
  const heldOut: { page: CorpusPage; fitted: Record; shipped: Record }[] = [];
  console.log(`${k}-fold by site`);
  folds.forEach((test, i) => {
    const train = folds.filter((_, j) => j !== i).flat();
    const fit = coordinateSearch(shipped, (weights) => scorer.run(weights, train).scores, log);
    const fitted = scorer.run(fit.weights, test);
    const asShipped = scorer.run(shipped, test);
    test.forEach((page, j) => heldOut.push({ page, fitted: fitted.records[j]!, shipped: asShipped.records[j]! }));
    const sites = new Set(test.map((p) => p.group)).size;
    console.log(`fold ${i + 1} (${test.length} pages, ${sites} sites) fitted ${format(fitted.scores)} | shipped ${format(asShipped.scores)}  weights ${JSON.stringify(fit.weights)}`);
  });
  const all = heldOut.map((h) => h.page);
  const pooledFitted = scorer.score(all, heldOut.map((h) => h.fitted));
  const pooledShipped = scorer.score(all, heldOut.map((h) => h.shipped));
  console.log(`pooled (${all.length} held-out pages) fitted ${format(pooledFitted)} | shipped ${format(pooledShipped)}`);
}
