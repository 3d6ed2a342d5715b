import { parseArgs } from "node:util";
import { cleanItems } from "../clean/batches.js";
import { readInputs } from "../read/sources.js";
import { reportFailure, writeLine } from "./output.js";

export const CLEAN_USAGE = `用法: huiyi clean [PATH|-]... [--keep-script] [--max-page-mb N]
  读取 .txt .html .htm .jsonl .warc .warc.gz 文件、文件夹或标准输入(-),
  每篇文档输出一行 JSON 记录(正文、删除的行及原因、乱码修复、注音数)。`;

/** huiyi clean: one JSON record a line on stdout; one line on stderr per input that could not be read. */
export async function cleanCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { "keep-script": { type: "boolean" }, "max-page-mb": { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    process.stdout.write(CLEAN_USAGE + "\n");
    return 0;
  }
  const inputs = positionals.length ? positionals : ["-"];
  const maxPageMb = values["max-page-mb"] ? Number(values["max-page-mb"]) : undefined;
  if (maxPageMb !== undefined && !(maxPageMb > 0)) throw new UsageError("--max-page-mb 需要一个正数");
  let failed = 0;
  const items = readInputs(inputs, { maxPageBytes: maxPageMb ? maxPageMb * 1024 * 1024 : undefined });
  for await (const item of cleanItems(items, { keepScript: values["keep-script"] })) {
    if ("record" in item) await writeLine(process.stdout, JSON.stringify(item.record));
    else {
      failed++;
      reportFailure(item.failure);
    }
  }
  return failed > 0 ? 1 : 0;
}

export class UsageError extends Error {}
