import { openStore } from "../store/open.js";
import type { Filters, Store } from "../store/store.js";
import { dateRangeProblem } from "../serve/date-range.js";
import { UsageError } from "./pages-command.js";

// Options every command over the corpus takes: where the corpus is (a SQLite file, or a database address:
// src/store/open.ts), and which documents to look at.

export const DEFAULT_DB = "huiyi.db";

export const DB_OPTION = { db: { type: "string" } } as const;

export const FILTER_OPTIONS = {
  region: { type: "string" },
  person: { type: "string" },
  kind: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
} as const;

export const FILTER_USAGE = `  --region 地区     省、市、县名或行政区划代码(如 阜城县、衡水市、131128)
  --person 姓名     页面中出现的人物
  --kind 类别       会议类别(常委会、经济运行 …)
  --from/--to 日期  会议日期(无则发布日期)范围,YYYY、YYYY-MM 或 YYYY-MM-DD`;

export function filtersOf(values: { region?: string; person?: string; kind?: string; from?: string; to?: string }): Filters {
  // The same check as the API's: 2020-13 and 2020-02-31 are refused, not read as some other day.
  const problem = dateRangeProblem(values.from, values.to, (key) => `--${key}`);
  if (problem) throw new UsageError(problem);
  const { region, person, kind, from, to } = values;
  return Object.fromEntries(Object.entries({ region, person, kind, from, to }).filter(([, value]) => value !== undefined && value !== ""));
}

/** The corpus a command names: --db, else HUIYI_DB, else ./huiyi.db. */
export const targetOf = (db: string | undefined) => db ?? process.env.HUIYI_DB ?? DEFAULT_DB;

/** The corpus a read-only command works on: it must exist already. */
export function openExisting(db: string | undefined): Promise<Store> {
  return openStore(targetOf(db), { create: false });
}
