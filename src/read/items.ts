import type { RawDoc, ReadFailure } from "../types.js";
import { ReadError } from "./decode.js";
import { fileProblem } from "./paths.js";

// What every reader yields — a page or one failure naming its input — and what they all are told.

export type ReadItem = { doc: RawDoc } | { failure: ReadFailure };

/** How the readers of one run read: the page limit, and whom they tell of bytes read and responses skipped. */
export interface Reading {
  maxPageBytes: number;
  onBytes?: (bytes: number) => void;
  onSkip?: (path: string, reason: string) => void;
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function failure(path: string, error: unknown): ReadItem {
  const problem = error instanceof ReadError ? error.message : (fileProblem(error) ?? (error instanceof Error ? error.message : String(error)));
  return { failure: { path, problem } };
}
