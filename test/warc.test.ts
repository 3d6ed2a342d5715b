import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { WARCRecord, WARCSerializer } from "warcio";
import { readInputs, type ReadItem } from "../src/read/sources.js";

async function warcRecord(url: string, body: Uint8Array, contentType: string, type: "response" | "request" = "response"): Promise<Uint8Array> {
  async function* payload() {
    yield body;
  }
  const record = WARCRecord.create(
    { url, type, date: "2021-07-26T00:00:00Z", warcVersion: "WARC/1.1", httpHeaders: { "Content-Type": contentType }, statusline: type === "response" ? "HTTP/1.1 200 OK" : "GET / HTTP/1.1" },
    payload(),
  );
  return WARCSerializer.serialize(record);
}

async function collect(path: string): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of readInputs([path])) items.push(item);
  return items;
}

test("reads each HTML response of a WARC, gzipped or not, in its own charset", async () => {
  const dir = mkdtempSync(join(tmpdir(), "huiyi-warc-"));
  const first = await warcRecord("http://www.xq.gov.cn/2021-07-26/1.html", iconv.encode("<html><body><h1>西青区委常委会召开</h1><p>7月23日,会议召开。</p></body></html>", "gbk"), "text/html; charset=gbk");
  const request = await warcRecord("http://www.xq.gov.cn/x.css", new Uint8Array(), "text/css", "request");
  const image = await warcRecord("http://www.xq.gov.cn/logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47]), "image/png");
  const second = await warcRecord("http://www.xq.gov.cn/2.html", Buffer.from("<p>第二篇报道。</p>"), "text/html; charset=utf-8");
  const warc = Buffer.concat([first, request, image, second]);
  writeFileSync(join(dir, "crawl.warc"), warc);
  writeFileSync(join(dir, "crawl.warc.gz"), gzipSync(warc));
  for (const name of ["crawl.warc", "crawl.warc.gz"]) {
    const items = await collect(join(dir, name));
    const docs = items.map((item) => ("doc" in item ? item.doc : null));
    assert.equal(docs.length, 2, name);
    assert.equal(docs[0]?.url, "http://www.xq.gov.cn/2021-07-26/1.html");
    assert.equal(docs[0]?.htmlTitle, "西青区委常委会召开");
    assert.equal(docs[0]?.text, "西青区委常委会召开\n7月23日,会议召开。");
    assert.equal(docs[1]?.text, "第二篇报道。");
  }
});

test("a truncated WARC yields the records before the cut and one failure naming the file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "huiyi-warc-cut-"));
  const first = await warcRecord("http://a.gov.cn/1.html", Buffer.from("<p>第一篇报道。</p>"), "text/html");
  const second = await warcRecord("http://a.gov.cn/2.html", Buffer.from("<p>第二篇报道,内容很长。</p>".repeat(50)), "text/html");
  const path = join(dir, "cut.warc.gz");
  // One gzip member a record, as crawlers write them; the file ends in the middle of the second.
  writeFileSync(path, Buffer.concat([gzipSync(first), gzipSync(second).subarray(0, -20)]));
  const items = await collect(path);
  assert.ok("doc" in items[0]! && items[0].doc.text === "第一篇报道。");
  const failures = items.filter((item) => "failure" in item);
  assert.equal(failures.length, 1);
  assert.match((failures[0] as { failure: { path: string; problem: string } }).failure.problem, /WARC/);
});
