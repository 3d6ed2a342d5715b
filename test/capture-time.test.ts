import assert from "node:assert/strict";
import { mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { WARCRecord, WARCSerializer } from "warcio";
import { clean as cleanDoc } from "../src/clean/index.js";
import { captureTime } from "../src/read/captured.js";
import { readInputs } from "../src/read/sources.js";
import type { RawDoc } from "../src/types.js";

// Every reader keeps when its page was captured, and the record carries it in source.captured.

async function docsOf(path: string): Promise<RawDoc[]> {
  const docs: RawDoc[] = [];
  for await (const item of readInputs([path])) {
    assert.ok("doc" in item, JSON.stringify(item));
    docs.push(item.doc);
  }
  return docs;
}

const PAGE = "<html><body><h1>西青区委常委会召开</h1><p>7月23日,区委常委会召开会议。</p></body></html>";

test("a WARC response is captured at its WARC-Date", async () => {
  const dir = mkdtempSync(join(tmpdir(), "huiyi-capture-"));
  async function* payload() {
    yield new TextEncoder().encode(PAGE);
  }
  const record = WARCRecord.create(
    { url: "http://www.xq.gov.cn/1.html", type: "response", date: "2021-07-26T08:30:00Z", warcVersion: "WARC/1.1", httpHeaders: { "Content-Type": "text/html; charset=utf-8" }, statusline: "HTTP/1.1 200 OK" },
    payload(),
  );
  writeFileSync(join(dir, "a.warc"), await WARCSerializer.serialize(record));
  const [doc] = await docsOf(join(dir, "a.warc"));
  assert.equal(doc!.captured, "2021-07-26T08:30:00.000Z");
  assert.equal(cleanDoc(doc!).source.captured, "2021-07-26T08:30:00.000Z");
});

test("a JSON line is captured at the first capture field it has, in any of the usual spellings", async () => {
  const dir = mkdtempSync(join(tmpdir(), "huiyi-capture-"));
  const lines = [
    { text: "区委常委会召开会议。", captured: "2024-11-20T08:00:00+08:00" },
    { text: "区政府常务会议召开。", fetched: "2024-11-21 09:15:00Z" },
    { text: "县委常委会召开会议。", crawled_at: 1732147200 },
    { text: "市委常委会召开会议。", crawl_time: "20241122103000" },
    { text: "镇党委会议召开。", captured: "昨天" },
    { text: "村两委会议召开。" },
  ];
  writeFileSync(join(dir, "a.jsonl"), lines.map((line) => JSON.stringify(line)).join("\n"));
  const docs = await docsOf(join(dir, "a.jsonl"));
  assert.deepEqual(
    docs.map((doc) => doc.captured ?? null),
    ["2024-11-20T00:00:00.000Z", "2024-11-21T09:15:00.000Z", "2024-11-21T00:00:00.000Z", "2024-11-22T10:30:00.000Z", null, null],
  );
  assert.equal("captured" in cleanDoc(docs[5]!).source, false, "a page without a capture time keeps no field");
});

test("a lone file is captured at its modification time", async () => {
  const dir = mkdtempSync(join(tmpdir(), "huiyi-capture-"));
  const path = join(dir, "a.html");
  writeFileSync(path, PAGE);
  utimesSync(path, new Date("2023-05-04T03:02:01Z"), new Date("2023-05-04T03:02:01Z"));
  const [doc] = await docsOf(path);
  assert.equal(doc!.captured, "2023-05-04T03:02:01.000Z");
});

test("what is no time is not taken for one", () => {
  assert.equal(captureTime("2024-13-40"), null);
  assert.equal(captureTime(""), null);
  assert.equal(captureTime(-5), null);
  assert.equal(captureTime({}), null);
  assert.equal(captureTime(1732147200000), "2024-11-21T00:00:00.000Z");
});
