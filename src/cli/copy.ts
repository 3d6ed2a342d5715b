import { parseArgs } from "node:util";
import { UserError } from "../errors.js";
import { copyCorpus, CopyBatchError } from "../store/copy.js";
import { describeTarget, openStore } from "../store/open.js";
import { UsageError } from "./pages-command.js";

export const COPY_USAGE = `用法: huiyi copy --from 源库 --to 目标库 [--resume] [--batch N]
  把整个库复制到另一个库:文档及原文、近似重复组、人物(编号可能变,归并不变)、指示及其跟进(状态、备注、时间)。
  库可以是 SQLite 文件或 postgres://… 地址,任意两种之间都可复制(如 --from huiyi.db --to postgres://主机/库)。
  --from 源库       要复制的库(必须已存在)
  --to 目标库       复制到的库(没有则新建);已有文档时拒绝复制,除非给出 --resume
  --resume         续传:目标库中已有的文档(上次复制中断前已提交的批次)跳过,其余接着复制
  --batch N        每批文档数(默认 200):每批整批提交或整批撤销,内存只随批大小增长`;

const DEFAULT_BATCH = 200;

export async function copyCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      from: { type: "string" },
      to: { type: "string" },
      resume: { type: "boolean" },
      batch: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(COPY_USAGE + "\n");
    return 0;
  }
  if (!values.from || !values.to) throw new UsageError("需要 --from 源库 和 --to 目标库");
  if (values.from === values.to) throw new UsageError("源库与目标库相同");
  const batch = values.batch === undefined ? DEFAULT_BATCH : Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > 100_000) throw new UsageError(`--batch 应为 1 至 100000 的整数,而不是 "${values.batch}"`);

  const from = await openStore(values.from, { create: false });
  try {
    const to = await openStore(values.to, { create: true });
    try {
      const already = (await to.stats()).documents;
      if (already > 0 && !values.resume)
        throw new UserError(`目标库 ${describeTarget(values.to)} 已有 ${already} 篇文档:拒绝复制。续传上次中断的复制请加 --resume`);
      const total = (await from.stats()).documents;
      const started = Date.now();
      const counts = await copyCorpus(from, to, {
        batch,
        onBatch: ({ read }) => {
          if (process.stderr.isTTY) process.stderr.write(`\r已读 ${read}/${total} 篇`);
        },
      }).catch((error: unknown) => {
        if (error instanceof CopyBatchError)
          throw new UserError(`${error.message}。此前已提交 ${error.committed} 篇;修正后用 --resume 续传`);
        throw error;
      });
      if (process.stderr.isTTY) process.stderr.write("\n");
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        [
          `已从 ${describeTarget(values.from)} 复制到 ${describeTarget(values.to)}(${seconds} 秒)`,
          `文档 ${counts.documents} 篇:新写入 ${counts.copied} 篇,目标库已有 ${counts.skipped} 篇`,
          `近似重复组 ${counts.clusters} 个 · 人物 ${counts.persons} 位 · 指示 ${counts.directives} 条 · 跟进 ${counts.followUps} 条`,
        ].join("\n") + "\n",
      );
      if (counts.regrouped > 0) {
        process.stderr.write(`huiyi copy: ${counts.regrouped} 篇文档的近似重复组或人物归并与源库不同\n`);
        return 1;
      }
      return 0;
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}
