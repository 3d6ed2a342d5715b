import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { WARCRecord, WARCSerializer } from "warcio";
import { cleanItems } from "../src/clean/batches.js";
import { readInputs, type ReadItem } from "../src/read/sources.js";
import type { Record as PageRecord } from "../src/types.js";
import { CLI } from "./paths.js";

// Crawls of government sites as two real crawlers write them: article pages inside the site's chrome
// (search box, menus, scripts, layout tables, comments, <br> paragraphs) in UTF-8, GBK, GB2312 and Big5,
// the charset in a <meta> or only in the HTTP header, beside the 404s, robots.txt, style sheets and scripts
// a crawl also fetches. Every article must come out once with nearly all its lines, and nothing else.

interface Article {
  url: string;
  charset: "utf-8" | "gbk" | "gb2312" | "big5";
  /** where the page names its charset */
  declared: "meta" | "header";
  title: string;
  paragraphs: string[];
}

const ARTICLES: Article[] = [
  {
    url: "http://www.xq.gov.cn/zwgk/2021-07/26/content_1.html",
    charset: "utf-8",
    declared: "meta",
    title: "区委常委会召开会议 研究部署防汛工作",
    paragraphs: [
      "7月23日,区委书记李清主持召开区委常委会会议,传达学习市委有关会议精神。",
      "会议指出,当前正值主汛期,各级各部门要克服麻痹思想,压紧压实防汛责任。",
      "会议强调,要加强监测预警,落实好值班值守制度,确保信息畅通、反应迅速。",
      "会议还研究了其他事项。区委常委出席会议,区政府副区长列席会议。",
    ],
  },
  {
    url: "http://www.hx.gov.cn/xwzx/2022-03/15/content_2.html",
    charset: "gbk",
    declared: "header",
    title: "县政府召开第十二次常务会议",
    paragraphs: [
      "3月14日,县长王建华主持召开县政府第十二次常务会议,研究春季农业生产工作。",
      "会议听取了县农业农村局关于春耕备耕情况的汇报,对种子、化肥供应作出安排。",
      "会议要求,要抓好高标准农田建设,确保粮食播种面积稳定在八十万亩以上。",
      "副县长张丽、刘强出席会议。县直有关部门主要负责同志列席会议。",
      "会议审议通过了《县城市更新行动实施方案》,原则同意提请县委常委会审定。",
    ],
  },
  {
    url: "http://www.jn.gov.cn/art/2020/11/2/art_3.html",
    charset: "gb2312",
    declared: "meta",
    title: "市人大常委会举行第三十一次会议",
    paragraphs: [
      "11月2日,市人大常委会举行第三十一次会议,市人大常委会主任陈明主持会议。",
      "会议听取和审议了市人民政府关于全市生态环境保护工作情况的报告。",
      "会议表决通过了有关人事任免事项,并为新任命人员颁发任命书。",
      "市人大常委会副主任、秘书长和委员共三十二人出席会议。",
    ],
  },
  {
    url: "http://www.gov.mo/zh-hant/news/2019-05-08/4.html",
    charset: "big5",
    declared: "header",
    title: "行政會召開全體會議討論施政方針",
    paragraphs: [
      "5月8日,行政會召開全體會議,由行政長官主持,討論本年度施政方針的推進情況。",
      "會議聽取了經濟財政司關於公共財政收支狀況的匯報,並就中期預算作出指示。",
      "會議強調,各部門須加快推進民生工程,確保如期完成年度工作目標。",
      "司長及局長出席會議,有關部門負責人列席會議並作說明。",
    ],
  },
];

/** An article page inside a government site's chrome. */
function sitePage(article: Article): string {
  const meta = article.declared === "meta" ? `<meta http-equiv="Content-Type" content="text/html; charset=${article.charset}">` : "";
  const body = article.paragraphs.map((p) => `&nbsp;&nbsp;&nbsp;&nbsp;${p}<br>`).join("\n");
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html><head>${meta}<title>${article.title}_政务公开</title>
<link rel="stylesheet" href="/css/style.css"><style>.nav li { float: left; }</style>
<script type="text/javascript">var _hmt = _hmt || []; if (a < b && c > d) { document.write("<div>统计代码</div>"); }</script>
</head><body>
<!-- 头部开始 -->
<div class="top"><form action="/search" method="get" name="searchform"><input type="text" name="q" value="请输入关键字">
<input type="submit" value="搜索"><select name="site"><option>本站</option><option>全站</option></select></form></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/xwzx/">新闻中心</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<!-- 正文开始 -->
<table width="980" border="0" cellpadding="0" cellspacing="0"><tr><td width="200" valign="top">
<ul><li><a href="/zwgk/1.html">通知公告</a></li><li><a href="/zwgk/2.html">政策文件</a></li></ul></td>
<td valign="top"><div class="title"><h1>${article.title}</h1></div>
<div class="info">发布时间:2021-07-26 来源:本站 <a href="javascript:window.print()">打印</a></div>
<div class="content" id="zoom">
${body}
</div><!-- 正文结束 --></td></tr></table>
<div class="footer">主办单位:人民政府办公室 技术支持:信息中心<br>备案号:ICP备12345678号</div>
<script>document.getElementById("zoom").style.fontSize = "16px";</script>
</body></html>`;
}

function encode(article: Article): Uint8Array {
  return iconv.encode(sitePage(article), article.charset);
}

interface Response {
  url: string;
  status: number;
  contentType: string;
  body: Uint8Array;
}

/** What a crawl fetches beside the articles: none of it is a page. */
const NOT_PAGES: Response[] = [
  { url: "http://www.xq.gov.cn/robots.txt", status: 200, contentType: "text/plain", body: Buffer.from("User-agent: *\nDisallow: /admin/\n") },
  { url: "http://www.xq.gov.cn/css/style.css", status: 200, contentType: "text/css", body: Buffer.from(".nav li { float: left; } body { font: 14px 宋体; }") },
  { url: "http://www.xq.gov.cn/js/common.js", status: 200, contentType: "application/javascript", body: Buffer.from('document.write("<p>欢迎访问</p>");') },
  {
    url: "http://www.xq.gov.cn/missing.html",
    status: 404,
    contentType: "text/html",
    body: Buffer.from("<html><head><title>Error response</title></head><body><h1>Error response</h1><p>Error code: 404</p><p>Message: File not found.</p></body></html>"),
  },
];

function responses(): Response[] {
  const articles = ARTICLES.map((article) => ({
    url: article.url,
    status: 200,
    contentType: article.declared === "header" ? `text/html; charset=${article.charset}` : "text/html",
    body: encode(article),
  }));
  return [NOT_PAGES[0]!, articles[0]!, NOT_PAGES[1]!, articles[1]!, NOT_PAGES[2]!, articles[2]!, NOT_PAGES[3]!, articles[3]!];
}

/** A WARC as Python's warcio writes it, built with warcio's own serializer: request and response records, gzipped one by one. */
async function warcioCrawl(): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const info = WARCRecord.createWARCInfo({ filename: "crawl.warc.gz", warcVersion: "WARC/1.1" }, { software: "warcio.js" });
  parts.push(await WARCSerializer.serialize(info, { gzip: true }));
  for (const response of responses()) {
    const request = WARCRecord.create({ url: response.url, type: "request", warcVersion: "WARC/1.1", statusline: `GET ${new URL(response.url).pathname} HTTP/1.1`, httpHeaders: { Host: new URL(response.url).host } });
    parts.push(await WARCSerializer.serialize(request, { gzip: true }));
    const body = response.body;
    const record = WARCRecord.create(
      {
        url: response.url,
        type: "response",
        warcVersion: "WARC/1.1",
        statusline: `HTTP/1.1 ${response.status} ${response.status === 200 ? "OK" : "Not Found"}`,
        httpHeaders: { "Content-Type": response.contentType, "Content-Length": String(body.byteLength) },
      },
      (async function* () {
        yield body;
      })(),
    );
    parts.push(await WARCSerializer.serialize(record, { gzip: true }));
  }
  return Buffer.concat(parts);
}

/** The body as a server sent it in chunks, which wget stores as received. */
function chunked(body: Uint8Array): Buffer {
  const half = Math.floor(body.byteLength / 2);
  const chunks = [body.subarray(0, half), body.subarray(half)];
  return Buffer.concat([...chunks.flatMap((c) => [Buffer.from(`${c.byteLength.toString(16)}\r\n`), Buffer.from(c), Buffer.from("\r\n")]), Buffer.from("0\r\n\r\n")]);
}

/** One record in WARC/1.0 as wget writes it, by hand: its header fields, a block, two line ends. */
function wgetRecord(type: string, fields: [string, string][], block: Buffer): Buffer {
  const head = [`WARC/1.0`, `WARC-Type: ${type}`, `WARC-Record-ID: <urn:uuid:${crypto.randomUUID()}>`, `WARC-Date: 2021-07-26T08:00:00Z`, ...fields.map(([k, v]) => `${k}: ${v}`), `Content-Length: ${block.byteLength}`];
  return Buffer.concat([Buffer.from(head.join("\r\n") + "\r\n\r\n"), block, Buffer.from("\r\n\r\n")]);
}

/** A WARC as `wget --warc-file` writes it: warcinfo, request/response pairs with chunked bodies, its log as a resource; one gzip member a record. */
function wgetCrawl(): Buffer {
  const records: Buffer[] = [wgetRecord("warcinfo", [["Content-Type", "application/warc-fields"]], Buffer.from("software: Wget/1.21.3 (linux-gnu)\r\nformat: WARC File Format 1.0\r\n"))];
  for (const response of responses()) {
    const { host, pathname } = new URL(response.url);
    records.push(wgetRecord("request", [["WARC-Target-URI", response.url], ["Content-Type", "application/http;msgtype=request"]], Buffer.from(`GET ${pathname} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: Wget/1.21.3\r\n\r\n`)));
    const reason = response.status === 200 ? "OK" : "Not Found";
    const http = Buffer.concat([
      Buffer.from(`HTTP/1.1 ${response.status} ${reason}\r\nServer: nginx\r\nContent-Type: ${response.contentType}\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n`),
      chunked(response.body),
    ]);
    records.push(wgetRecord("response", [["WARC-Target-URI", response.url], ["WARC-IP-Address", "10.0.0.1"], ["Content-Type", "application/http;msgtype=response"]], http));
  }
  records.push(wgetRecord("resource", [["WARC-Target-URI", "urn:X-wget:log"], ["Content-Type", "text/plain"]], Buffer.from("--2021-07-26 08:00:00--  http://www.xq.gov.cn/\n")));
  return Buffer.concat(records.map((record) => gzipSync(record)));
}

async function readCrawl(path: string): Promise<{ items: ReadItem[]; records: PageRecord[]; skipped: string[] }> {
  const skipped: string[] = [];
  const items: ReadItem[] = [];
  for await (const item of readInputs([path], { onSkip: (_where, reason) => skipped.push(reason) })) items.push(item);
  const records: PageRecord[] = [];
  async function* again() {
    yield* items;
  }
  for await (const item of cleanItems(again())) if ("record" in item) records.push(item.record);
  return { items, records, skipped };
}

/** The share of an article's lines (headline and paragraphs) that stand as lines of a text. */
function keptShare(article: Article, text: string, toSimplified: (s: string) => string = (s) => s): number {
  const lines = new Set(text.split("\n").map((line) => line.trim()));
  const wanted = [article.title, ...article.paragraphs].map(toSimplified);
  return wanted.filter((line) => lines.has(line)).length / wanted.length;
}

for (const [crawler, build] of [["warcio", warcioCrawl], ["wget", async () => wgetCrawl()]] as const) {
  test(`a ${crawler} crawl: each article once with its lines, no record for 404, robots.txt, CSS or JavaScript`, { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), `huiyi-crawl-${crawler}-`));
    const path = join(dir, "crawl.warc.gz");
    writeFileSync(path, await build());
    const { items, records, skipped } = await readCrawl(path);
    assert.deepEqual(items.filter((item) => "failure" in item), []);
    const docs = items.flatMap((item) => ("doc" in item ? [item.doc] : []));
    assert.deepEqual(docs.map((doc) => doc.url), ARTICLES.map((a) => a.url));
    assert.deepEqual(skipped.sort(), ["HTTP 404", "application/javascript", "text/css", "text/plain"]);
    for (const [i, article] of ARTICLES.entries()) {
      const doc = docs[i]!;
      assert.equal(keptShare(article, doc.text), 1, `${article.charset}: ${doc.text}`);
      assert.equal(doc.htmlTitle, article.title);
      // scripts and form controls are no text; the menus are lines of the page as read, set aside (below)
      assert.ok(!/搜索|统计代码|document/.test(doc.text), doc.text);
    }
    // After cleaning, the Big5 page is in simplified script; every page keeps ≥ 95 % of its lines.
    assert.equal(records.length, ARTICLES.length);
    const simplified = new Map([["行政會召開全體會議討論施政方針", "行政会召开全体会议讨论施政方针"]]);
    for (const [i, article] of ARTICLES.entries()) {
      const record = records[i]!;
      const share = article.charset === "big5" ? keptShareTraditional(record.text) : keptShare(article, record.text);
      assert.ok(share >= 0.95, `${article.url}: ${share}\n${record.text}`);
      assert.equal(record.title, simplified.get(article.title) ?? article.title);
      for (const menu of ["首页", "互动交流", "通知公告", "政策文件"]) {
        assert.ok(!record.text.split("\n").includes(menu), `${article.url}: ${menu}\n${record.text}`);
        assert.ok(record.removed.some((item) => item.line === menu && item.n !== undefined && item.rule), `${article.url}: ${menu} set aside`);
      }
    }
  });
}

/** The Big5 article after cleaning: its lines in simplified script, checked by hand. */
function keptShareTraditional(text: string): number {
  const expected = [
    "行政会召开全体会议讨论施政方针",
    "5月8日,行政会召开全体会议,由行政长官主持,讨论本年度施政方针的推进情况。",
    "会议听取了经济财政司关于公共财政收支状况的汇报,并就中期预算作出指示。",
    "会议强调,各部门须加快推进民生工程,确保如期完成年度工作目标。",
    "司长及局长出席会议,有关部门负责人列席会议并作说明。",
  ];
  const lines = new Set(text.split("\n"));
  return expected.filter((line) => lines.has(line)).length / expected.length;
}

test("a WARC holding no successful HTML response, or no WARC records at all, is a failure naming why", { timeout: 10_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "huiyi-crawl-empty-"));
  const onlyErrors = join(dir, "errors.warc");
  writeFileSync(onlyErrors, Buffer.concat(NOT_PAGES.map((r) => wgetRecord("response", [["WARC-Target-URI", r.url]], Buffer.concat([Buffer.from(`HTTP/1.1 ${r.status} X\r\nContent-Type: ${r.contentType}\r\n\r\n`), Buffer.from(r.body)])))));
  const junk = join(dir, "junk.warc");
  writeFileSync(junk, Buffer.from("这不是 WARC 文件,只是一段文字。\n".repeat(20)));
  for (const [path, problem] of [[onlyErrors, /没有成功的网页响应/], [junk, /不是 WARC 文件/]] as const) {
    const items: ReadItem[] = [];
    for await (const item of readInputs([path])) items.push(item);
    assert.equal(items.length, 1, path);
    assert.ok("failure" in items[0]!);
    assert.match(items[0].failure.problem, problem);
  }
});

test("a response larger than the page limit is refused from its declared length, and the crawl goes on", { timeout: 10_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "huiyi-crawl-big-"));
  const path = join(dir, "crawl.warc.gz");
  writeFileSync(path, await warcioCrawl());
  const skipped: string[] = [];
  const items: ReadItem[] = [];
  for await (const item of readInputs([path], { maxPageBytes: 1000, onSkip: (_where, reason) => skipped.push(reason) })) items.push(item);
  assert.equal(items.length, ARTICLES.length);
  for (const item of items) assert.ok("failure" in item && /页面过大/.test(item.failure.problem));
  assert.equal(skipped.length, NOT_PAGES.length);
});

test("huiyi ingest stores a crawl's pages and says how many responses it skipped as not pages", { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "huiyi-crawl-ingest-"));
  const path = join(dir, "crawl.warc.gz");
  writeFileSync(path, wgetCrawl());
  const run = spawnSync(process.execPath, [CLI, "ingest", "--db", join(dir, "crawl.db"), path], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /失败 0/);
  assert.match(run.stderr, /跳过 \d+ 条不是网页的 WARC 响应/);
});
