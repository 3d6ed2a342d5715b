import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as OpenCC from "opencc-js";
import { random } from "./pages.js";

// Pages for the store bench: the shared corpus recombined into new reports — a page's headline and
// opening sentences, then paragraphs made of sentences drawn from all pages (so two reports built on one
// page share only their opening), people and place swapped for those of other pages, dates moved, a
// third written in traditional script — and planted reposts: a page again
// later in the stream under another site's header and footer, a sentence cut, an editor's line added,
// half of them in the other script. Each page carries its report group: pages of one group are copies.

export interface BenchPage {
  id: number;
  url: string;
  text: string;
  /** pages sharing a group are copies of one report */
  group: number;
}

interface GoldPage {
  lines: string[];
  /** the lines the gold marks as boilerplate: never drawn as article sentences */
  boilerplate: Set<string>;
  names: string[];
  jurisdiction: string | null;
}

function goldPages(root: string): GoldPage[] {
  const pages: GoldPage[] = [];
  for (const set of ["seeds", "dev"]) {
    const folder = resolve(root, "../shared/corpus", set);
    for (const name of readdirSync(folder).filter((n) => n.endsWith(".txt"))) {
      const gold = JSON.parse(readFileSync(join(folder, name.replace(/\.txt$/, ".gold.json")), "utf8")) as {
        people: { name: string }[];
        meeting: { jurisdiction: string | null } | null;
        boilerplate: string[];
      };
      pages.push({
        lines: readFileSync(join(folder, name), "utf8").split("\n"),
        boilerplate: new Set(gold.boilerplate),
        names: gold.people.map((p) => p.name).filter((n) => n !== "习近平"),
        jurisdiction: gold.meeting?.jurisdiction ?? null,
      });
    }
  }
  return pages;
}

const isParagraph = (line: string) => line.trim().length >= 40;

export function* benchPages(root: string, count: number, options: { copyShare?: number; seed?: number } = {}): Generator<BenchPage> {
  const pages = goldPages(root);
  const next = random(options.seed ?? 11);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  const names = [...new Set(pages.flatMap((p) => p.names))];
  const places = [...new Set(pages.flatMap((p) => (p.jurisdiction && p.jurisdiction.length > 1 ? [p.jurisdiction] : [])))];
  const sentences = pages.flatMap((page) =>
    page.lines
      .filter((line) => isParagraph(line) && !page.boilerplate.has(line.trim()))
      .flatMap((line) => line.trim().split(/(?<=。)/))
      .filter((sentence) => sentence.length >= 12)
      .map((sentence) => ({ sentence, page })),
  );
  const toTraditional = OpenCC.Converter({ from: "cn", to: "t" });
  const copyShare = options.copyShare ?? 0.1;
  const pendingCopies = new Map<number, { lines: string[]; group: number }[]>();

  /** Another page's people and place in this text, its dates moved. */
  const recast = (text: string, page: GoldPage, people: Map<string, string>, place: string) => {
    let out = text;
    for (const name of page.names) {
      if (!people.has(name)) people.set(name, pick(names));
      out = out.split(name).join(people.get(name)!);
    }
    if (page.jurisdiction && page.jurisdiction.length > 1) out = out.split(page.jurisdiction).join(place);
    return out;
  };

  const repost = (lines: string[]) => {
    const article = lines.filter(isParagraph);
    const at = Math.floor(next() * article.length);
    const sentences = article[at]!.split(/(?<=。)/);
    if (sentences.length > 1) sentences.splice(Math.floor(next() * sentences.length), 1);
    article[at] = sentences.join("");
    const headline = lines.find((line) => line.trim().length >= 8 && line.trim().length < 40) ?? "";
    const other = [...pick(pages).boilerplate];
    const out = [...other.slice(0, 2), headline, `来源:转载 发布时间:2024-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`, ...article, `(责任编辑:${pick(names)})`, ...other.slice(-2)];
    return next() < 0.5 ? out.map((line) => toTraditional(line)) : out;
  };

  let group = 0;
  for (let id = 0; id < count; id++) {
    const copies = pendingCopies.get(id);
    if (copies?.length) {
      const copy = copies.pop()!;
      pendingCopies.delete(id);
      // Two copies due at one place: the second comes next.
      if (copies.length) pendingCopies.set(id + 1, [...copies, ...(pendingCopies.get(id + 1) ?? [])]);
      yield { id, url: `https://repost${id % 97}.gov.cn/news/${id}.html`, text: copy.lines.join("\n"), group: copy.group };
      continue;
    }
    const base = pick(pages);
    const people = new Map<string, string>();
    const place = pick(places);
    const firstParagraph = base.lines.findIndex((line) => isParagraph(line) && !base.boilerplate.has(line.trim()));
    // The opening sentences only: some pages hold their whole article in one line.
    const opening = base.lines[firstParagraph]!.split(/(?<=。)/).slice(0, 2).join("");
    const head = [...base.lines.slice(0, firstParagraph), opening].map((line) => recast(line, base, people, place));
    const body = Array.from({ length: 2 + Math.floor(next() * 4) }, () =>
      Array.from({ length: 2 + Math.floor(next() * 4) }, () => {
        const { sentence, page } = pick(sentences);
        return recast(sentence, page, people, place);
      }).join(""),
    );
    const tail = base.lines.slice(firstParagraph + 1).filter((line) => !isParagraph(line));
    const month = 1 + Math.floor(next() * 12);
    const day = 1 + Math.floor(next() * 28);
    const year = 2015 + Math.floor(next() * 11);
    let lines = [...head, ...body, ...tail].map((line) => line.replace(/\d{1,2}月\d{1,2}日/g, `${month}月${day}日`).replace(/20[12]\d年/g, `${year}年`));
    if (next() < 0.3) lines = lines.map((line) => toTraditional(line));
    group++;
    if (next() < copyShare) {
      const n = next() < 0.8 ? 1 : 2;
      for (let k = 0; k < n; k++) {
        const at = id + 1 + Math.floor(next() * 5000);
        pendingCopies.set(at, [...(pendingCopies.get(at) ?? []), { lines: repost(lines), group }]);
      }
    }
    yield { id, url: `https://site${pages.indexOf(base)}.gov.cn/news/${id}.html`, text: lines.join("\n"), group };
  }
}
