import assert from "node:assert/strict";
import { test } from "node:test";
import * as OpenCC from "opencc-js";
import { distinctShingles, jaccard, shingleHashes, signatureOf, similarity, THRESHOLD } from "../src/dedup/minhash.js";
import { cleanFixture } from "./helpers.js";
import { repostOfSeed, SEED } from "./reposts.js";

// MinHash itself; pages filed as near-duplicates by a store are in test/conformance/near-duplicates.ts.

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
