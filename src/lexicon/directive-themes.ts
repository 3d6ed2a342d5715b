import { lazy, readDataJson } from "./load.js";

/** Directive themes, most specific first (data/directive-themes.json). */
export const directiveThemes = lazy(() => readDataJson<{ themes: { theme: string; words: string[] }[] }>("directive-themes.json").themes);

/** The theme of a directive: the one with most of its words in it, the first listed on a tie; null when none has any. */
export function themeOf(directive: string): string | null {
  let best: { theme: string; words: number } | null = null;
  for (const { theme, words } of directiveThemes()) {
    const found = words.filter((word) => directive.includes(word)).length;
    if (found > (best?.words ?? 0)) best = { theme, words: found };
  }
  return best?.theme ?? null;
}
