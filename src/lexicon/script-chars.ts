import TSCharacters from "opencc-js/dict/TSCharacters";
import STCharacters from "opencc-js/dict/STCharacters";
import { lazy } from "./load.js";

// OpenCC's character tables say which characters only ever stand in one script.
function keysOf(dict: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const entry of dict.split("|")) {
    const [from, ...to] = entry.split(" ");
    if (from) map.set(from, to);
  }
  return map;
}

export const scriptChars = lazy(() => {
  const ts = keysOf(TSCharacters);
  const st = keysOf(STCharacters);
  const traditionalOnly = new Set<string>();
  const simplifiedOnly = new Set<string>();
  for (const [trad, simps] of ts) if (!simps.includes(trad) && !st.has(trad)) traditionalOnly.add(trad);
  for (const [simp, trads] of st) if (!trads.includes(simp) && !ts.has(simp)) simplifiedOnly.add(simp);
  /** per UTF-16 code unit: 1 traditional only, 2 simplified only (characters outside the BMP are left out) */
  const table = new Uint8Array(0x10000);
  for (const ch of traditionalOnly) if (ch.length === 1) table[ch.charCodeAt(0)] = 1;
  for (const ch of simplifiedOnly) if (ch.length === 1) table[ch.charCodeAt(0)] = 2;
  return { table };
});
