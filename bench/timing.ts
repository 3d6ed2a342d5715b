import type { SearchRequest } from "../src/store/store.js";

// Search timing shared by the store benches: the same warm-up and percentiles for every backend.

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Each query's time in ms, after a warm-up of the first 20 (statements compiled, pages cached), and what
 * each query found: the timed results are the ones compared between backends, rather than searching again.
 */
export async function timeQueries<R>(store: { search(request: SearchRequest): Promise<R> }, queries: SearchRequest[]): Promise<{ times: number[]; results: R[] }> {
  for (const query of queries.slice(0, 20)) await store.search(query);
  const times: number[] = [];
  const results: R[] = [];
  for (const query of queries) {
    const start = process.hrtime.bigint();
    results.push(await store.search(query));
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { times, results };
}
