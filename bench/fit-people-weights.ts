import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// node dist/bench/fit-people-weights.js: how the weights of data/people.json were chosen. Coordinate search
// from the shipped weights: each weight in turn is moved one step down and up, and a move is kept when the sum
// of names, posts and roles F1 on seeds and dev (score.py) rises. dev2 is never looked at: it measures what
// the chosen weights do on pages nobody tuned on. Each trial is a fresh `huiyi extract` with the trial's
// weights in HUIYI_PEOPLE_WEIGHTS.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CORPUS = resolve(ROOT, "../shared/corpus");
const SETS = ["seeds", "dev"];
const STEPS: { [weight: string]: number } = { post: 1, label: 1, list: 1, title: 1, opening: 0.5, commonWord: 0.5, listSlack: 1, modelInChoice: 0.25 };

type Weights = { [weight: string]: number };

function scoreOf(weights: Weights, scratch: string): number {
  let total = 0;
  for (const set of SETS) {
    const out = join(scratch, `${set}.jsonl`);
    const records = execFileSync("node", [join(ROOT, "dist/src/cli/main.js"), "extract", join(CORPUS, `${set}.jsonl`)], {
      env: { ...process.env, HUIYI_PEOPLE_WEIGHTS: JSON.stringify(weights) },
      maxBuffer: 1 << 28,
    });
    writeFileSync(out, records);
    const scores = JSON.parse(execFileSync("python3", [join(ROOT, "../shared/tools/score.py"), join(CORPUS, set), out, "--json"]).toString()) as {
      [key: string]: { f1: number };
    };
    total += scores.names!.f1 + scores.posts!.f1 + scores.roles!.f1;
  }
  return total;
}

const shipped = (JSON.parse(readFileSync(join(ROOT, "data/people.json"), "utf8")) as { weights: Weights }).weights;
const scratch = mkdtempSync(join(tmpdir(), "huiyi-fit-"));
try {
  let best = { ...shipped };
  let bestScore = scoreOf(best, scratch);
  console.log(`shipped ${JSON.stringify(best)} → ${bestScore.toFixed(4)}`);
  for (const [weight, step] of Object.entries(STEPS)) {
    for (const move of [-step, step]) {
      const trial = { ...best, [weight]: best[weight]! + move };
      const score = scoreOf(trial, scratch);
      console.log(`${weight} ${trial[weight]} → ${score.toFixed(4)}`);
      if (score > bestScore + 1e-9) [best, bestScore] = [trial, score];
    }
  }
  console.log(`chosen ${JSON.stringify(best)} → ${bestScore.toFixed(4)} (sum of names, posts, roles F1 on ${SETS.join(" + ")})`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
