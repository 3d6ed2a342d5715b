import { lazy, readDataJson } from "./load.js";

// HTML elements by what their tags mean for the text (data/html-elements.json): the HTML reader cuts lines at
// block elements and leaves out skipped ones; the markup stage drops the tags of block and inline ones.

interface ElementFile {
  block: string[];
  inline: string[];
  skipped: string[];
}

export const htmlElements = lazy(() => {
  const file = readDataJson<ElementFile>("html-elements.json");
  return {
    block: new Set(file.block),
    skipped: new Set(file.skipped),
    /** elements whose tags only shape the text they hold: block and inline */
    formatting: new Set([...file.block, ...file.inline]),
  };
});
