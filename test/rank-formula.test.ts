import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { pageKey, preparePages } from "../src/ingest/prepare.js";
import { parseQuery } from "../src/search/query.js";
import { tsvectorOf } from "../src/store/pg/fts.js";
import { pairLeaves, rankOf, rankPlan, type Candidate } from "../src/store/pg/rank.js";
import { openStore } from "../src/store/open.js";
import type { PreparedPage } from "../src/store/store.js";
import { meetingPages } from "./meeting-pages.js";
import { tempDir } from "./store-helpers.js";

// The PostgreSQL backend's ranking formula checked against SQLite's own bm25() without a server: pages
// stored in a SQLite corpus, and for each hit a query lists there, the score computed as the PostgreSQL
// backend computes it from the page's tsvector (its text form, as the server would hold it) and the corpus's
// statistics must be SQLite's score.

const docs = meetingPages(80, 5).map((line) => ({ ...(JSON.parse(line) as { url: string; text: string }), path: null, encoding: "utf-8" }));
const pages = preparePages({ docs, keys: docs.map(pageKey) }).pages;

const tokenCount = (tokens: string) => tokens.split(" ").filter(Boolean).length;

/** A page as the server would give it: each lexeme's positions, title ones weighted A. */
function candidateOf(page: PreparedPage): Candidate {
  const positions = new Map<string, { at: number; title: boolean }[]>();
  for (const entry of tsvectorOf(page).split(" ")) {
    const [, lexeme, at] = entry.match(/^'(.*)':(.*)$/)!;
    positions.set(lexeme!, at!.split(",").map((p) => ({ at: Number.parseInt(p, 10), title: p.endsWith("A") })));
  }
  return { pairs: tokenCount(page.titleTokens) + tokenCount(page.bodyTokens), positions };
}

test("the PostgreSQL backend's BM25 gives each hit SQLite's bm25 score: words, phrases, OR, -word", async () => {
  const store = await openStore(join(tempDir(), "rank.db"), { create: true });
  try {
    const writer = store.writer();
    await writer.add(pages);
    await writer.commit();
    const byUrl = new Map(pages.map((page) => [page.record.source.url, page]));
    const content = (page: PreparedPage) => `${page.record.title ?? ""}\n${page.record.text}`;
    const pairs = pages.reduce((sum, page) => sum + tokenCount(page.titleTokens) + tokenCount(page.bodyTokens), 0);
    let compared = 0;
    for (const query of ["安全生产", "营商环境 项目", "\"区委常委会会议\"", "防汛 OR 乡村振兴", "会议 -防汛", "区委书记 主持"]) {
      const plan = rankPlan(parseQuery(query).tree!);
      // Pages holding each ranked word (these have no punctuation inside: holding is containing).
      const holding = new Map(pairLeaves(plan).map((leaf) => [leaf.tsquery, pages.filter((page) => content(page).includes(leaf.text)).length]));
      const { hits } = await store.search({ query, limit: 100 });
      assert.ok(hits.length > 3, query);
      for (const hit of hits) {
        const ours = -rankOf(plan, candidateOf(byUrl.get(hit.url)!), { pages: pages.length, pairs, holding });
        // Equal but for the last bits: JavaScript's logarithm and C's may differ in the last one.
        assert.ok(Math.abs(ours - hit.score) <= 1e-12 * Math.max(1, Math.abs(hit.score)), `${query}: ${hit.url} ${ours} against ${hit.score}`);
        compared++;
      }
    }
    assert.ok(compared > 30, `${compared} hits compared`);
  } finally {
    await store.close();
  }
});
