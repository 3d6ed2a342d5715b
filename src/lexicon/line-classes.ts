import { lazy, readDataJson } from "./load.js";

// Word classes of the line model and its fitted weights, both from data/.

interface ClassFile {
  functionChars: string;
  credit: string[];
  reporter: string[];
  event: string[];
  contact: string[];
  widget: string[];
  caption: string[];
  nav: string[];
  unitSuffixes: string[];
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** One alternation, longest words first, so a longer word of the class wins over its prefix. */
const anyOf = (words: string[], flags = "") => new RegExp([...words].sort((a, b) => b.length - a.length).map(escape).join("|"), flags);

export const lineClasses = lazy(() => {
  const file = readDataJson<ClassFile>("line-classes.json");
  const functionTable = new Uint8Array(0x10000);
  for (const ch of file.functionChars) functionTable[ch.charCodeAt(0)] = 1;
  return {
    functionTable,
    credit: anyOf(file.credit),
    /** a credit word as a label: 来源:, (作者:, 编辑(一审):, 审核领导: */
    creditLabel: new RegExp(`^[(（\\[【]?\\s*(${[...file.credit].sort((a, b) => b.length - a.length).map(escape).join("|")})[^:：\\s]{0,4}\\s*[:：]`),
    reporter: anyOf(file.reporter),
    event: anyOf(file.event),
    contact: anyOf(file.contact, "i"),
    widget: anyOf(file.widget, "g"),
    caption: anyOf(file.caption, "g"),
    nav: anyOf(file.nav, "g"),
    unitEnd: new RegExp(`(${[...file.unitSuffixes].sort((a, b) => b.length - a.length).map(escape).join("|")})$`),
  };
});

export interface LineModelFile {
  features: string[];
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
  threshold: number;
}

export const lineModelWeights = lazy(() => readDataJson<LineModelFile>("line-model.json"));
