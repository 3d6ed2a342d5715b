import * as OpenCC from "opencc-js";
import type { SqliteStore } from "../src/store/sqlite.js";
import type { SearchRequest } from "../src/store/store.js";
import { random } from "./pages.js";

// Queries a researcher asks: policy terms, officials' names, places, single characters and pairs, quoted
// phrases lifted from the pages, traditional-script spellings, and some with filters.

const TERMS = [
  "招商引资", "高质量发展", "乡村振兴", "安全生产", "疫情防控", "营商环境", "项目建设", "生态环保", "党风廉政建设", "经济运行",
  "民生", "稳增长", "防汛", "脱贫攻坚", "人居环境", "重点工作", "常委会", "全体会议", "主题教育", "意识形态",
  "改革", "环保督察", "信访", "社会治理", "基层党建", "文明城市", "疫情", "财政收入", "固定资产投资", "工业",
];

export function searchQueries(store: SqliteStore, count: number): SearchRequest[] {
  const next = random(5);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });
  const names = store.sqlite.db.prepare("SELECT DISTINCT name FROM appearances LIMIT 2000").pluck().all() as string[];
  const places = store.sqlite.db.prepare("SELECT DISTINCT jurisdiction FROM documents WHERE length(jurisdiction) > 1 LIMIT 500").pluck().all() as string[];
  const texts = store.sqlite.db.prepare("SELECT text FROM documents WHERE id % 97 = 0 LIMIT 300").pluck().all() as string[];
  const han = (text: string) => text.replace(/[^\p{Script=Han}]/gu, "");
  const slice = (length: number) => {
    const text = han(pick(texts));
    const at = Math.floor(next() * Math.max(1, text.length - length));
    return text.slice(at, at + length);
  };
  const makers: (() => SearchRequest)[] = [
    () => ({ query: pick(TERMS) }),
    () => ({ query: pick(names) }),
    () => ({ query: pick(places) }),
    () => ({ query: slice(1) }),
    () => ({ query: slice(2) }),
    () => ({ query: `"${slice(4 + Math.floor(next() * 3))}"` }),
    () => ({ query: toTraditional(pick(TERMS)) }),
    () => ({ query: `${pick(TERMS)} ${pick(TERMS)}` }),
    () => ({ query: pick(TERMS), region: pick(places) }),
    () => ({ query: pick(TERMS), from: `${2015 + Math.floor(next() * 10)}`, to: "2025" }),
  ];
  return Array.from({ length: count }, (_, i) => makers[i % makers.length]!());
}

export type QueryClass = "1 character" | "2 characters" | "words" | "phrase";

/**
 * Queries of each class drawn from the given texts, so that each finds something: single characters, pairs,
 * a few characters of running text (what jieba makes of them: one to three words, all to be found) and quoted
 * phrases. The same seed gives the same queries, so two benches ask alike.
 */
export function classedQueries(texts: readonly string[], perClass: number): { kind: QueryClass; query: string }[] {
  const next = random(7);
  const han = (text: string) => text.replace(/[^\p{Script=Han}]/gu, "");
  const slice = (length: number) => {
    for (;;) {
      const text = han(texts[Math.floor(next() * texts.length)]!);
      if (text.length < length) continue;
      const at = Math.floor(next() * (text.length - length));
      return text.slice(at, at + length);
    }
  };
  const out: { kind: QueryClass; query: string }[] = [];
  for (let i = 0; i < perClass; i++) {
    out.push({ kind: "1 character", query: slice(1) });
    out.push({ kind: "2 characters", query: slice(2) });
    out.push({ kind: "words", query: slice(4 + Math.floor(next() * 3)) });
    out.push({ kind: "phrase", query: `"${slice(4 + Math.floor(next() * 4))}"` });
  }
  return out;
}
