import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { sentencesOf, splitSentences } from "../src/extract/clauses.js";

// The one-pass sentence cutter must cut exactly as the pattern it replaced, piece for piece (line breaks after
// a sentence's end included): extraction's records depend on the pieces, not only on the sentences.

const PATTERN = /(?<=[。！？；;])|\n/;

test("sentences are cut piece for piece as the look-behind pattern cuts them", () => {
  const pieces = fc.constantFrom("会", "议", "。", "！", "？", "；", ";", "\n", " ", "a", "，");
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 24 }), (chars) => {
      const text = chars.join("");
      assert.deepEqual(splitSentences(text), text.split(PATTERN));
    }),
    { numRuns: 5000 },
  );
});

test("a report's sentences: a line break after a sentence's end makes no empty sentence", () => {
  const text = "2月28日,县委书记陆晓延主持召开县委常委会议。\n会议审议了有关请示；听取了汇报。\n\n陆晓延要求,要抓好落实！";
  assert.deepEqual(sentencesOf(text), ["2月28日,县委书记陆晓延主持召开县委常委会议。", "会议审议了有关请示；", "听取了汇报。", "陆晓延要求,要抓好落实！"]);
});
