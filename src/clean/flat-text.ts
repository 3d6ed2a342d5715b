// Line texts as strings held in one piece. A line split from its page is, inside V8, a window onto the
// page's string; a line joined with + is a tree of pieces; a trimmed one a window onto another line. Each
// read of a character then goes through the string it comes from, and code that has met every kind reads
// all of them slowly: the script stage ran in half the time on the same lines made anew, and the other stages
// that read every character (garbled, glosses, boilerplate, repeats) in about nine tenths. So the stages hand
// on new line texts made in one piece, as the converter already does, and the page is cut into lines that way
// when it is read.
//
// A string is made in one piece by writing its UTF-16 units into a buffer and reading them back: two native
// copies, which keep lone surrogates as they are.

/** Texts longer than this (in bytes) get a buffer of their own, so one huge page does not keep a huge scratch. */
const SCRATCH_MAX = 1 << 22;
let scratch = Buffer.allocUnsafe(1 << 16);

function bufferFor(bytes: number): Buffer {
  if (bytes <= scratch.length) return scratch;
  if (bytes > SCRATCH_MAX) return Buffer.allocUnsafe(bytes);
  scratch = Buffer.allocUnsafe(Math.max(bytes, Math.min(SCRATCH_MAX, scratch.length * 2)));
  return scratch;
}

/** The same text as a string held in one piece. */
export function flat(text: string): string {
  if (text.length === 0) return "";
  const buffer = bufferFor(text.length * 2);
  buffer.write(text, 0, "utf16le");
  return buffer.toString("utf16le", 0, text.length * 2);
}

const LINE_BREAK = /\r\n|\r|\n/g;

/** The page's lines, split at \n, \r\n and \r, each a string held in one piece. */
export function flatLines(page: string): string[] {
  const buffer = bufferFor(page.length * 2);
  buffer.write(page, 0, "utf16le");
  const line = (start: number, end: number) => (end > start ? buffer.toString("utf16le", start * 2, end * 2) : "");
  const lines: string[] = [];
  let start = 0;
  // a search for \n alone where the page has no carriage return, as most have none
  if (!page.includes("\r")) {
    for (let end = page.indexOf("\n"); end >= 0; end = page.indexOf("\n", start)) {
      lines.push(line(start, end));
      start = end + 1;
    }
  } else {
    LINE_BREAK.lastIndex = 0;
    for (let match = LINE_BREAK.exec(page); match !== null; match = LINE_BREAK.exec(page)) {
      lines.push(line(start, match.index));
      start = match.index + match[0].length;
    }
  }
  lines.push(line(start, page.length));
  return lines;
}
