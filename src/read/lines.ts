// Lines of a stream, each held in memory only up to a bound: a JSONL file whose one line is gigabytes
// long costs the bound, not the line (node's readline would hold the whole line before we could refuse it).

export type BoundedLine = { text: string; bytes: number } | { tooLong: number };

const NEWLINE = 0x0a;

function lineOf(parts: Buffer[]): { text: string; bytes: number } {
  const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  const end = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
  return { text: bytes.toString("utf8", 0, end), bytes: bytes.length + 1 };
}

/** Each line of the stream (\n or \r\n), or, for a line longer than maxBytes, its length alone. */
export async function* boundedLines(source: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<BoundedLine> {
  let parts: Buffer[] = [];
  let held = 0;
  let overflow = 0; // bytes of the current line past the bound, not kept
  for await (const chunk of source) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    let from = 0;
    while (from < buffer.length) {
      const newline = buffer.indexOf(NEWLINE, from);
      const end = newline === -1 ? buffer.length : newline;
      const piece = buffer.subarray(from, end);
      if (overflow > 0 || held + piece.length > maxBytes) {
        overflow += held + piece.length;
        parts = [];
        held = 0;
      } else if (piece.length) {
        parts.push(piece);
        held += piece.length;
      }
      if (newline === -1) break;
      if (overflow > 0) yield { tooLong: overflow };
      else yield lineOf(parts);
      parts = [];
      held = 0;
      overflow = 0;
      from = newline + 1;
    }
  }
  if (overflow > 0) yield { tooLong: overflow };
  else if (held > 0) yield lineOf(parts);
}
