import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import * as OpenCC from "opencc-js";
import { distinctShingles, jaccard, shingleHashes, signatureOf, similarity, THRESHOLD } from "../src/dedup/minhash.js";
import { ingest } from "../src/ingest/ingest.js";
import { SqliteStore } from "../src/store/sqlite.js";
import { fixtureSource } from "./fixture-pages.js";
import { cleanFixture } from "./helpers.js";
import { tempDir } from "./store-helpers.js";
import { FUCHENG_JANUARY, writePage } from "./written-pages.js";

const SEED = "xiqing-changweihui";

/** The 西青 fixture page as another site would repost it: its article in traditional script, one sentence cut, another site's header and footer around it. */
function repostOfSeed(): string {
  const article = cleanFixture(SEED).text.split("\n");
  const last = article.length - 1;
  article[last] = article[last]!.replace(/[^。]*。$/, "");
  const otherSite = FUCHENG_JANUARY.split("\n");
  const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });
  return [...otherSite.slice(0, 2), "來源:轉載 | 發布時間: 2021-07-27 | 分享到:", ...article.map(toTraditional), "版權所有:某某縣融媒體中心 備案號:冀ICP備00000000號"].join("\n");
}

test("a page and its repost in traditional script with other boilerplate are near-duplicates; two meetings of one county are not", async (t) => {
  const dir = tempDir();
  const repost = join(dir, "repost.txt");
  writeFileSync(repost, repostOfSeed());
  const store = new SqliteStore(join(dir, "dups.db"), { create: true });
  t.after(() => store.close());
  const original = fixtureSource(SEED);
  const fuchengJanuary = writePage(dir, "fucheng-january.txt", FUCHENG_JANUARY);
  const fuchengMarch = fixtureSource("fucheng-changweihui-2021-03");
  const counts = await ingest(store, [original, fuchengJanuary, fuchengMarch, repost], { workers: 0 });
  assert.equal(counts.stored, 4);
  assert.equal(counts.nearDuplicates, 1);
  const clusters = new Map<string | null, number>();
  for await (const { record, cluster } of store.records({})) clusters.set(record.source.path, cluster);
  assert.equal(clusters.get(repost), clusters.get(original));
  assert.notEqual(clusters.get(fuchengJanuary), clusters.get(fuchengMarch));

  // Search shows the report once (its best-ranked page), with the other listed as a copy.
  const result = await store.search({ query: "西青区委常委会" });
  assert.equal(result.total, 1);
  const shown = [result.hits[0]!.path, ...result.hits[0]!.copies.map((copy) => copy.path)];
  assert.deepEqual(shown.sort(), [original, repost].sort());
});

test("MinHash estimates Jaccard similarity: copies score high, different meetings of one county low", () => {
  const signature = (text: string) => signatureOf(shingleHashes(text));
  const seed = cleanFixture(SEED).text;
  const repost = OpenCC.Converter({ from: "t", to: "cn" })(repostOfSeed());
  assert.ok(similarity(signature(seed), signature(seed)) === 1);
  // Signed from the hashes in text order, repeats and all, as from each hash once in order.
  assert.deepEqual(signature(seed), signatureOf(distinctShingles(seed)));
  assert.ok(similarity(signature(seed), signature(repost)) >= THRESHOLD + 0.2);
  const fucheng = cleanFixture("fucheng-changweihui-2021-03").text;
  assert.ok(similarity(signature(seed), signature(fucheng)) < 0.1);
});

test("the exact Jaccard similarity that confirms a candidate counts shared shingles over all shingles", () => {
  assert.equal(jaccard(Uint32Array.of(1, 2, 3), Uint32Array.of(2, 3, 4)), 0.5);
  assert.equal(jaccard(Uint32Array.of(1, 2), Uint32Array.of(1, 2)), 1);
  assert.equal(jaccard(Uint32Array.of(1, 2), Uint32Array.of()), 0);
  // On real pages the estimate stays near it.
  const seed = distinctShingles(cleanFixture(SEED).text);
  assert.ok(seed.length > 500 && seed.every((hash, i) => i === 0 || hash > seed[i - 1]!), "each shingle once, ascending");
  const repost = distinctShingles(OpenCC.Converter({ from: "t", to: "cn" })(repostOfSeed()));
  const exact = jaccard(seed, repost);
  assert.ok(exact >= THRESHOLD + 0.2, `exact ${exact}`);
  assert.ok(Math.abs(similarity(signatureOf(seed), signatureOf(repost)) - exact) < 0.15);
});
