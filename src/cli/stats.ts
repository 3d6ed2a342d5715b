import { parseArgs } from "node:util";
import { DB_OPTION, openExisting } from "./store-options.js";

export const STATS_USAGE = `用法: huiyi stats [--db FILE] [--json]
  库的概况:文档、近似重复组、会议、人物、指示的数量,日期范围,主要地区与会议类别。`;

export async function statsCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...DB_OPTION, json: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    process.stdout.write(STATS_USAGE + "\n");
    return 0;
  }
  const store = await openExisting(values.db);
  try {
    const stats = await store.stats();
    if (values.json) {
      process.stdout.write(JSON.stringify(stats) + "\n");
      return 0;
    }
    const scripts = Object.entries(stats.scripts)
      .map(([script, n]) => `${{ simplified: "简体", traditional: "繁体", mixed: "混合" }[script] ?? script} ${n}`)
      .join(" · ");
    const lines = [
      `文档 ${stats.documents} 篇(原文 ${scripts})`,
      `近似重复组 ${stats.clusters} 个(${stats.documents - stats.clusters} 篇是转载)`,
      `会议 ${stats.meetings} 场 · 人物 ${stats.persons} 位(出现 ${stats.appearances} 次)· 指示 ${stats.directives} 条`,
      `日期 ${stats.firstDate ?? "—"} 至 ${stats.lastDate ?? "—"}`,
      `地区: ${stats.regions.map((r) => `${r.name} ${r.documents}`).join(" · ") || "—"}`,
      `会议类别: ${stats.kinds.map((k) => `${k.name} ${k.documents}`).join(" · ") || "—"}`,
      `数据库 ${(stats.bytes / 1024 / 1024).toFixed(1)} MB · 结构版本 ${stats.schemaVersion}`,
    ];
    process.stdout.write(lines.join("\n") + "\n");
    return 0;
  } finally {
    await store.close();
  }
}
