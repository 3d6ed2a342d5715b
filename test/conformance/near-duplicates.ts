import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { ingest } from "../../src/ingest/ingest.js";
import { pageKey, preparePages } from "../../src/ingest/prepare.js";
import { fixtureSource } from "../fixture-pages.js";
import { repostOfSeed, SEED } from "../reposts.js";
import { tempDir } from "../store-helpers.js";
import { FUCHENG_JANUARY, writePage } from "../written-pages.js";
import { freshStore, storedPages, type Backend } from "./backend.js";

// Near-duplicate filing on every backend: a repost joins its report's cluster and search shows the
// report once; many reposts of one report share one cluster without each new one reading all of them.

const REPORT = [
  "西青区召开区委常委会会议",
  "3月11日，区委书记李清华主持召开区委常委会会议，传达学习全国两会精神，研究部署我区重点工作。",
  "会议指出，要坚持稳中求进工作总基调，扎实推进高质量发展，确保全年目标任务圆满完成。",
  "会议强调，各级各部门要压实责任，抓好安全生产和疫情防控各项工作。",
].join("\n");
const OTHER = [
  "静海区召开经济运行调度会",
  "5月8日，区长王建国主持召开经济运行调度会，听取一季度经济运行情况汇报。",
  "会议要求，要加快重点项目建设进度，持续优化营商环境，积极帮助企业解决实际困难。",
].join("\n");

export function nearDuplicates(backend: Backend): void {
  describe(`${backend.name}: near-duplicates`, () => {
    test("a page and its repost in traditional script with other boilerplate are near-duplicates; two meetings of one county are not", async (t) => {
      const dir = tempDir();
      const repost = join(dir, "repost.txt");
      writeFileSync(repost, repostOfSeed());
      const { store } = await freshStore(backend);
      t.after(() => store.close());
      const original = fixtureSource(SEED);
      const fuchengJanuary = writePage(dir, "fucheng-january.txt", FUCHENG_JANUARY);
      const fuchengMarch = fixtureSource("fucheng-changweihui-2021-03");
      const counts = await ingest(store, [original, fuchengJanuary, fuchengMarch, repost], { workers: 0 });
      assert.equal(counts.stored, 4);
      assert.equal(counts.nearDuplicates, 1);
      const clusters = new Map((await storedPages(store)).map((page) => [page.path, page.cluster]));
      assert.equal(clusters.get(repost), clusters.get(original));
      assert.notEqual(clusters.get(fuchengJanuary), clusters.get(fuchengMarch));

      // Search shows the report once (its best-ranked page), with the other listed as a copy.
      const result = await store.search({ query: "西青区委常委会" });
      assert.equal(result.total, 1);
      const shown = [result.hits[0]!.path, ...result.hits[0]!.copies.map((copy) => copy.path)];
      assert.deepEqual(shown.sort(), [original, repost].sort());
      const document = await store.document(result.hits[0]!.id);
      assert.deepEqual(document!.copies.map((copy) => copy.path), result.hits[0]!.copies.map((copy) => copy.path));
    });

    test("three hundred reposts of one report share its cluster, also across batches; another report read after them does not", async (t) => {
      const { store } = await freshStore(backend);
      t.after(() => store.close());
      const docs = Array.from({ length: 300 }, (_, i) => ({ path: null, url: `http://site${i}.example.gov.cn/a.html`, text: REPORT, encoding: "utf-8" }));
      docs.push({ path: null, url: "http://other.example.gov.cn/b.html", text: OTHER, encoding: "utf-8" });
      const writer = store.writer();
      // Batches of uneven sizes, and a commit between some of them.
      for (let start = 0, size = 1; start < docs.length; start += size, size = (size * 3) % 64 || 5) {
        const window = docs.slice(start, start + size);
        const added = await writer.add(preparePages({ docs: window, keys: window.map(pageKey) }).pages);
        assert.equal(added.stored, window.length);
        if (start % 2 === 0) await writer.commit();
      }
      await writer.commit();
      const pages = await storedPages(store);
      const first = pages[0]!;
      const sizes = new Map<number, number>();
      for (const { cluster } of pages) sizes.set(cluster, (sizes.get(cluster) ?? 0) + 1);
      assert.deepEqual([...sizes], [[first.id, 300], [pages.at(-1)!.id, 1]], "the reposts in the first page's cluster; the other report alone");
      assert.equal((await store.stats()).clusters, 2);
    });
  });
}
