import type { Writable } from "node:stream";
import type { ReadFailure } from "../types.js";
import { printable } from "./printable.js";

/** Write one line, waiting when the reader of our output is slower than we are. */
export async function writeLine(out: Writable, line: string): Promise<void> {
  if (!out.write(line + "\n")) await new Promise<void>((resolve) => out.once("drain", resolve));
}

export function reportFailure(failure: ReadFailure): void {
  process.stderr.write(`huiyi: ${printable(failure.path)}: ${printable(failure.problem)}\n`);
}
