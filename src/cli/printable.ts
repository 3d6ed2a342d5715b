// Text from inputs (file names, ids, titles) reaches the terminal only through here: a line end in it would
// split one message into two, and a control character or a bidirectional override could move the cursor,
// rewrite earlier lines or reorder what is shown.

const UNSAFE = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/** The text with every terminal control character shown as an escape (\x1b, \u202e) instead of acting. */
export function printable(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
