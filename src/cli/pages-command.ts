import { parseArgs } from "node:util";
import { cleanItems } from "../clean/batches.js";
import { STAGE_IDS } from "../clean/index.js";
import { readInputs } from "../read/sources.js";
import type { Record } from "../types.js";
import { reportFailure, writeLine } from "./output.js";
import { printable } from "./printable.js";

export class UsageError extends Error {}

/** One line for the WARC responses that were not pages: how many, and why, most frequent first. */
export function skippedSummary(skipped: Map<string, number>): string {
  const total = [...skipped.values()].reduce((a, b) => a + b, 0);
  const reasons = [...skipped].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${printable(reason)} ×${n}`);
  return `huiyi: 跳过 ${total} 条不是网页的 WARC 响应(${reasons.join("、")})`;
}

/**
 * A command that reads pages (files, folders, '-'), cleans them and prints one JSON record a line; one line
 * on stderr per input that could not be read; exit status 1 when any failed.
 */
export function pagesCommand(usage: string, finish: (record: Record) => Record): (args: string[]) => Promise<number> {
  return async (args) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        "keep-script": { type: "boolean" },
        "strip-markup": { type: "boolean" },
        "max-page-mb": { type: "string" },
        skip: { type: "string", multiple: true },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      process.stdout.write(usage + "\n");
      return 0;
    }
    const maxPageMb = values["max-page-mb"] ? Number(values["max-page-mb"]) : undefined;
    if (maxPageMb !== undefined && !(maxPageMb > 0)) throw new UsageError("--max-page-mb 需要一个正数");
    // --skip boilerplate --skip repeats, or --skip boilerplate,repeats
    const skip = (values.skip ?? []).flatMap((value) => value.split(/[,，]/)).map((id) => id.trim()).filter((id) => id !== "");
    const unknown = skip.filter((id) => !STAGE_IDS.includes(id));
    if (unknown.length) throw new UsageError(`--skip 不认识的清洗步骤: ${unknown.join(", ")};可跳过的步骤: ${STAGE_IDS.join(", ")}`);
    let failed = 0;
    const skipped = new Map<string, number>();
    const items = readInputs(positionals.length ? positionals : ["-"], {
      maxPageBytes: maxPageMb ? maxPageMb * 1024 * 1024 : undefined,
      onSkip: (_path, reason) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1),
    });
    for await (const item of cleanItems(items, { keepScript: values["keep-script"], stripMarkup: values["strip-markup"], skip })) {
      if ("record" in item) await writeLine(process.stdout, JSON.stringify(finish(item.record)));
      else {
        failed++;
        reportFailure(item.failure);
      }
    }
    if (skipped.size) process.stderr.write(skippedSummary(skipped) + "\n");
    return failed > 0 ? 1 : 0;
  };
}
