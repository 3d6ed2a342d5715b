import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as OpenCC from "opencc-js";

// Varied pages for benchmarks: the shared corpus pages (or the shipped examples) recombined — body
// paragraphs reordered, dates changed, other pages' boilerplate added, some written in traditional script.

function basePages(root: string): string[] {
  const folders = [resolve(root, "../shared/corpus/seeds"), resolve(root, "../shared/corpus/dev"), resolve(root, "examples")];
  const pages: string[] = [];
  for (const folder of folders) {
    let names: string[] = [];
    try {
      names = readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) if (name.endsWith(".txt") && !name.includes("big5")) pages.push(readFileSync(join(folder, name), "utf8"));
  }
  return pages;
}

/** A deterministic pseudo-random sequence, so every run measures the same pages. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function* variedPages(root: string, seed = 1): Generator<string> {
  const pages = basePages(root);
  const toTraditional = OpenCC.Converter({ from: "cn", to: "t" });
  const variants = pages.flatMap((page) => [page, toTraditional(page)]);
  const short = pages.flatMap((page) => page.split("\n")).filter((line) => line.trim().length > 0 && line.trim().length < 40);
  const next = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  for (;;) {
    const lines = pick(variants).split("\n");
    const head = lines.slice(0, 3);
    const body = lines.slice(3);
    for (let i = body.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [body[i], body[j]] = [body[j]!, body[i]!];
    }
    const extra = Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(short));
    const month = 1 + Math.floor(next() * 12);
    const day = 1 + Math.floor(next() * 28);
    yield [...extra.slice(0, 1), ...head, ...body, ...extra.slice(1)].join("\n").replace(/\d{1,2}月\d{1,2}日/g, `${month}月${day}日`);
  }
}
