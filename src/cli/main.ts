#!/usr/bin/env node
import { UserError } from "../errors.js";
import { useUserData } from "../lexicon/load.js";
import { isOptionError, optionErrorMessage } from "./option-errors.js";
import { UsageError } from "./pages-command.js";
import { printable } from "./printable.js";

type Command = (args: string[]) => Promise<number>;

/**
 * Each command's module is imported only when that command runs: `huiyi clean` then carries neither the
 * server, the stores, nor extraction's code (some 40 MB of resident memory), which matters to its memory bar.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  clean: async () => (await import("./clean.js")).cleanCommand,
  extract: async () => (await import("./extract.js")).extractCommand,
  ingest: async () => (await import("./ingest.js")).ingestCommand,
  search: async () => (await import("./search.js")).searchCommand,
  person: async () => (await import("./person.js")).personCommand,
  export: async () => (await import("./export.js")).exportCommand,
  stats: async () => (await import("./stats.js")).statsCommand,
  copy: async () => (await import("./copy.js")).copyCommand,
  serve: async () => (await import("./serve.js")).serveCommand,
};

/** The whole help text, which needs every command's usage and so every command's module. */
async function usage(): Promise<string> {
  const [{ CLEAN_USAGE }, { EXTRACT_USAGE }, { INGEST_USAGE }, { SEARCH_USAGE }, { PERSON_USAGE }, { EXPORT_USAGE }, { STATS_USAGE }, { COPY_USAGE }, { SERVE_USAGE }] =
    await Promise.all([
      import("./clean.js"),
      import("./extract.js"),
      import("./ingest.js"),
      import("./search.js"),
      import("./person.js"),
      import("./export.js"),
      import("./stats.js"),
      import("./copy.js"),
      import("./serve.js"),
    ]);
  return `huiyi — 把地方政府新闻网页整理成干净、结构化、可检索的记录

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
}

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
    process.stdout.write((await usage()) + "\n");
    return command ? 0 : 2;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    process.stderr.write(`huiyi: 未知命令 "${printable(command)}"\n\n${await usage()}\n`);
    return 2;
  }
  try {
    if (dataDir !== null) useUserData(dataDir);
    const run = await load();
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
