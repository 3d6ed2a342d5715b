import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { defaultWorkers, ingest } from "../ingest/ingest.js";
import { inputBytes } from "../read/sources.js";
import { describeTarget, openStore } from "../store/open.js";
import { reportFailure } from "./output.js";
import { printable } from "./printable.js";
import { skippedSummary, UsageError } from "./pages-command.js";
import { progressView } from "./progress.js";
import { DB_OPTION, targetOf } from "./store-options.js";

export const INGEST_USAGE = `用法: huiyi ingest PATH... [--db FILE] [--workers N] [--max-page-mb N]
  读取与 extract 相同的输入,清洗、抽取后存入数据库(默认 ./huiyi.db,也可用环境变量 HUIYI_DB)。
  已存过的页面不会重复存入;近似重复的转载归为一组。中断后再次运行即可接着存。
  --workers N   准备页面的工作线程数(默认为 CPU 核数;0 表示只用主线程)`;

export async function ingestCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...DB_OPTION, workers: { type: "string" }, "max-page-mb": { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    process.stdout.write(INGEST_USAGE + "\n");
    return 0;
  }
  if (positionals.length === 0) throw new UsageError("请指定要存入的文件或文件夹(或 - 表示标准输入)");
  const workers = values.workers === undefined ? defaultWorkers() : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 0) throw new UsageError("--workers 需要一个不小于 0 的整数");
  const maxPageMb = values["max-page-mb"] ? Number(values["max-page-mb"]) : undefined;
  if (maxPageMb !== undefined && !(maxPageMb > 0)) throw new UsageError("--max-page-mb 需要一个正数");

  const target = targetOf(values.db);
  const file = describeTarget(target);
  // The paths are looked at before the database is opened: with nothing to read, a mistyped path must not
  // leave an empty database behind. (Some missing among others are reported as the batch reads them.)
  if (positionals.every((path) => path !== "-" && !existsSync(path))) {
    for (const path of positionals) reportFailure({ path, problem: "找不到该文件或文件夹" });
    process.stderr.write(`huiyi ingest: 没有可读的输入,未创建也未改动数据库 ${printable(file)}\n`);
    return 1;
  }
  const store = await openStore(target, { create: true });
  const started = Date.now();
  const progress = progressView(await inputBytes(positionals));
  try {
    const counts = await ingest(store, positionals, {
      workers,
      maxPageBytes: maxPageMb ? maxPageMb * 1024 * 1024 : undefined,
      onProgress: (counts) => progress.update(counts),
      onWait: () => {
        progress.done();
        process.stderr.write(`huiyi ingest: 另一个程序正在写入 ${file},两者轮流写入(已由对方存入的页面不再重复存入)\n`);
      },
      onFailure: (failure) => {
        progress.done();
        reportFailure(failure);
      },
    });
    progress.done();
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? (counts.stored + counts.known) / seconds : 0;
    process.stdout.write(
      `已读 ${counts.read} 篇 · 新存入 ${counts.stored} · 已在库中 ${counts.known} · 其中近似重复 ${counts.nearDuplicates} · 失败 ${counts.failed}\n` +
        `用时 ${seconds.toFixed(1)} 秒(${rate.toFixed(0)} 篇/秒) · 数据库 ${file}\n`,
    );
    if (counts.skipped.size) process.stderr.write(skippedSummary(counts.skipped) + "\n");
    return counts.failed > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}
