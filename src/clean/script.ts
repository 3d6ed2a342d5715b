import { ConverterFactory } from "opencc-js/core";
import TSPhrases from "opencc-js/dict/TSPhrases";
import TSCharacters from "opencc-js/dict/TSCharacters";
import { lazy } from "../lexicon/load.js";
import { scriptChars } from "../lexicon/script-chars.js";
import type { Script } from "../types.js";
import type { PageStage } from "./draft.js";

// OpenCC's traditional-to-simplified chain: phrases first (乾隆 stays, 乾淨 → 干净), then characters.
const toSimplified = lazy(() => ConverterFactory([TSPhrases, TSCharacters]));

/** Which script a text is written in, from the characters that only one script uses. */
export function detectScript(text: string | readonly string[]): { script: Script; traditional: number } {
  const { table } = scriptChars();
  let traditional = 0;
  let simplified = 0;
  for (const part of typeof text === "string" ? [text] : text) {
    for (let i = 0; i < part.length; i++) {
      const kind = table[part.charCodeAt(i)];
      if (kind === 1) traditional++;
      else if (kind === 2) simplified++;
    }
  }
  const share = traditional / (traditional + simplified || 1);
  const script: Script = share >= 0.9 ? "traditional" : share <= 0.1 && traditional < 3 ? "simplified" : "mixed";
  return { script, traditional };
}

/**
 * Traditional to simplified, phrase by phrase. A character OpenCC's character table does not list as
 * traditional (藉, 著) is a simplified character already: a phrase rule that rewrites it (藉助 → 借助)
 * changes the wording, not the script, so the character is left as written.
 */
export function convertToSimplified(text: string): { text: string; count: number } {
  const converted = toSimplified()(text);
  if (converted.length !== text.length) return { text: converted, count: Math.abs(converted.length - text.length) };
  const { convertible } = scriptChars();
  let out = "";
  let from = 0;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === converted.charCodeAt(i)) continue;
    if (convertible[code] === 1) count++;
    else {
      out += converted.slice(from, i) + text[i];
      from = i + 1;
    }
  }
  return { text: from === 0 ? converted : out + converted.slice(from), count };
}

export const scriptStage: PageStage = {
  id: "script",
  run(draft, options) {
    const texts = draft.lines.map((line) => line.text);
    const { script, traditional } = detectScript(texts);
    if (traditional === 0 || options.keepScript) return { ...draft, script };
    const { text, count } = convertToSimplified(texts.join("\n"));
    const converted = text.split("\n");
    const lines =
      converted.length === draft.lines.length
        ? draft.lines.map((line, i) => (converted[i] === line.text ? line : { ...line, text: converted[i]! }))
        : draft.lines.map((line) => ({ ...line, text: toSimplified()(line.text) }));
    return { ...draft, script, lines, converted: draft.converted + count };
  },
};
