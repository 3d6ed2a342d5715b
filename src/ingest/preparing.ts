import { Piscina } from "piscina";
import { preparePages, type Prepared, type Window } from "./prepare.js";
import { packed, unpacked } from "./worker.js";

/**
 * Windows handed to each worker ahead: the store's writes block this thread (and so the pool's
 * dispatching) for a second or more, and workers with nothing queued would idle through it.
 */
export const QUEUED_PER_WORKER = 4;

/** A window on its way through the workers, and whether it is back. */
export interface Preparing {
  /** the prepared window; a failure is reported when it is awaited, in turn */
  result: () => Promise<Prepared>;
  ready: boolean;
}

export interface Preparer {
  prepare(window: Window): Preparing;
  destroy(): Promise<void>;
}

/** A window as a worker hands it back (serialized), or as this thread prepared it. */
const unpack = (result: Prepared | ArrayBuffer): Prepared => (result instanceof ArrayBuffer ? unpacked<Prepared>(result) : result);

/** Windows prepared (cleaned, extracted, signed, tokenized) on `workers` threads, or in this one when 0. */
export function preparer(workers: number): Preparer {
  const pool = workers > 0 ? new Piscina({ filename: new URL("./worker-entry.cjs", import.meta.url).href, minThreads: workers, maxThreads: workers, concurrentTasksPerWorker: QUEUED_PER_WORKER }) : null;
  return {
    prepare(window) {
      const task: Promise<Prepared | ArrayBuffer> = pool ? pool.run(packed(window)) : Promise.resolve(preparePages(window));
      const preparing = { result: async () => unpack(await task), ready: false };
      // awaited in turn by the caller; a failure is reported there, not as an unhandled rejection
      task.then(
        () => (preparing.ready = true),
        () => (preparing.ready = true),
      );
      return preparing;
    },
    destroy: async () => {
      await pool?.destroy();
    },
  };
}
