import { parseArgs } from "node:util";
import { DOCUMENT_TABLE } from "../serve/export.js";
import { csvField } from "../serve/export-format.js";
import type { Record } from "../types.js";
import { writeLine } from "./output.js";
import { UsageError } from "./pages-command.js";
import { DB_OPTION, FILTER_OPTIONS, FILTER_USAGE, filtersOf, openExisting } from "./store-options.js";

export const EXPORT_USAGE = `用法: huiyi export [--format jsonl|csv] [--db FILE] [过滤条件]
  导出库中的文档:jsonl 每行一条完整记录(与 extract 的输出相同);csv 每行一篇文档的主要字段、采集时间(captured)与正文(text)。
${FILTER_USAGE}`;

const CSV_COLUMNS = ["id", "cluster", "title", "published", "meeting", "meeting_date", "jurisdiction", "division_code", "division", "kinds", "people", "site", "url", "captured", "path", "text"];

/** A record as one CSV row: the columns the API's document export has, under these English names. */
const csvRow = (record: Record, id: number, cluster: number) => DOCUMENT_TABLE.row({ id, cluster, record }).map(csvField).join(",");

export async function exportCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...DB_OPTION, ...FILTER_OPTIONS, format: { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    process.stdout.write(EXPORT_USAGE + "\n");
    return 0;
  }
  const format = values.format ?? "jsonl";
  if (format !== "jsonl" && format !== "csv") throw new UsageError(`--format 只能是 jsonl 或 csv,收到 "${format}"`);
  const filters = filtersOf(values);
  const store = await openExisting(values.db);
  try {
    // A byte-order mark, so spreadsheet programs read the Chinese of the CSV as UTF-8.
    if (format === "csv") await writeLine(process.stdout, "\ufeff" + CSV_COLUMNS.join(","));
    for await (const { record, id, cluster } of store.records(filters)) {
      await writeLine(process.stdout, format === "csv" ? csvRow(record, id, cluster) : JSON.stringify(record));
    }
    return 0;
  } finally {
    await store.close();
  }
}
