import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { RawView } from "../src/serve/raw-types.js";
import type { Record } from "../src/types.js";
import { EXAMPLES } from "./examples.js";
import { skip, WebApp } from "./web-setup.js";

// The raw tab of the web app in Debian's chromium, for every sample page and a page whose text keeps a
// run of '???': each removed line is a row of its own, struck through beside its reason; the kept run is
// marked as kept damage and its row is not struck through.

const KEPT_DAMAGE = ["区委常委会召开", "7月23日，区委书记???主持召开区委常委会（扩大）会议，研究部署下半年工作。", "津ICP备05004140号-1"].join("\n");

const web = new WebApp("web-raw", (dir) => {
  const inputs = join(dir, "pages");
  mkdirSync(inputs);
  for (const name of readdirSync(EXAMPLES)) copyFileSync(join(EXAMPLES, name), join(inputs, name));
  writeFileSync(join(inputs, "kept-damage.txt"), KEPT_DAMAGE);
  return [inputs];
});
const getJson = <T>(url: string) => web.getJson<T>(url);

test("the raw tab of every sample page shows each removed line on its own row with its reason", { skip }, async () => {
  const page = await web.open(null);
  const problems = page.problems;
  let seen = 0;
  for (let id = 1; id <= readdirSync(EXAMPLES).length + 1; id++) {
    const { record } = await getJson<{ record: Record }>(`/api/documents/${id}`);
    const view = await getJson<RawView>(`/api/documents/${id}/raw`);
    await page.goto(`${web.base}/document/${id}`);
    await page.locator(".n-tabs-tab", { hasText: "原始页面" }).click();
    await page.locator(".raw .raw-line").first().waitFor();
    const rows = page.locator(".raw .raw-line");
    assert.equal(await rows.count(), view.lines.length, record.source.path!);
    const dropped = page.locator(".raw .raw-line.dropped");
    const placed = record.removed.filter((item) => item.n !== undefined);
    assert.equal(await dropped.count(), placed.length, record.source.path!);
    for (const item of placed) {
      const row = page.locator(`.raw .raw-line[data-n="${item.n}"]`);
      assert.ok((await row.innerText()).includes(item.line), `${record.source.path}: row ${item.n}`);
      assert.equal((await row.locator(".reason").innerText()).trim(), item.reason);
      assert.ok((await row.locator(".removed-line").evaluate((el) => getComputedStyle(el).textDecorationLine)).includes("line-through"));
    }
    if (record.source.path!.endsWith("kept-damage.txt")) {
      const kept = page.locator(".raw mark.kept");
      assert.equal(await kept.count(), 1);
      assert.equal(await kept.innerText(), "???");
      const row = page.locator(`.raw .raw-line[data-n="2"]`);
      assert.equal(await row.evaluate((el) => el.classList.contains("dropped")), false);
      assert.equal(await row.locator(".reason").count(), 0);
      assert.ok(!(await kept.evaluate((el) => getComputedStyle(el).textDecorationLine)).includes("line-through"));
    }
    seen++;
  }
  assert.equal(seen, readdirSync(EXAMPLES).length + 1);
  assert.deepEqual(problems, []);
  await page.close();
});
