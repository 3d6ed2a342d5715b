import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { ingest } from "../src/ingest/ingest.js";
import { buildApp } from "../src/serve/app.js";
import { SqliteStore } from "../src/store/sqlite.js";
import { tempDir } from "./store-helpers.js";

/** A crawl as JSON lines, other sources beside it, ingested into a fresh SQLite corpus, and the API over it. */
export interface CrawlApi {
  dir: string;
  store: SqliteStore;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function crawlApi(crawl: readonly object[], options: { name: string; sources?: string[] }): Promise<CrawlApi> {
  const dir = tempDir();
  writeFileSync(join(dir, "crawl.jsonl"), crawl.map((line) => JSON.stringify(line)).join("\n") + "\n");
  const store = new SqliteStore(join(dir, `${options.name}.db`), { create: true });
  await ingest(store, [...(options.sources ?? []), join(dir, "crawl.jsonl")], { workers: 0 });
  const app = await buildApp({ store, token: "t", webRoot: null });
  return {
    dir,
    store,
    app,
    async close() {
      await app.close();
      await store.close();
    },
  };
}
