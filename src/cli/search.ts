import { parseArgs } from "node:util";
import type { Snippet } from "../search/snippet.js";
import { isSearchSort, type DocumentSummary, type SearchHit } from "../store/store.js";
import { UsageError } from "./pages-command.js";
import { TITLE_ORIGIN } from "../corpus/titles.js";
import { printable } from "./printable.js";
import { DB_OPTION, FILTER_OPTIONS, FILTER_USAGE, filtersOf, openExisting } from "./store-options.js";

export const SEARCH_USAGE = `用法: huiyi search 查询词 [--db FILE] [过滤条件] [--sort relevance|date] [--limit N] [--offset N] [--json]
  在标题和正文中全文检索;繁体、全角查询与简体同样有效。每组近似重复只列一篇,并注明转载。
  查询写法:
    招商引资 高质量发展   多个词须同时出现(连写的词按分词拆开,如 招商引资高质量发展)
    "工作会议"            加引号的短语须连续出现
    招商 OR 引资          两者有其一即可(OR 须大写;它比空格结合得更紧:阜城 招商 OR 引资 = 阜城 且 招商或引资)
    招商 -引资            减号开头的词(或短语、括号)不得出现
    (招商 OR 引资) 项目   括号分组
  --sort relevance|date  按相关度(BM25,默认)或按日期(新的在前)排序
${FILTER_USAGE}`;

/**
 * A query word that starts with a minus (-引资) is an exclusion, not an option: it is marked before the
 * options are read and unmarked after, so that it stays where it was among the other words.
 */
const EXCLUSION_MARK = "\u2060";
const isExclusion = (arg: string) => /^-[^-]/u.test(arg) && !/^-[a-zA-Z]$/.test(arg);
const markExclusions = (args: string[]) => args.map((arg) => (isExclusion(arg) ? EXCLUSION_MARK + arg : arg));
const unmarked = (word: string) => (word.startsWith(EXCLUSION_MARK) ? word.slice(EXCLUSION_MARK.length) : word);

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
  // A title the page did not give is marked with where it came from.
  const origin = hit.titleDerived ? `〔${TITLE_ORIGIN[hit.titleDerived]}〕` : "";
  const lines = [`${rank}. ${printable(hit.title ?? "(无标题)")}${origin}  [#${hit.id}]`, `   ${facts}`, `   ${marked(hit.snippet, terminal)}`];
  if (hit.copies.length) {
    const shown = hit.copies.slice(0, 3).map((copy) => `#${copy.id} ${where(copy)}`.trim());
    lines.push(`   另有 ${hit.copies.length} 篇转载: ${shown.join(";")}${hit.copies.length > 3 ? " …" : ""}`);
  }
  return lines.join("\n");
}

export async function searchCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: markExclusions(args),
    allowPositionals: true,
    options: {
      ...DB_OPTION,
      ...FILTER_OPTIONS,
      limit: { type: "string" },
      offset: { type: "string" },
      sort: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(SEARCH_USAGE + "\n");
    return 0;
  }
  const query = positionals.map(unmarked).join(" ").trim();
  if (!query) throw new UsageError("请给出查询词");
  const limit = values.limit === undefined ? 10 : Number(values.limit);
  const offset = values.offset === undefined ? 0 : Number(values.offset);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UsageError("--limit 需要 1 到 100 之间的整数");
  if (!Number.isInteger(offset) || offset < 0) throw new UsageError("--offset 需要不小于 0 的整数");
  const sort = values.sort ?? "relevance";
  if (!isSearchSort(sort)) throw new UsageError(`--sort 只能是 relevance(相关度)或 date(日期),收到 "${sort}"`);
  const store = await openExisting(values.db);
  try {
    const result = await store.search({ query, limit, offset, sort, ...filtersOf(values) });
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
