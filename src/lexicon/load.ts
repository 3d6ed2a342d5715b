import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { UserError } from "../errors.js";

// Data files live in the package's data/ folder; this module sits at dist/src/lexicon/ once built.
const DATA_DIR = new URL("../../../data/", import.meta.url);

/**
 * A user's own data folder (`--data DIR` or HUIYI_DATA) extends the shipped files without editing the installed
 * package: a file of the same name adds its lines to a list, its entries to a JSON file. It is read from the
 * environment so that ingest's worker threads, which inherit it, load the same knowledge as the main thread.
 */
export const USER_DATA_VARIABLE = "HUIYI_DATA";

/**
 * Point huiyi at a folder of the user's data files; called by the command line before anything is loaded. Every
 * file is checked here, once, so a typo in a name or a file of the wrong shape stops the run at its start instead
 * of failing pages one by one.
 */
export function useUserData(dir: string): void {
  const path = resolve(dir);
  if (!existsSync(path)) throw new UserError(`数据目录不存在: ${dir}`);
  process.env[USER_DATA_VARIABLE] = path;
  const known = new Set(readdirSync(DATA_DIR));
  for (const name of readdirSync(path)) {
    // Notes a user keeps beside the lists (README.md, .git) are not data.
    if (name.startsWith(".") || name.endsWith(".md")) continue;
    if (!known.has(name)) throw new UserError(`数据目录 ${dir} 中的 ${name} 不对应任何自带数据文件(应与 data/ 中的文件同名)`);
    if (name.endsWith(".json")) readDataJson(name);
  }
}

function userFile(name: string): string | null {
  const dir = process.env[USER_DATA_VARIABLE];
  if (!dir) return null;
  const path = join(dir, name);
  return existsSync(path) ? path : null;
}

function shipped(name: string): string {
  return readFileSync(new URL(name, DATA_DIR), "utf8");
}

/** A text data file: the shipped one, then the user's file of the same name if there is one. */
export function readDataFile(name: string): string {
  const own = userFile(name);
  return own ? `${shipped(name)}\n${readFileSync(own, "utf8")}` : shipped(name);
}

/** Lines of a list file, without blank lines and # comments. */
export function readListFile(name: string): string[] {
  return readDataFile(name)
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

/**
 * A JSON data file, with the user's file of the same name merged in: lists are extended, objects merged key by
 * key, and a value the user gives for a single setting replaces the shipped one. The shape is checked here, once,
 * so a mistyped file is one clear line rather than an error deep inside a stage.
 */
export function readDataJson<T>(name: string): T {
  const base = JSON.parse(shipped(name)) as unknown;
  const own = userFile(name);
  if (!own) return base as T;
  let extra: unknown;
  try {
    extra = JSON.parse(readFileSync(own, "utf8"));
  } catch (error) {
    throw new UserError(`数据文件 ${own} 不是合法的 JSON: ${(error as Error).message}`);
  }
  return mergeData(base, extra, own) as T;
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function mergeData(base: unknown, extra: unknown, where: string): unknown {
  if (Array.isArray(base)) {
    if (!Array.isArray(extra)) throw new UserError(`数据文件 ${where}: 此处应为列表,与自带文件一致`);
    return [...base, ...extra];
  }
  if (isObject(base)) {
    if (!isObject(extra)) throw new UserError(`数据文件 ${where}: 此处应为对象,与自带文件一致`);
    const merged: { [key: string]: unknown } = { ...base };
    for (const [key, value] of Object.entries(extra)) {
      merged[key] = key in base ? mergeData(base[key], value, `${where} → ${key}`) : value;
    }
    return merged;
  }
  if (typeof extra !== typeof base) throw new UserError(`数据文件 ${where}: 此处应为 ${typeof base}`);
  return extra;
}

/** Told of every table as it is first loaded, with the loading to run; see observeLoads. */
export type LoadObserver = <T>(load: () => T) => T;

let observer: LoadObserver | null = null;

/**
 * Watch each table's first load, e.g. to measure what it adds to memory (bench/memory-shares.ts). The observer
 * must call `load` once and return its value. Normal runs set none, and then loading costs nothing more.
 */
export function observeLoads(watch: LoadObserver | null): void {
  observer = watch;
}

/** Load a data file once and keep it: lexicons are the only module-level state. */
export function lazy<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= observer ? observer(load) : load());
}
