import { ConverterFactory } from "opencc-js/core";
import TSPhrases from "opencc-js/dict/TSPhrases";
import TSCharacters from "opencc-js/dict/TSCharacters";
import { lazy } from "../lexicon/load.js";
import { scriptChars } from "../lexicon/script-chars.js";
import type { Script } from "../types.js";
import type { Stage } from "./draft.js";

// OpenCC's traditional-to-simplified chain: phrases first (乾隆 stays, 乾淨 → 干净), then characters.
const toSimplified = lazy(() => ConverterFactory([TSPhrases, TSCharacters]));

/** Which script a text is written in, from the characters that only one script uses. */
export function detectScript(text: string): { script: Script; traditional: number } {
  const { traditionalOnly, simplifiedOnly } = scriptChars();
  let traditional = 0;
  let simplified = 0;
  for (const ch of text) {
    if (traditionalOnly.has(ch)) traditional++;
    else if (simplifiedOnly.has(ch)) simplified++;
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
  const { traditional } = scriptChars();
  let out = "";
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const before = text[i]!;
    const after = converted[i]!;
    if (before === after || !traditional.has(before)) out += before;
    else {
      out += after;
      count++;
    }
  }
  return { text: out, count };
}

export const scriptStage: Stage = (draft, options) => {
  const joined = draft.lines.map((line) => line.text).join("\n");
  const { script, traditional } = detectScript(joined);
  if (traditional === 0 || options.keepScript) return { ...draft, script };
  const { text, count } = convertToSimplified(joined);
  const converted = text.split("\n");
  const lines =
    converted.length === draft.lines.length
      ? draft.lines.map((line, i) => (converted[i] === line.text ? line : { ...line, text: converted[i]! }))
      : draft.lines.map((line) => ({ ...line, text: toSimplified()(line.text) }));
  return { ...draft, script, lines, converted: draft.converted + count };
};
