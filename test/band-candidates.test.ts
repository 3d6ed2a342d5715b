import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { pageKey, preparePages } from "../src/ingest/prepare.js";
import { SqliteStore } from "../src/store/sqlite.js";
import { tempDir } from "./store-helpers.js";

// A report reposted by hundreds of sites puts hundreds of pages in the same LSH bands. A new copy reads
// only the newest of them as candidates (so its cost does not grow with the reposts), and still joins
// the report's cluster; a different report stays apart.

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

test("three hundred reposts of one report share its cluster; another report read after them does not", async () => {
  const store = new SqliteStore(join(tempDir(), "reposts.db"), { create: true });
  const docs = Array.from({ length: 300 }, (_, i) => ({ path: null, url: `http://site${i}.example.gov.cn/a.html`, text: REPORT, encoding: "utf-8" }));
  docs.push({ path: null, url: "http://other.example.gov.cn/b.html", text: OTHER, encoding: "utf-8" });
  const writer = store.writer();
  for (let start = 0; start < docs.length; start += 64) {
    const window = docs.slice(start, start + 64);
    const added = await writer.add(preparePages({ docs: window, keys: window.map(pageKey) }).pages);
    assert.equal(added.stored, window.length);
  }
  await writer.commit();
  const sizes = new Map<number, number>();
  for await (const { cluster } of store.records({})) sizes.set(cluster, (sizes.get(cluster) ?? 0) + 1);
  const clusters = [...sizes].map(([cluster, n]) => ({ cluster, n })).sort((a, b) => b.n - a.n);
  assert.deepEqual(clusters, [
    { cluster: 1, n: 300 },
    { cluster: 301, n: 1 },
  ]);
  await store.close();
});
