import { recordShares, sharesTable, usageLine, usageNow } from "./memory-shares.js";

// node --expose-gc dist/bench/clean-memory.js FILE: where the memory of `huiyi clean` goes, in one process
// doing what the command does — node itself, the command's code, each table as cleaning first needs it, and
// what is still held once FILE has been cleaned. Run by bench/run.ts on a sample of its big JSONL.

const path = process.argv[2];
if (!path) {
  process.stderr.write("usage: node --expose-gc dist/bench/clean-memory.js FILE\n");
  process.exit(2);
}

const start = usageNow();
const { shares, stop } = recordShares();
const [{ cleanItems }, { readInputs }] = await Promise.all([import("../src/clean/batches.js"), import("../src/read/sources.js")]);
const loaded = usageNow();
let pages = 0;
for await (const item of cleanItems(readInputs([path], {}))) if ("record" in item) pages++;
stop();
const done = usageNow();
const tables = shares.reduce((sum, s) => ({ heap: sum.heap + s.heap, offHeap: sum.offHeap + s.offHeap, rss: sum.rss + s.rss }), { heap: 0, offHeap: 0, rss: 0 });

console.log(usageLine("node and this script, at start", start));
console.log(usageLine("+ the code of huiyi clean (modules imported, no table loaded)", { heap: loaded.heap - start.heap, offHeap: loaded.offHeap - start.offHeap, rss: loaded.rss - start.rss }));
console.log(sharesTable(shares));
console.log(
  usageLine(`+ the rest, still held after cleaning ${pages} pages (after a full collection)`, {
    heap: done.heap - loaded.heap - tables.heap,
    offHeap: done.offHeap - loaded.offHeap - tables.offHeap,
    rss: done.rss - loaded.rss - tables.rss,
  }),
);
console.log(usageLine("= live at the end", done));
