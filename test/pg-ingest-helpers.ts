import { spawn } from "node:child_process";
import type { Store } from "../src/store/store.js";
import { CLI } from "./helpers.js";

// What the tests of several ingest processes on one PostgreSQL database share.

/** Run the CLI without waiting (so that two run at once); resolves with its exit status and output. */
export function huiyiAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** The corpus as a reader sees it, whatever the ids: its clusters as sets of pages, its persons as a name and their pages. */
export async function corpusOf(store: Store): Promise<{ pages: string[]; clusters: string[]; persons: string[] }> {
  const pathOf = new Map<number, string>();
  const byCluster = new Map<number, string[]>();
  const personPages = new Map<number, { name: string; pages: string[] }>();
  for await (const { id, cluster, record } of store.records({})) {
    const path = record.source.path ?? record.source.url ?? String(id);
    pathOf.set(id, path);
    byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), path]);
    const document = await store.document(id);
    document!.personIds.forEach((person, n) => {
      const entry = personPages.get(person) ?? { name: record.people[n]!.name, pages: [] };
      if (!entry.pages.includes(path)) entry.pages.push(path);
      personPages.set(person, entry);
    });
  }
  return {
    pages: [...pathOf.values()].sort(),
    clusters: [...byCluster.values()].map((pages) => pages.sort().join(" + ")).sort(),
    persons: [...personPages.values()].map(({ name, pages }) => `${name}: ${pages.sort().join(" + ")}`).sort(),
  };
}
