import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { hostname } from "node:os";
import { parseArgs } from "node:util";
import { defaultWorkers, ingest } from "../ingest/ingest.js";
import { DEFAULT_LEASE_MS, ingestThroughQueue, type QueueIngestOptions } from "../ingest/queue.js";
import type { SharedQueue } from "../ingest/shared-queue.js";
import { inputBytes } from "../read/sources.js";
import { describeTarget, isSharedTarget, openStore } from "../store/open.js";
import { sharedQueueOf } from "../store/pg/backend.js";
import type { Store } from "../store/store.js";
import { reportFailure } from "./output.js";
import { printable } from "./printable.js";
import { skippedSummary, UsageError } from "./pages-command.js";
import { progressView } from "./progress.js";
import { queueFigures, queueProgressView } from "./queue-progress.js";
import { DB_OPTION, targetOf } from "./store-options.js";

export const INGEST_USAGE = `用法: huiyi ingest PATH... [--db FILE|postgres://…] [--workers N] [--max-page-mb N] [--lease-seconds N]
  读取与 extract 相同的输入,清洗、抽取后存入数据库(默认 ./huiyi.db,也可用环境变量 HUIYI_DB)。
  已存过的页面不会重复存入;近似重复的转载归为一组。中断后再次运行即可接着存。
  数据库为 PostgreSQL 时,可在多台机器上同时运行:各进程把输入的页面列入共享队列,再一起处理整个队列;
  不给 PATH 则只处理队列中别的机器列入的页面。被中止的进程领取的页面在租期过后由其他进程接手。
  --workers N        准备页面的工作线程数(默认为 CPU 核数;0 表示只用主线程)
  --lease-seconds N  PostgreSQL 队列中领取页面的租期(默认 ${DEFAULT_LEASE_MS / 1000} 秒;进程在世时自动续期)`;

export async function ingestCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...DB_OPTION, workers: { type: "string" }, "max-page-mb": { type: "string" }, "lease-seconds": { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    process.stdout.write(INGEST_USAGE + "\n");
    return 0;
  }
  const target = targetOf(values.db);
  const shared = isSharedTarget(target);
  // On PostgreSQL, no inputs is a worker lending a hand with the queue others listed.
  if (positionals.length === 0 && !shared) throw new UsageError("请指定要存入的文件或文件夹(或 - 表示标准输入)");
  const workers = values.workers === undefined ? defaultWorkers() : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 0) throw new UsageError("--workers 需要一个不小于 0 的整数");
  const maxPageMb = values["max-page-mb"] ? Number(values["max-page-mb"]) : undefined;
  if (maxPageMb !== undefined && !(maxPageMb > 0)) throw new UsageError("--max-page-mb 需要一个正数");
  const leaseSeconds = values["lease-seconds"] === undefined ? DEFAULT_LEASE_MS / 1000 : Number(values["lease-seconds"]);
  if (!(leaseSeconds >= 1)) throw new UsageError("--lease-seconds 需要一个不小于 1 的数");

  const file = describeTarget(target);
  // The paths are looked at before the database is opened: with nothing to read, a mistyped path must not
  // leave an empty database behind. (Some missing among others are reported as the batch reads them.)
  if (positionals.length > 0 && positionals.every((path) => path !== "-" && !existsSync(path))) {
    for (const path of positionals) reportFailure({ path, problem: "找不到该文件或文件夹" });
    process.stderr.write(`huiyi ingest: 没有可读的输入,未创建也未改动数据库 ${printable(file)}\n`);
    return 1;
  }
  const store = await openStore(target, { create: true });
  const queue = sharedQueueOf(store, `${hostname()}/${process.pid}/${randomBytes(3).toString("hex")}`);
  if (queue) {
    try {
      return await ingestShared(store, queue, positionals, file, { workers, maxPageBytes: maxPageMb ? maxPageMb * 1024 * 1024 : undefined, leaseMs: leaseSeconds * 1000 });
    } finally {
      await store.close();
    }
  }
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

/** Ingest with other processes through the shared queue: this process's figures, and the whole queue's. */
async function ingestShared(store: Store, queue: SharedQueue, inputs: string[], file: string, options: QueueIngestOptions): Promise<number> {
  const started = Date.now();
  const reading = progressView(inputs.length ? await inputBytes(inputs) : null);
  const working = queueProgressView();
  // Ctrl-C stops between windows and gives this process's claimed pages back to the others at once.
  const stop = new AbortController();
  const onStop = () => stop.abort();
  process.once("SIGINT", onStop);
  process.once("SIGTERM", onStop);
  const counts = await ingestThroughQueue(store, queue, inputs, {
    ...options,
    signal: stop.signal,
    // this process's inputs read while it lists them, then the whole queue's progress while it works it
    onProgress: (counts) => reading.update(counts),
    onQueue: (figures) => {
      reading.done();
      working.update(figures);
    },
    onWait: () => {},
    onFailure: (failure) => {
      reading.done();
      working.done();
      reportFailure(failure);
    },
  });
  process.off("SIGINT", onStop);
  process.off("SIGTERM", onStop);
  reading.done();
  working.done();
  if (counts.stopped) process.stderr.write("huiyi ingest: 已中止;本进程领取而未存入的页面已交还队列,由其他进程或下次运行处理\n");
  const seconds = (Date.now() - started) / 1000;
  const rate = seconds > 0 ? counts.stored / seconds : 0;
  process.stdout.write(
    `已读 ${counts.read} 篇 · 列入队列 ${counts.listed} · 新存入 ${counts.stored} · 已在库中 ${counts.known} · 其中近似重复 ${counts.nearDuplicates} · 失败 ${counts.failed}\n` +
      `${queueFigures(counts.queue)}\n` +
      `用时 ${seconds.toFixed(1)} 秒(本进程存入 ${rate.toFixed(0)} 篇/秒) · 数据库 ${file}\n`,
  );
  if (counts.skipped.size) process.stderr.write(skippedSummary(counts.skipped) + "\n");
  // 130: stopped by Ctrl-C, as a shell reports it
  return counts.stopped ? 130 : counts.failed > 0 ? 1 : 0;
}
