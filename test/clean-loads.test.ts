import assert from "node:assert/strict";
import { test } from "node:test";
import { recordShares, sharesTable } from "../bench/memory-shares.js";
import { cleanItems } from "../src/clean/batches.js";
import { readInputs } from "../src/read/sources.js";
import { fixtureSource, fixtureSources } from "./fixture-pages.js";

// What cleaning loads, measured while the fixture pages (damaged, glossed, traditional, HTML, WARC) are cleaned
// in this process: only the tables clean needs, and those small on the JavaScript heap. Every table that
// `huiyi clean` holds is held for the whole run and is multiplied by V8 into the heap it lets grow before
// collecting, so a table loaded needlessly or kept as millions of small objects shows in the peak memory.

const MB = 1024 * 1024;

async function cleanRecordingLoads(paths: string[]) {
  const { shares, stop } = recordShares();
  let records = 0;
  try {
    for await (const item of cleanItems(readInputs(paths, {}))) if ("record" in item) records++;
  } finally {
    stop();
  }
  return { shares, records };
}

// In this order, in one process: a page with no damage first, while nothing is loaded yet, then all pages.
const plainPage = cleanRecordingLoads([fixtureSource("fucheng-changweihui-2021-03")]);
const recorded = plainPage.then(() => cleanRecordingLoads(fixtureSources()));

test("a page without damaged glosses is cleaned without loading pinyin-pro (4.5 MB of heap)", async () => {
  const { shares, records } = await plainPage;
  assert.equal(records, 1);
  assert.deepEqual(
    shares.filter((s) => s.stack.includes("pinyin-pro")).map((s) => s.neededBy),
    [],
  );
});

test("cleaning loads no table of extraction: no load is asked for from src/extract/, nor jieba's name tags", async () => {
  const { shares, records } = await recorded;
  assert.ok(records >= 15, `cleaned ${records} fixture pages`);
  // The damaged fixture pages need the dictionary's counts and readings: the measurement saw the tables clean uses.
  assert.ok(shares.some((s) => s.stack.includes("charScore")), sharesTable(shares));
  assert.ok(shares.some((s) => s.stack.includes("pinyin-pro")), sharesTable(shares));
  const extraction = shares.filter((s) => /\/extract\/|isKnownPersonName|isProperNoun|dictionaryStats|givenCharOdds/.test(s.stack));
  assert.deepEqual(extraction.map((s) => s.neededBy), []);
});

test("cleaning's tables together hold under 16 MB of JavaScript heap (jieba's dictionary as a Map alone held 32 MB)", async () => {
  const { shares } = await recorded;
  const heap = shares.reduce((sum, s) => sum + s.heap, 0);
  assert.ok(heap < 16 * MB, `${(heap / MB).toFixed(1)} MB\n${sharesTable(shares)}`);
});
