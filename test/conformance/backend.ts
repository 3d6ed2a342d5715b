import type { Store } from "../../src/store/store.js";

/** What the conformance suite needs of a backend: somewhere new to put a corpus, and a way to open it. */
export interface Backend {
  name: string;
  /** the target (a file path, a database address) of a new, empty corpus */
  fresh(): Promise<string>;
  /** open the corpus at a target; `create` makes it when there is none */
  open(target: string, options?: { create?: boolean }): Promise<Store>;
}

/** A new corpus, opened: the suite's usual start. */
export async function freshStore(backend: Backend): Promise<{ store: Store; target: string }> {
  const target = await backend.fresh();
  return { store: await backend.open(target, { create: true }), target };
}

/** Every stored page as a reader sees it (title and text) with its id and cluster, through the Store API. */
export async function storedPages(store: Store): Promise<{ id: number; cluster: number; path: string | null; content: string }[]> {
  const pages = [];
  for await (const { id, cluster, record } of store.records({})) pages.push({ id, cluster, path: record.source.path, content: `${record.title ?? ""}\n${record.text}` });
  return pages;
}
