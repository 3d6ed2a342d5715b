import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { csvField } from "../src/serve/export-format.js";
import { parseCsv } from "./csv.js";
import { crawlApi, type CrawlApi } from "./crawl-api.js";

// A page's words written into a CSV file must not run as a spreadsheet formula when the file is opened
// (OWASP, "CSV Injection"): a cell starting with =, +, - or @ (or a tab or carriage return) gets a leading
// apostrophe. JSON lines are data, not a sheet: they keep the text as it is.

// Pages whose text starts with what a spreadsheet reads as a formula; cleaning keeps these first lines.
const CRAWL = [
  { url: "http://www.example.gov.cn/f/1.html", text: "=12月1日,宁河区政府常务会议召开,区长李四主持会议。会议研究了防汛工作。" },
  { url: "http://www.example.gov.cn/f/2.html", text: "@宁河发布 11月20日,宁河区政府常务会议召开,区长李四主持会议。会议研究了项目建设工作。" },
  { url: "http://www.example.gov.cn/f/3.html", text: "+11月19日,宁河区委常委会召开会议,区委书记张三主持会议并讲话。会议强调,要抓好招商引资。" },
];

let api: CrawlApi | undefined;

before(async () => {
  api = await crawlApi(CRAWL, { name: "formula" });
});

after(() => api?.close());

test("a cell that starts like a formula is written with a leading apostrophe, quoted as RFC 4180 asks", () => {
  assert.equal(csvField("=SUM(A1:A9)"), "'=SUM(A1:A9)");
  assert.equal(csvField("+86 22 1234"), "'+86 22 1234");
  assert.equal(csvField("-1"), "'-1");
  assert.equal(csvField("@宁河发布"), "'@宁河发布");
  assert.equal(csvField("\t=1+1"), "'\t=1+1");
  // A carriage return forces quotes; the apostrophe goes inside them, as the first character of the cell.
  assert.equal(csvField("\r=1+1"), `"'\r=1+1"`);
  assert.equal(csvField('=HYPERLINK("http://x","点此")'), `"'=HYPERLINK(""http://x"",""点此"")"`);
  // Text that only holds those characters later, and numbers the program wrote, are left alone.
  assert.equal(csvField("宁河=1"), "宁河=1");
  assert.equal(csvField("2024-11-20"), "2024-11-20");
  assert.equal(csvField(-3), "-3");
  assert.equal(csvField(""), "");
});

test("the search export opened as a file: the text cells start with an apostrophe; the JSON lines keep the text", async () => {
  const csv = await api!.app.inject({ method: "GET", url: `/api/export/search?q=${encodeURIComponent("宁河")}` });
  assert.equal(csv.statusCode, 200);
  // The file as written, byte for byte in the text column: the cell begins with the apostrophe.
  assert.ok(csv.body.includes(`,"'=12月1日,宁河区政府常务会议召开`), csv.body);
  const [header, ...rows] = parseCsv(csv.body.slice(1));
  const text = header!.indexOf("正文");
  assert.ok(text >= 0);
  assert.deepEqual(rows.map((row) => row[text]!).sort(), CRAWL.map((line) => `'${line.text}`).sort());
  assert.ok(rows.every((row) => row.every((cell) => !/^[=+\-@\t\r]/.test(cell))), "no cell of the sheet starts a formula");

  const jsonl = await api!.app.inject({ method: "GET", url: `/api/export/search?q=${encodeURIComponent("宁河")}&format=jsonl` });
  const lines = jsonl.body.trimEnd().split("\n").map((line) => JSON.parse(line));
  assert.deepEqual(lines.map((line) => line.record.text).sort(), CRAWL.map((line) => line.text).sort());
});
