#!/usr/bin/env node
import { UserError } from "../errors.js";
import { useUserData } from "../lexicon/load.js";
import { CLEAN_USAGE, cleanCommand } from "./clean.js";
import { COPY_USAGE, copyCommand } from "./copy.js";
import { EXPORT_USAGE, exportCommand } from "./export.js";
import { EXTRACT_USAGE, extractCommand } from "./extract.js";
import { INGEST_USAGE, ingestCommand } from "./ingest.js";
import { isOptionError, optionErrorMessage } from "./option-errors.js";
import { UsageError } from "./pages-command.js";
import { PERSON_USAGE, personCommand } from "./person.js";
import { printable } from "./printable.js";
import { SEARCH_USAGE, searchCommand } from "./search.js";
import { SERVE_USAGE, serveCommand } from "./serve.js";
import { STATS_USAGE, statsCommand } from "./stats.js";

const USAGE = `huiyi — 把地方政府新闻网页整理成干净、结构化、可检索的记录

命令:
  huiyi clean [PATH|-]...    清洗网页:正文、删除行及原因、乱码修复、繁简转换
  huiyi extract [PATH|-]...  清洗并抽取:会议、人物、职务与角色
  huiyi ingest PATH...       清洗、抽取并存入数据库(默认 ./huiyi.db)
                             PostgreSQL 上可多台机器同时运行;不给 PATH 则协助处理共享队列
  huiyi search 查询词        全文检索库中文档
  huiyi person 姓名          人物在各文档中的时间线
  huiyi export               导出库中文档(jsonl 或 csv)
  huiyi stats                库的概况
  huiyi copy --from 库 --to 库  把库复制到另一个库(SQLite 与 PostgreSQL 之间均可)
  huiyi serve                网页与 JSON 接口(默认 http://127.0.0.1:8080/)

全局选项:
  --data DIR                 自己的数据目录:其中与 data/ 同名的文件扩充自带的词表(也可设 HUIYI_DATA)

${CLEAN_USAGE}

${EXTRACT_USAGE}

${INGEST_USAGE}

${SEARCH_USAGE}

${PERSON_USAGE}

${EXPORT_USAGE}

${STATS_USAGE}

${COPY_USAGE}

${SERVE_USAGE}`;

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  clean: cleanCommand,
  extract: extractCommand,
  ingest: ingestCommand,
  search: searchCommand,
  person: personCommand,
  export: exportCommand,
  stats: statsCommand,
  copy: copyCommand,
  serve: serveCommand,
};

/** Take the global `--data DIR` out of the arguments, wherever it stands, and return the rest. */
function withoutDataOption(argv: string[]): { dataDir: string | null; args: string[] } {
  const args: string[] = [];
  let dataDir: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--data" && i + 1 < argv.length && !argv[i + 1]!.startsWith("-")) dataDir = argv[++i]!;
    else if (arg === "--data") throw new UsageError("--data 缺少值:请给出自己的数据目录");
    else if (arg.startsWith("--data=")) dataDir = arg.slice("--data=".length);
    else args.push(arg);
  }
  return { dataDir, args };
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof withoutDataOption>;
  try {
    parsed = withoutDataOption(argv);
  } catch (error) {
    process.stderr.write(`huiyi: ${(error as Error).message}\n`);
    return 2;
  }
  const { dataDir, args } = parsed;
  const [command, ...rest] = args;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(USAGE + "\n");
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`huiyi: 未知命令 "${printable(command)}"\n\n${USAGE}\n`);
    return 2;
  }
  try {
    if (dataDir !== null) useUserData(dataDir);
    return await run(rest);
  } catch (error) {
    if (isOptionError(error)) {
      process.stderr.write(`huiyi ${command}: ${printable(optionErrorMessage(error, command, rest))}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`huiyi ${command}: ${printable((error as Error).message)}\n`);
      return 2;
    }
    if (error instanceof UserError) {
      process.stderr.write(`huiyi ${command}: ${printable(error.message)}\n`);
      return 1;
    }
    process.stderr.write(`huiyi ${command}: 内部错误: ${printable((error as Error).message)}\n`);
    return 1;
  }
}

process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
});
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
