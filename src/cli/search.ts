import { parseArgs } from "node:util";
import type { Snippet } from "../search/snippet.js";
import type { DocumentSummary, SearchHit } from "../store/store.js";
import { UsageError } from "./pages-command.js";
import { printable } from "./printable.js";
import { DB_OPTION, FILTER_OPTIONS, FILTER_USAGE, filtersOf, openExisting } from "./store-options.js";

export const SEARCH_USAGE = `用法: huiyi search 查询词 [--db FILE] [过滤条件] [--limit N] [--offset N] [--json]
  在标题和正文中全文检索,按相关度(BM25)排序;繁体、全角查询与简体同样有效。
  多个词同时出现才算命中;"加引号" 的短语须连续出现。每组近似重复只列一篇,并注明转载。
${FILTER_USAGE}`;

/** Marked terms: bold red on a terminal, 【】 in a file or pipe. */
function marked(snippet: Snippet, terminal: boolean): string {
  const [open, close] = terminal ? ["\x1b[1;31m", "\x1b[0m"] : ["【", "】"];
  let out = "";
  let from = 0;
  for (const [start, end] of snippet.marks) {
    out += printable(snippet.text.slice(from, start)) + open + printable(snippet.text.slice(start, end)) + close;
    from = end;
  }
  return out + printable(snippet.text.slice(from));
}

const where = (doc: DocumentSummary) => printable(doc.site ?? doc.url ?? doc.path ?? "");

function describe(hit: SearchHit, rank: number, terminal: boolean): string {
  const region = hit.divisionPath?.join("/") ?? hit.jurisdiction;
  const facts = [hit.date, region, hit.meeting, where(hit)].filter(Boolean).join(" · ");
  const lines = [`${rank}. ${printable(hit.title ?? "(无标题)")}  [#${hit.id}]`, `   ${facts}`, `   ${marked(hit.snippet, terminal)}`];
  if (hit.copies.length) {
    const shown = hit.copies.slice(0, 3).map((copy) => `#${copy.id} ${where(copy)}`.trim());
    lines.push(`   另有 ${hit.copies.length} 篇转载: ${shown.join(";")}${hit.copies.length > 3 ? " …" : ""}`);
  }
  return lines.join("\n");
}

export async function searchCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...DB_OPTION,
      ...FILTER_OPTIONS,
      limit: { type: "string" },
      offset: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(SEARCH_USAGE + "\n");
    return 0;
  }
  const query = positionals.join(" ").trim();
  if (!query) throw new UsageError("请给出查询词");
  const limit = values.limit === undefined ? 10 : Number(values.limit);
  const offset = values.offset === undefined ? 0 : Number(values.offset);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UsageError("--limit 需要 1 到 100 之间的整数");
  if (!Number.isInteger(offset) || offset < 0) throw new UsageError("--offset 需要不小于 0 的整数");
  const store = openExisting(values.db);
  try {
    const result = await store.search({ query, limit, offset, ...filtersOf(values) });
    if (values.json) {
      process.stdout.write(JSON.stringify(result) + "\n");
      return 0;
    }
    if (result.total === 0) {
      process.stdout.write(`没有找到与「${query}」相符的文档\n`);
      return 0;
    }
    const terminal = process.stdout.isTTY === true;
    const last = offset + result.hits.length;
    process.stdout.write(`共 ${result.total} 篇(近似重复合并计)· 第 ${offset + 1}–${last} 篇\n\n`);
    process.stdout.write(result.hits.map((hit, i) => describe(hit, offset + i + 1, terminal)).join("\n\n") + "\n");
    return 0;
  } finally {
    await store.close();
  }
}
