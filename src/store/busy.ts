import { setTimeout as sleep } from "node:timers/promises";
import { UserError } from "../errors.js";

// Several programs may use one corpus file at once: an ingest writing, a server answering searches and
// taking ledger writes, a second ingest. SQLite lets one of them write at a time (readers never wait, in
// WAL mode). A statement that finds the file locked waits at most BUSY_WAIT_MS inside SQLite — blocking
// its whole thread, which in a server means every other request — and a write that still finds it locked
// is tried again here, every PAUSE_MS, letting the thread do other work meanwhile, until the other
// writer's (short) transaction is done. Tries come often because an ingest lets go of the lock only for
// moments between its transactions.

/** How long one statement waits, blocking, for another program's lock before SQLite answers busy. */
export const BUSY_WAIT_MS = 20;

/** The pause between two tries of a write. */
const PAUSE_MS = 10;

/** How long a write keeps trying before it gives up with a BusyError. */
export const WRITE_PATIENCE_MS = 10_000;

/** The file stayed locked by another program for longer than a write would wait. */
export class BusyError extends UserError {
  constructor() {
    super("数据库正忙:另一个程序(如 huiyi ingest)正在写入,请稍后再试");
  }
}

/** Is this SQLite's "the file is locked by another connection"? */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

export interface Patience {
  /** give up after this long (BusyError); Infinity waits for as long as the other writer takes */
  ms?: number;
  /** told once, when the first attempt found the file locked */
  onWait?: () => void;
}

/**
 * Run `attempt` (which must do nothing when it fails busy: one statement, or a transaction SQLite rolls
 * back) until the file is free.
 */
export async function whenFree<T>(attempt: () => T, { ms = WRITE_PATIENCE_MS, onWait }: Patience = {}): Promise<T> {
  const deadline = Date.now() + ms;
  for (let tries = 0; ; tries++) {
    try {
      return attempt();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (Date.now() + PAUSE_MS > deadline) throw new BusyError();
      if (tries === 0) onWait?.();
    }
    await sleep(PAUSE_MS);
  }
}
