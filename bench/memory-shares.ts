import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { observeLoads } from "../src/lexicon/load.js";

// What each table that a process loads adds to its memory: the JavaScript heap (after a full collection,
// so only what stays), memory outside the heap (typed arrays, buffers) and resident memory. Loads nest (the
// character scores need the dictionary's counts): each row counts what its own loading added, its inner
// loads listed below it and not counted again. Used by `npm run bench` and by test/clean-loads.test.ts.

export interface Share {
  /** The function that first asked for the table, with its file and line. */
  neededBy: string;
  /** How deep inside another load this one ran (0 = asked for by the program itself). */
  depth: number;
  /** Bytes this load itself added, inner loads not counted. */
  heap: number;
  offHeap: number;
  rss: number;
  /** The whole call stack at the load, for telling which part of the program asked. */
  stack: string;
}

export interface Usage {
  heap: number;
  offHeap: number;
  rss: number;
}

/** A full garbage collection, also when node was started without --expose-gc. */
export const collect: () => void = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
})();

export function usageNow(): Usage {
  // Twice: the first collection frees the wrappers of released buffers, the second sees their memory gone.
  collect();
  collect();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, offHeap: m.external, rss: m.rss };
}

const minus = (a: Usage, b: Usage): Usage => ({ heap: a.heap - b.heap, offHeap: a.offHeap - b.offHeap, rss: a.rss - b.rss });

/** The first frame of the stack outside this file and load.ts: whoever asked for the table. */
function askerOf(stack: string): string {
  const frames = stack.split("\n").slice(1).map((line) => line.trim().replace(/^at /, ""));
  const asker = frames.find((frame) => !frame.includes("memory-shares.") && !frame.includes("/lexicon/load."));
  return (asker ?? "?").replace(/file:\/\/\S*?\/dist\//, "");
}

/** Record every table's first load from now on; the returned list fills as tables load. */
export function recordShares(): { shares: Share[]; stop: () => void } {
  const shares: Share[] = [];
  let depth = 0;
  // What inner loads added, per open level, so that an outer load counts only its own part.
  const inner: Usage[] = [];
  observeLoads(<T>(load: () => T): T => {
    const stack = new Error().stack ?? "";
    const before = usageNow();
    inner.push({ heap: 0, offHeap: 0, rss: 0 });
    depth++;
    const share: Share = { neededBy: askerOf(stack), depth: depth - 1, heap: 0, offHeap: 0, rss: 0, stack };
    shares.push(share);
    try {
      return load();
    } finally {
      depth--;
      const added = minus(usageNow(), before);
      const nested = inner.pop()!;
      Object.assign(share, minus(added, nested));
      const parent = inner[inner.length - 1];
      if (parent) Object.assign(parent, { heap: parent.heap + added.heap, offHeap: parent.offHeap + added.offHeap, rss: parent.rss + added.rss });
    }
  });
  return { shares, stop: () => observeLoads(null) };
}

const MB = 1024 * 1024;
const mb = (bytes: number) => (bytes / MB).toFixed(1).padStart(6);

/** The shares as a table, largest first within each level, with a total line. */
export function sharesTable(shares: Share[]): string {
  const rows = shares.map((s) => `${mb(s.heap)} ${mb(s.offHeap)} ${mb(s.rss)}   ${"  ".repeat(s.depth)}${s.neededBy}`);
  const total = shares.reduce((sum, s) => ({ heap: sum.heap + s.heap, offHeap: sum.offHeap + s.offHeap, rss: sum.rss + s.rss }), { heap: 0, offHeap: 0, rss: 0 });
  return [`  heap   off-heap  RSS (MB)  table, by who first needed it`, ...rows, `${mb(total.heap)} ${mb(total.offHeap)} ${mb(total.rss)}   all tables`].join("\n");
}

export function usageLine(label: string, usage: Usage): string {
  return `${mb(usage.heap)} ${mb(usage.offHeap)} ${mb(usage.rss)}   ${label}`;
}
