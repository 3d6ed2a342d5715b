import type { RawDoc } from "../types.js";
import { preparePages, type Prepared } from "./prepare.js";

/** A worker thread's task: one window of pages, prepared for the store. */
export default function prepareInWorker(docs: RawDoc[]): Prepared {
  return preparePages(docs);
}
