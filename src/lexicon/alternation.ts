/** A word of a list as it stands in a regular expression. */
export const escapeWord = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The words of a data list as one regular-expression alternation, longest first, so a word wins over its prefix. */
export const alternation = (words: readonly string[]): string =>
  [...new Set(words)].sort((a, b) => b.length - a.length).map(escapeWord).join("|");
