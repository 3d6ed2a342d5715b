import assert from "node:assert/strict";
import { test } from "node:test";
import { recordShares, sharesTable } from "../bench/memory-shares.js";
import { cleanItems } from "../src/clean/batches.js";
import { readInputs } from "../src/read/sources.js";
import { fixtureSources } from "./fixture-pages.js";

// What cleaning loads, measured while the fixture pages (damaged, glossed, traditional, HTML, WARC) are cleaned
// in this process: only the tables clean needs, and those small on the JavaScript heap. Every table that
// `huiyi clean` holds is held for the whole run and is multiplied by V8 into the heap it lets grow before
// collecting, so a table loaded needlessly or kept as millions of small objects shows in the peak memory.

const MB = 1024 * 1024;

async function cleanFixturesRecordingLoads() {
  const { shares, stop } = recordShares();
  let records = 0;
  try {
    for await (const item of cleanItems(readInputs(fixtureSources(), {}))) if ("record" in item) records++;
  } finally {
    stop();
  }
  return { shares, records };
}

const recorded = cleanFixturesRecordingLoads();

test("cleaning loads no table of extraction: no load is asked for from src/extract/, nor jieba's name tags", async () => {
  const { shares, records } = await recorded;
  assert.ok(records >= 15, `cleaned ${records} fixture pages`);
  // The damaged fixture page needs the dictionary's counts: the measurement saw the tables clean uses.
  assert.ok(shares.some((s) => s.stack.includes("charScore")), sharesTable(shares));
  const extraction = shares.filter((s) => /\/extract\/|isKnownPersonName|isProperNoun|dictionaryStats|givenCharOdds/.test(s.stack));
  assert.deepEqual(extraction.map((s) => s.neededBy), []);
});

test("cleaning's tables together hold under 16 MB of JavaScript heap (jieba's dictionary as a Map alone held 32 MB)", async () => {
  const { shares } = await recorded;
  const heap = shares.reduce((sum, s) => sum + s.heap, 0);
  assert.ok(heap < 16 * MB, `${(heap / MB).toFixed(1)} MB\n${sharesTable(shares)}`);
});
