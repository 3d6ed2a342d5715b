// Tables by UTF-16 code unit for the scans that read every character of a line: what an expression
// matches, read from the expression itself once, so the table and the expression cannot part.

/** 1 for each UTF-16 code unit that the expression matches as a string of that one unit, 0 for the others. */
export function unitsMatching(pattern: RegExp): Uint8Array {
  const one = new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gy]/g, ""));
  const table = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code++) table[code] = Number(one.test(String.fromCharCode(code)));
  return table;
}
