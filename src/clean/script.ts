import CJKCompatibility from "opencc-js/dict/CJK_Compatibility_Ideographs";
import HKVariantsRev from "opencc-js/dict/HKVariantsRev";
import HKVariantsRevPhrases from "opencc-js/dict/HKVariantsRevPhrases";
import STCharacters from "opencc-js/dict/STCharacters";
import TSCharacters from "opencc-js/dict/TSCharacters";
import TSPhrases from "opencc-js/dict/TSPhrases";
import TWVariantsRev from "opencc-js/dict/TWVariantsRev";
import TWVariantsRevPhrases from "opencc-js/dict/TWVariantsRevPhrases";
import { lazy } from "../lexicon/load.js";
import { scriptChars } from "../lexicon/script-chars.js";
import type { Script } from "../types.js";
import { withText, type PageStage } from "./draft.js";
import { changedInLast, trieChain } from "./trie-chain.js";

/**
 * Traditional text comes in regional variants: OpenCC's standard forms, Taiwan's (裡, 眾, 汙, 么) and Hong Kong's
 * (衞, 説, 綫). OpenCC's own t2s, tw2s and hk2s configurations each undo one of them before converting phrase by
 * phrase; we take the same three, so a page converts exactly as OpenCC converts text of its variant.
 */
export type Variant = "t" | "tw" | "hk";

// OpenCC's configurations as opencc-js's presets spell them: compatibility ideographs normalized, the variant
// undone, then phrases and characters matched together, longest first (乾隆 stays, 乾淨 → 干净). The presets
// also cut the text at phrase boundaries before the variant pass; on OpenCC's own test cases that changes no
// outcome, and without it a Taiwan-variant page costs one pass less.
const SIMPLIFY = [TSPhrases, TSCharacters];
const converters = lazy(() => ({
  t: trieChain(SIMPLIFY),
  tw: trieChain([TWVariantsRevPhrases, TWVariantsRev], SIMPLIFY),
  hk: trieChain([HKVariantsRevPhrases, HKVariantsRev], SIMPLIFY),
}));
const normalize = lazy(() => trieChain([CJKCompatibility]));
/** CJK compatibility ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F): the only characters normalization changes. */
const COMPATIBILITY = /[\uf900-\ufaff]|\ud87e[\udc00-\ude1f]/;

/**
 * Characters only one region's variant uses, from the keys of OpenCC's variant tables. 著 is left out: it is
 * standard traditional as well (著作), so it tells nothing about the region; so are forms simplified text uses.
 */
const variantMarks = lazy(() => {
  const marks = new Uint8Array(0x10000);
  // A variant form that simplified text uses too (群, 才, 床) is no sign of a region: a simplified page with a
  // quoted traditional word has it everywhere.
  const simplified = new Set(STCharacters.split("|").map((entry) => entry.slice(0, entry.indexOf(" "))));
  const mark = (dict: string, kind: number) => {
    for (const entry of dict.split("|")) {
      const from = entry.slice(0, entry.indexOf(" "));
      if (from.length === 1 && from !== "著" && !simplified.has(from)) marks[from.charCodeAt(0)] |= kind;
    }
  };
  mark(TWVariantsRev, 1);
  mark(HKVariantsRev, 2);
  return marks;
});

/** The regional variant a text is written in: the one whose own characters it uses more, standard on a tie. */
export function variantOf(text: string): Variant {
  return variantFrom(countScript([text]));
}

/** A unit that may be part of a compatibility ideograph (the BMP ones, and the high surrogate of the others). */
const MAY_BE_COMPATIBILITY = 16;
const KINDS = 32;

/** Per UTF-16 code unit: the script table's kind (1 traditional only, 2 simplified only), shifted by two the
 * variant marks (4 Taiwan, 8 Hong Kong), and 16 for the units of compatibility ideographs, so one pass over a
 * page reads its script, its variant and whether normalization has anything to do. */
const charKinds = lazy(() => {
  const { table } = scriptChars();
  const marks = variantMarks();
  const kinds = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) kinds[c] = table[c]! | (marks[c]! << 2);
  for (let c = 0xf900; c <= 0xfaff; c++) kinds[c]! |= MAY_BE_COMPATIBILITY;
  kinds[0xd87e]! |= MAY_BE_COMPATIBILITY;
  return kinds;
});

interface ScriptCounts {
  traditional: number;
  simplified: number;
  taiwan: number;
  hongKong: number;
  /** units that may belong to a compatibility ideograph; none, and no line needs looking at for one */
  compatibility: number;
}

/** Two tallies, for the even and the odd characters: an increment need not wait for the one before it, which
 * on a page of one kind of character is nearly always to the same counter. */
const tallies = new Uint32Array(2 * KINDS);

function countScript(parts: readonly string[]): ScriptCounts {
  const kinds = charKinds();
  const tally = tallies;
  tally.fill(0);
  // how many characters of each kind: one increment a character, no branch on what it is (a traditional
  // page's characters alternate between kinds, and branching on each cost more than counting)
  for (const part of parts) {
    const n = part.length;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      tally[kinds[part.charCodeAt(i)]!]!++;
      tally[KINDS + kinds[part.charCodeAt(i + 1)]!]!++;
    }
    if (i < n) tally[kinds[part.charCodeAt(i)]!]!++;
  }
  const counts: ScriptCounts = { traditional: 0, simplified: 0, taiwan: 0, hongKong: 0, compatibility: 0 };
  for (let kind = 1; kind < KINDS; kind++) {
    const n = tally[kind]! + tally[KINDS + kind]!;
    if (kind & 1) counts.traditional += n;
    else if (kind & 2) counts.simplified += n;
    if (kind & 4) counts.taiwan += n;
    if (kind & 8) counts.hongKong += n;
    if (kind & MAY_BE_COMPATIBILITY) counts.compatibility += n;
  }
  return counts;
}

function scriptOf({ traditional, simplified }: ScriptCounts): Script {
  const share = traditional / (traditional + simplified || 1);
  return share >= 0.9 ? "traditional" : share <= 0.1 && traditional < 3 ? "simplified" : "mixed";
}

const variantFrom = ({ taiwan, hongKong }: ScriptCounts): Variant => (taiwan > hongKong ? "tw" : hongKong > taiwan ? "hk" : "t");

/** Which script a text is written in, from the characters that only one script uses. */
export function detectScript(text: string | readonly string[]): { script: Script; traditional: number } {
  const counts = countScript(typeof text === "string" ? [text] : text);
  return { script: scriptOf(counts), traditional: counts.traditional };
}

/** Traditional to simplified as OpenCC converts text of the page's regional variant. */
export function convertToSimplified(text: string, variant: Variant = variantOf(text)): { text: string; count: number } {
  const converted = convertWith(converters()[variant], text);
  return { text: converted, count: convertedCount(text, converted) };
}

/** A text converted, normalized first where it holds a compatibility ideograph: normalization is a whole pass
 * over the text for characters few pages hold, so it runs only where they are. */
const convertWith = (convert: (text: string) => string, text: string) => convert(COMPATIBILITY.test(text) ? normalize()(text) : text);

/**
 * Each line converted as convertWith converts it, with the units the converter changed where it can tell
 * without comparing the texts (see changedInLast); -1 where it cannot, as where a compatibility ideograph
 * was normalized first. Lines are tested for one only where the page's count found a unit of one.
 */
function convertLines(convert: (text: string) => string, texts: readonly string[], mayHoldCompatibility: boolean): { converted: string[]; known: number[] } {
  const converted: string[] = [];
  const known: number[] = [];
  for (const text of texts) {
    if (mayHoldCompatibility && COMPATIBILITY.test(text)) {
      converted.push(convertWith(convert, text));
      known.push(-1);
    } else {
      converted.push(convert(text));
      known.push(changedInLast());
    }
  }
  return { converted, known };
}

/**
 * Characters changed, as the whole text compared with its conversion counts them: the difference in length
 * where the length changed, else the code units that differ (as the converter counted them where it could,
 * `known`). Lines are converted one by one (no OpenCC key holds a line break, so that equals converting the
 * page), and only a page whose lines change length in ways that cancel out is joined to be compared whole.
 */
function changedUnits(before: readonly string[], after: readonly string[], known: readonly number[]): number {
  let lengthChange = 0;
  let differing = 0;
  let lengthsMoved = false;
  for (let l = 0; l < before.length; l++) {
    const [a, b] = [before[l]!, after[l]!];
    if (a === b) continue;
    if (a.length !== b.length) {
      lengthChange += b.length - a.length;
      lengthsMoved = true;
      continue;
    }
    differing += known[l]! >= 0 ? known[l]! : convertedCount(a, b);
  }
  if (lengthChange !== 0) return Math.abs(lengthChange);
  return lengthsMoved ? convertedCount(before.join("\n"), after.join("\n")) : differing;
}

function convertedCount(text: string, converted: string): number {
  let count = Math.abs(converted.length - text.length);
  if (count === 0) for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== converted.charCodeAt(i)) count++;
  return count;
}

export const scriptStage: PageStage = {
  id: "script",
  run(draft, options) {
    const texts = draft.lines.map((line) => line.text);
    const counts = countScript(texts);
    const script = scriptOf(counts);
    if (counts.traditional === 0 || options.keepScript) return { ...draft, script };
    const convert = converters()[variantFrom(counts)];
    const { converted, known } = convertLines(convert, texts, counts.compatibility > 0);
    const lines = draft.lines.map((line, i) => (converted[i] === line.text ? line : withText(line, converted[i]!)));
    return { ...draft, script, lines, converted: draft.converted + changedUnits(texts, converted, known) };
  },
};
