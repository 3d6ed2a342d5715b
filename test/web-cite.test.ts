import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { parseCsv } from "./csv.js";
import { fixtureSources } from "./fixture-pages.js";
import { SHOTS, skip, WebApp } from "./web-setup.js";

// Citing and exporting in Debian's chromium: a crawled page's address, capture time and permalink on its
// document page, a citation copied, and a search and a person's timeline downloaded and read back.

const URL_A = "http://www.example.gov.cn/a/1.html";
const CRAWL = [
  { url: URL_A, captured: "2024-11-20T08:00:00Z", text: "宁河区委常委会召开会议\n11月19日,宁河区委常委会召开会议,区委书记张三主持会议并讲话。会议强调,要抓好招商引资。" },
  { url: "http://www.example.gov.cn/a/2.html", captured: "2024-11-21T08:00:00Z", text: "宁河区政府常务会议召开\n11月20日,宁河区政府常务会议召开,区长李四主持会议。区委书记张三出席会议。" },
];
const web = new WebApp("web-cite", (dir) => {
  writeFileSync(join(dir, "crawl.jsonl"), CRAWL.map((line) => JSON.stringify(line)).join("\n") + "\n");
  return [...fixtureSources(), join(dir, "crawl.jsonl")];
});

const open = (path: string): Promise<Page> => web.open(path, { context: { acceptDownloads: true, permissions: ["clipboard-read", "clipboard-write"] } });

async function idOfUrl(url: string): Promise<number> {
  for await (const { id, record } of web.store.records({})) if (record.source.url === url) return id;
  throw new Error(`not stored: ${url}`);
}

/** Click a link that downloads, and read the file it saved. */
async function downloaded(page: Page, selector: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator(selector).first().click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path!, "utf8") };
}

test("a document is cited: its address, capture time and permalink, a citation copied", { skip }, async () => {
  const id = await idOfUrl(URL_A);
  const page = await open(`/document/${id}`);
  const box = page.locator(".citation");
  await box.waitFor();
  assert.equal((await box.locator(".address").innerText()).trim(), URL_A);
  assert.match(await box.locator(".captured").innerText(), /2024/);
  const permalink = (await box.locator(".permalink a").getAttribute("href"))!;
  assert.match(permalink, /\/p\/[0-9a-f]{64}$/);
  // GB/T 7714 first (the default): an electronic resource, its access date the capture date.
  const gbt = await box.locator("textarea").inputValue();
  assert.ok(gbt.startsWith("www.example.gov.cn. 宁河区委常委会召开会议[EB/OL]. [2024-11-20]. "), gbt);
  assert.ok(gbt.endsWith(`${URL_A}.`), gbt);
  await page.getByText("BibTeX", { exact: true }).click();
  const bibtex = await box.locator("textarea").inputValue();
  assert.match(bibtex, /^@misc\{/);
  assert.ok(bibtex.includes(`url = {${URL_A}}`), bibtex);
  assert.ok(bibtex.includes("urldate = {2024-11-20}"), bibtex);
  assert.ok(bibtex.includes("title = {宁河区委常委会召开会议}"), bibtex);
  await box.getByText("复制引用").click();
  await box.getByText("已复制").waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), bibtex);
  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot({ path: join(SHOTS, "document-cite-390.png"), fullPage: true });

  // The permalink opens the same document.
  const again = await open(new URL(permalink).pathname);
  await again.waitForURL(`**/document/${id}`);
  await again.locator(".citation").waitFor();
});

test("a search and a person's timeline are exported, and the files read back", { skip }, async () => {
  const page = await open(`/?q=${encodeURIComponent("宁河")}`);
  await page.locator("article.hit").first().waitFor();
  const csv = await downloaded(page, ".export-csv");
  assert.equal(csv.name, "huiyi-search.csv");
  assert.equal(csv.text.charCodeAt(0), 0xfeff);
  const [header, ...rows] = parseCsv(csv.text.slice(1));
  assert.equal(rows.length, 2);
  const url = header!.indexOf("网址");
  assert.deepEqual(rows.map((row) => row[url]).sort(), CRAWL.map((line) => line.url).sort());
  assert.ok(rows.every((row) => row[header!.indexOf("正文")]!.includes("宁河区")));

  const [person] = await web.store.persons("张三");
  assert.ok(person);
  const personPage = await open(`/person/${person.id}`);
  const jsonl = await downloaded(personPage, ".export-jsonl");
  assert.equal(jsonl.name, `huiyi-person-${person.id}.jsonl`);
  const lines = jsonl.text.trimEnd().split("\n").map((line) => JSON.parse(line));
  assert.equal(lines.length, person.appearances.length);
  assert.ok(lines.every((line) => line.name === "张三" && typeof line.document === "number"));
});
