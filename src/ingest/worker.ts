import { preparePages, type Prepared, type Window } from "./prepare.js";

/** A worker thread's task: one window of pages, prepared for the store. */
export default function prepareInWorker(window: Window): Prepared {
  return preparePages(window);
}
