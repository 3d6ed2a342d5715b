import assert from "node:assert/strict";
import { test } from "node:test";
import { flat, flatLines } from "../src/clean/flat-text.js";
import { fixturePage } from "./helpers.js";

// Lines are made anew in one piece for speed; what they hold must be what a split of the page holds.

const split = (page: string) => page.split(/\r\n|\r|\n/);

test("a page is cut into the lines a split at \\n, \\r\\n and \\r gives, every unit kept", () => {
  const pages = [
    "",
    "\n",
    "一行",
    "第一行\n第二行\n",
    "\n\n空行之间\n\n",
    "Windows\r\n行\r\n\r\n末行",
    "旧 Mac\r行\r",
    "混合\r\n\r\n\n\r行",
    // lone surrogates and a character outside the BMP stay as they were
    "\ud800孤\n𠀀字\udc00\n\udbff",
    fixturePage("jinghai-ganbuhuiyi"),
    fixturePage("tianqu-tuijinhui-glossed"),
  ];
  for (const page of pages) assert.deepEqual(flatLines(page), split(page), JSON.stringify(page.slice(0, 30)));
});

test("a page longer than the shared buffer is cut whole", () => {
  const page = Array.from({ length: 200_000 }, (_, i) => `第${i}行:区委常委会会议`).join("\r\n");
  assert.ok(page.length * 2 > 1 << 22, "the page outgrows the shared buffer");
  assert.deepEqual(flatLines(page), split(page));
});

test("a text made anew is the same text", () => {
  for (const text of ["", "a", "静海区召开领导干部会议", "\ud800", "𠀀\udc00x", "区".repeat(3_000_000)]) assert.equal(flat(text), text);
});
