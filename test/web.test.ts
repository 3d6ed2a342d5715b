import assert from "node:assert/strict";
import { test } from "node:test";
import { fixtureSources } from "./fixture-pages.js";
import { shoot, skip, WebApp, type WatchedPage } from "./web-setup.js";

// The web app in Debian's chromium over a database of the fixture pages, among them one planted page whose
// text holds <script> and onerror= (test/pages/planted-script). Each page is saved as a screenshot under test-output/screenshots/.

const web = new WebApp("web", () => fixtureSources());
const open = (path: string) => web.open(path);
const problemsOf = (page: WatchedPage) => page.problems;

test("search with a facet, open a document, its raw view with removed lines and reasons, then a person", { skip }, async () => {
  // Every page that names 乡村振兴 has people and removed lines, whichever year the facet picks.
  const page = await open("/?q=" + encodeURIComponent("乡村振兴"));
  await page.locator(".summary").waitFor();
  const before = Number(/:(\d+) 篇/.exec(await page.locator(".summary").innerText())![1]);
  const hits = page.locator("article.hit");
  assert.ok((await hits.count()) > 0);
  assert.ok((await page.locator("article.hit mark.term").count()) > 0, "snippets mark the words");
  await shoot(page, "search");

  // A year facet narrows the results and goes into the address.
  const year = page.locator(".facet").filter({ hasText: "年份" }).locator("li a").first();
  const chosenYear = (await year.innerText()).trim();
  await year.click();
  await page.waitForURL(/year=/);
  await page.getByText(`年份:${chosenYear}`).waitFor();
  const after = Number(/:(\d+) 篇/.exec(await page.locator(".summary").innerText())![1]);
  assert.ok(after <= before && after > 0);
  assert.match(page.url(), new RegExp(`year=${chosenYear}`));
  await shoot(page, "search-facet");

  // A fresh page at that address shows the same view.
  const again = await open(new URL(page.url()).pathname + new URL(page.url()).search);
  await again.getByText(`年份:${chosenYear}`).waitFor();
  await again.close();

  await hits.first().locator("h3 a").click();
  await page.waitForURL(/\/document\/\d+/);
  await page.locator("h1.title").waitFor();
  assert.ok((await page.locator(".article mark.person").count()) > 0, "people marked in the article");
  await shoot(page, "document");

  await page.locator(".n-tabs-tab", { hasText: "原始页面" }).click();
  const dropped = page.locator(".raw-line.dropped");
  await dropped.first().waitFor();
  assert.ok((await dropped.count()) > 0);
  assert.ok((await dropped.first().locator(".removed-line").evaluate((el) => getComputedStyle(el).textDecorationLine)).includes("line-through"));
  assert.ok((await dropped.first().locator(".reason").innerText()).trim().length > 0);
  await shoot(page, "document-raw");

  await page.locator(".n-tabs-tab", { hasText: "正文" }).click();
  const person = page.locator("table.people a").first();
  const name = (await person.innerText()).trim();
  await person.click();
  await page.waitForURL(/\/person\/\d+/);
  await page.getByRole("heading", { name: new RegExp(name) }).waitFor();
  assert.ok((await page.locator(".n-timeline-item").count()) > 0);
  await shoot(page, "person");
  assert.deepEqual(problemsOf(page), []);
  await page.close();
});

test("a region's monthly chart and drill-down, and the term trends chart", { skip }, async () => {
  const page = await open("/region/" + encodeURIComponent("天津市"));
  await page.locator("canvas").first().waitFor();
  await page.getByRole("link", { name: "西青区" }).first().click();
  await page.waitForURL(/region\/%E8%A5%BF%E9%9D%92%E5%8C%BA/);
  await page.getByRole("heading", { name: "西青区" }).waitFor();
  await page.locator("canvas").first().waitFor();
  await shoot(page, "region");
  await page.goto(web.base + "/trends");
  await page.locator("canvas").first().waitFor();
  await page.getByText(/高质量发展:共 \d+ 篇/).waitFor();
  await shoot(page, "trends");
  assert.deepEqual(problemsOf(page), []);
  await page.close();
});

test("the directive ledger: a status change is refused without the token and saved with it", { skip }, async () => {
  const page = await open("/directives");
  await page.locator(".n-data-table-tr").nth(1).waitFor();
  await shoot(page, "directives");
  const { entries } = await web.store.directives({ limit: 1 });
  const first = entries[0]!;
  const choose = async (status: string) => {
    await page.locator(`[data-test="status-${first.id}"]`).click();
    await page.locator(".n-base-select-option", { hasText: status }).click();
  };
  await choose("落实中");
  await page.getByText(/写操作需要/).waitFor();
  assert.equal((await web.store.directives({ status: "落实中" })).total, 0, "nothing written without the token");

  await page.locator('[data-test="token"] input').fill(web.token);
  await page.locator('[data-test="token"] input').press("Enter");
  await page.getByText("已填入写入令牌").waitFor();
  await choose("已落实");
  await page.getByText("已保存").waitFor();
  const saved = await web.store.directives({ status: "已落实" });
  assert.deepEqual(
    saved.entries.map((entry) => entry.id),
    [first.id],
  );
  await page.keyboard.press("Escape");
  await page.locator(".n-message").first().waitFor({ state: "detached", timeout: 10_000 });
  await shoot(page, "directives-saved");
  await page.close();
});

test("a page whose text holds <script> and onerror= shows them as text and runs nothing", { skip }, async () => {
  const page = await open("/?q=" + encodeURIComponent("测试县"));
  const hit = page.locator("article.hit h3 a").first();
  await hit.waitFor();
  assert.match(await hit.innerText(), /<script>window.__pwned=1<\/script>/);
  await hit.click();
  await page.locator("h1.title").waitFor();
  assert.match(await page.locator(".article").innerText(), /<img src=x onerror="window.__pwned=2">/);
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  assert.equal(await page.locator(".article script, .article img, h1 script").count(), 0);
  await shoot(page, "planted");
  await page.close();
});

test("the raw view of a traditional page marks the pinyin glosses it dropped", { skip }, async () => {
  const { hits } = await web.store.search({ query: "天衢新区", from: "2023-04-26", to: "2023-04-26" });
  const page = await open(`/document/${hits[0]!.id}`);
  await page.locator(".n-tabs-tab", { hasText: "原始页面" }).click();
  const glosses = page.locator(".raw mark.gloss");
  await glosses.first().waitFor();
  assert.ok((await glosses.count()) > 100);
  assert.match(await glosses.first().innerText(), /^[(（][a-zü\u00e0-\u01dc]+[)）]$/i);
  await shoot(page, "document-raw-glossed");
  await page.close();
});
