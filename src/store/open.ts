import { openPgCorpus } from "./pg/backend.js";
import { SqliteStore } from "./sqlite.js";
import type { Store } from "./store.js";

// Where a corpus is, as --db or HUIYI_DB names it: a file path is an SQLite file; a postgres:// or
// postgresql:// address is a PostgreSQL database. Commands open a corpus only through here.

export interface OpenOptions {
  /** make a new corpus where there is none (ingest); otherwise a missing corpus is an error */
  create: boolean;
}

const POSTGRES = /^postgres(ql)?:\/\//i;

/** Whether a target is a database server that several processes fill at once (ingest then shares a queue). */
export const isSharedTarget = (target: string) => POSTGRES.test(target);

export async function openStore(target: string, { create }: OpenOptions): Promise<Store> {
  if (POSTGRES.test(target)) return openPgCorpus(target, { create });
  return new SqliteStore(target, { create });
}

/** A target to show users: a database address without its password. */
export function describeTarget(target: string): string {
  if (!POSTGRES.test(target)) return target;
  try {
    const url = new URL(target);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return target.replace(/\/\/[^@/]*@/, "//***@");
  }
}
