import { dropGlosses } from "../clean/glosses.js";
import { convertToSimplified } from "../clean/script.js";
import { divisionsNamed, placeNamesOfLevel, resolveDivision, placesIn, placeWords, stemPinyin, villagesOf } from "../lexicon/divisions.js";
import { lazy } from "../lexicon/load.js";
import { wordFrequency } from "../lexicon/char-model.js";
import { matchesOf } from "../matches.js";
import type { Division, Record } from "../types.js";
import type { FoundMeeting } from "./meeting-name.js";
import { alternation } from "../lexicon/alternation.js";

// The region or unit whose meeting it is, as the page names it: a division of any level (西青区, 滔溪镇,
// 甘孜州, 阿拉善盟), a zone (长兴岛经济区), or, when the meeting is named only by its level (区政协, 县委常委会,
// 盟政协), the place of that level the page calls its own — named in its text, its site name, its outlet's
// line (甘孜日报, 来源:闽侯乡音报) or spelled in its host — and the bare level when it names none.


const patterns = lazy(() => {
  const { zoneEnds, levelOnly, outletWords } = placeWords();
  /** A zone or street office as named, with a name in brackets that may follow: 空港经开区(硕放街道), 新市街. */
  const zone = (stem: string, flags: string) =>
    new RegExp(`(?<![全本我各该])[^\\P{sc=Han}在于的和与]${stem}(?:${alternation(zoneEnds)})(?:[(（][^)）]{1,8}[)）])?(?=[\\u4e00-\\u9fff\\d(（“]|$)`, flags);
  return {
    /** in a meeting's name a zone may be the bare word (经开区); in running text it needs a stem */
    zoneInName: zone("{0,8}?", "u"),
    zonesInText: zone("{2,8}?", "gu"),
    /** a meeting named by its level only: 区政协…, 全州…, 我县召开…, 十三届州政协… */
    levelOnly: new RegExp(`^[—\\-\\s]*(?:全|我|本)?(?:[一二三四五六七八九十]{1,3}届)?(${alternation(levelOnly)})`),
    outlet: new RegExp(alternation(outletWords)),
  };
});

/**
 * Can a zone's name end in this level? A zone ends in one of its words (新区, 开发区, 街道) or in the bracketed
 * name after it (空港经开区(硕放街道)), which is a street's or a zone's.
 */
function zoneLevel(level: string): boolean {
  return placeWords().zoneEnds.some((end) => end.endsWith(level) || level.endsWith(end));
}

/** A place and the rule that read it (meeting.jurisdiction.named, ….zone, ….village, ….page, ….outlet, ….host, ….level). */
export interface Placed {
  place: string;
  rule: string;
  /** its division, when the place is below what the gazetteer names (a village: its own, else its town's) */
  division?: Division | null;
}

/** A village or community named right after its town: 古城镇南关村, 东湖街道新华社区, 巴彦嘎查. */
const VILLAGE_AFTER_TOWN = /^[\u4e00-\u9fff]{1,6}?(村|社区|嘎查)(?![委民])/;
/** A town's code is nine digits; a village's, twelve. */
const TOWN_CODE = /^\d{9}$/;

/** A common word at its end or a determiner at its start (古城镇农村工作会议, 各村): no village's own name. */
function readsAsVillage(named: string): boolean {
  if (placeWords().villageDeterminers.some((word) => named.startsWith(word))) return false;
  for (let start = 0; start <= named.length - 2; start++) if (wordFrequency(named.slice(start)) >= COMMON_WORD) return false;
  return true;
}
/** A word this frequent in jieba's dictionary is a common word (农村, 乡村, 社区), not a village's name. */
const COMMON_WORD = 50;

/**
 * A meeting held by a village or a community (阜城县古城镇南关村召开“两委”全体会议): the holder names places down
 * to a town, one after the other, and then the village. Its jurisdiction is the village as named; its division
 * the village's in GB/T 2260 when the town lists it, else the town's, the deepest the gazetteer codes.
 */
function villageAfter(phrase: string, places: { name: string; at: number }[], pagePlaces: () => readonly string[], text: string): Placed | null {
  let last = places[0]!;
  for (const next of places.slice(1)) {
    if (next.at !== last.at + last.name.length) break;
    last = next;
  }
  const end = last.at + last.name.length;
  const named = phrase.slice(end).match(VILLAGE_AFTER_TOWN)?.[0];
  if (!named) return null;
  const town = resolveDivision(last.name, () => [...places.map((p) => p.name), ...pagePlaces()], text);
  if (!town || !TOWN_CODE.test(town.code)) return null;
  // the longest of the town's villages the phrase names, else the village as the pattern reads it
  const listed = villagesOf(town.code)
    .filter((village) => phrase.startsWith(village.name, end))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (!listed && !readsAsVillage(named)) return null;
  const place = listed?.name ?? named;
  const division = listed ? { code: listed.code, path: [...town.path, listed.name] } : town;
  return { place, rule: "meeting.jurisdiction.village", division };
}

export function findJurisdiction(found: FoundMeeting, record: Record, pagePlaces: () => readonly string[]): Placed | null {
  const { zoneInName, levelOnly } = patterns();
  const phrases = found.holderOnly ? [found.subject] : [found.subject, found.name];
  for (const phrase of phrases) {
    const places = placesIn(phrase);
    const village = places.length > 0 ? villageAfter(phrase, places, pagePlaces, record.text) : null;
    if (village) return village;
    const zoneMatch = phrase.match(zoneInName);
    if (zoneMatch && (places.length === 0 || zoneMatch.index! <= places[0]!.at)) {
      return { place: zoneOf(zoneMatch[0], zoneMatch.index!, places), rule: "meeting.jurisdiction.zone" };
    }
    if (places[0]) return { place: places[0].name, rule: "meeting.jurisdiction.named" };
  }
  const level = (found.subject.match(levelOnly) ?? (found.holderOnly ? null : found.name.match(levelOnly)))?.[1];
  if (!level) return null;
  return placeOfLevel(level, record, pagePlaces) ?? { place: level, rule: "meeting.jurisdiction.level" };
}

const stemsByLevel = lazy(() => new Map<string, Map<string, string[]>>());
const LONGEST_STEM = 8;

/** The places of a level whose stem (two characters or more) the text holds: 甘孜日报 → 甘孜州 for 州. */
function stemsIn(text: string, level: string): string[] {
  let byStem = stemsByLevel().get(level);
  if (!byStem) {
    byStem = new Map();
    for (const name of placeNamesOfLevel(level)) {
      const stem = name.slice(0, -level.length);
      if (stem.length >= 2 && stem.length <= LONGEST_STEM) byStem.set(stem, [...(byStem.get(stem) ?? []), name]);
    }
    stemsByLevel().set(level, byStem);
  }
  const found = new Set<string>();
  for (let at = 0; at < text.length; at++) {
    for (let length = 2; length <= LONGEST_STEM && at + length <= text.length; length++) {
      for (const name of byStem.get(text.slice(at, at + length)) ?? []) found.add(name);
    }
  }
  return [...found];
}

/**
 * A zone as its own name: a division that ends where the zone ends is the zone (中共天津市滨海新区 → 滨海新区);
 * else the zone starts after the places that lead it (天津市空港经开区 → 空港经开区).
 */
function zoneOf(zone: string, at: number, places: { name: string; at: number }[]): string {
  const end = at + zone.length;
  const inside = places.filter((p) => p.at >= at && p.at + p.name.length <= end);
  const whole = inside.find((p) => p.at + p.name.length === end);
  if (whole) return whole.name;
  const leading = inside.filter((p) => p.at + p.name.length < end - 2).at(-1);
  const start = leading ? leading.at + leading.name.length - at : 0;
  return zone.slice(start).replace(/^中共/, "");
}

/**
 * Rule ids of the lines cleaning sets aside that speak for the page itself: its date and source line, its
 * credits and byline, its footer's publisher. An outlet named there is the page's own even though the line is
 * no longer in the text.
 */
const OWN_CREDIT_RULES = /^boilerplate\.(meta\.date|model\.credit|footer\.host)/;

/** The page's own credit lines as cleaning set them aside, in the script the text is in. */
function setAsideCredits(record: Record): string[] {
  return record.removed
    .filter((item) => item.rule !== undefined && OWN_CREDIT_RULES.test(item.rule) && item.line.length <= 80)
    .map((item) => convertToSimplified(dropGlosses(item.line).text).text);
}

/** Lines near the top or the foot that name the page's own outlet (甘孜日报 2020年07月10日, 宁海新闻网讯…). */
function outletLines(record: Record): string {
  const { outlet } = patterns();
  const lines = record.text.split("\n");
  const near = [...lines.slice(0, 4), ...lines.slice(-4), ...setAsideCredits(record)];
  const named = near.flatMap((line) => {
    const at = line.search(outlet);
    if (at < 0) return [];
    // a long line is prose: only an outlet that opens it (德州新闻网讯(记者…)…) is the page's own
    return line.length <= 40 ? [line] : at <= 12 ? [line.slice(0, at + 4)] : [];
  });
  return [record.source.site ?? "", ...named].join("\n");
}

/**
 * The page's own place of a level: the one of that level the page (or its site name) names most, in full
 * (天衢新区, 阜城县), else by its stem on its outlet's line (中国菏泽网 → 菏泽市, 甘孜日报 → 甘孜州), else
 * spelled in its host.
 */
function placeOfLevel(level: string, record: Record, pagePlaces: () => readonly string[]): Placed | null {
  const { zonesInText } = patterns();
  const text = `${record.text}\n${record.source.site ?? ""}`;
  const counts = new Map<string, number>();
  const count = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
  for (const name of [...pagePlaces(), ...placesIn(record.source.site ?? "").map((p) => p.name)]) if (name.endsWith(level)) count(name);
  // zones are counted only for a level a zone's name can end in (区, 街道): for 县 or 镇 the scan finds nothing
  if (zoneLevel(level)) for (const m of matchesOf(zonesInText, text)) if (m[0].endsWith(level)) count(m[0]);
  const ownOutlet = stemsIn(outletLines(record), level);
  // A county-level city's page names the city above it too, often more (鸡西市 on a 虎林市 page): of the places
  // of the level the page names, the one its own outlet names is its own.
  const own = ownOutlet.find((name) => counts.has(name));
  if (own) return { place: own, rule: "meeting.jurisdiction.outlet" };
  const most = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (most) return { place: most, rule: "meeting.jurisdiction.page" };
  const outlet = ownOutlet[0];
  if (outlet) return { place: outlet, rule: "meeting.jurisdiction.outlet" };
  const enclosing = enclosingPlace(level, record, pagePlaces);
  if (enclosing) return { place: enclosing, rule: "meeting.jurisdiction.enclosing" };
  const spelled = placeSpelledInHost(level, record.source.url);
  return spelled ? { place: spelled, rule: "meeting.jurisdiction.host" } : null;
}

/**
 * A page that never names its own place of a level may name places inside it: a city's standing committee that
 * goes to 歙县 is 黄山市's. The place of the level that holds most of the places the page names is its own; a
 * page whose places lie in two of them (a visit, a comparison) gives none.
 */
function enclosingPlace(level: string, record: Record, pagePlaces: () => readonly string[]): string | null {
  const holders = new Map<string, number>();
  for (const name of new Set(pagePlaces())) {
    const division = resolveDivision(name, pagePlaces, record.text);
    const holder = division?.path.slice(0, -1).reverse().find((part) => part.endsWith(level));
    if (holder) holders.set(holder, (holders.get(holder) ?? 0) + 1);
  }
  return holders.size === 1 ? [...holders.keys()][0]! : null;
}

/**
 * A government site's address often spells its place: the host in pinyin (ptzx.putuo.gov.cn → 普陀区) or in
 * the initials of city and county (hzbjzx.gov.cn → 杭州 滨江 → 滨江区), a folder in pinyin with its level
 * (…/maanshan/hexian/ → 和县). A folder's bare stem (…/wuyang/) is too weak a sign alone. Only one place may fit.
 */
function placeSpelledInHost(level: string, url: string | null): string | null {
  let address: URL;
  try {
    address = new URL(url ?? "");
  } catch {
    return null;
  }
  const hostLabels = address.hostname.toLowerCase().split(".");
  const folders = address.pathname.toLowerCase().split(/[/._-]/).filter((part) => /^[a-z]+$/.test(part));
  const { byStem, byWhole, byInitials } = placesBySpelling(level);
  const found = new Set([
    ...hostLabels.flatMap((label) => [...(byStem.get(label) ?? []), ...(byInitials.get(label.slice(0, 4)) ?? [])]),
    ...[...hostLabels, ...folders].flatMap((label) => byWhole.get(label) ?? []),
  ]);
  return found.size === 1 ? [...found][0]! : null;
}

interface Spellings {
  /** putuo → 普陀区 */
  byStem: Map<string, string[]>;
  /** hexian → 和县 */
  byWhole: Map<string, string[]>;
  /** hzbj → 滨江区 (杭州市) */
  byInitials: Map<string, string[]>;
}

const spellingsByLevel = lazy(() => new Map<string, Spellings>());

/** Shorter spellings (an, xi) stand for too many places to name one. */
const MIN_SPELLED = 5;

const initialsOf = (stem: string) => [...stem].map((char) => stemPinyin(char).charAt(0)).join("");

/** The places of a level by their spellings, worked out once for each level. */
function placesBySpelling(level: string): Spellings {
  let spellings = spellingsByLevel().get(level);
  if (!spellings) {
    spellings = { byStem: new Map(), byWhole: new Map(), byInitials: new Map() };
    const put = (map: Map<string, string[]>, key: string, name: string) => map.set(key, [...(map.get(key) ?? []), name]);
    const levelSpelled = stemPinyin(level);
    for (const name of placeNamesOfLevel(level)) {
      const stem = name.slice(0, -level.length);
      const spelled = stemPinyin(stem);
      if (spelled.length >= MIN_SPELLED) put(spellings.byStem, spelled, name);
      if (spelled.length + levelSpelled.length >= MIN_SPELLED) put(spellings.byWhole, spelled + levelSpelled, name);
      for (const { path } of divisionsNamed(name)) {
        const city = path.length >= 3 ? path.at(-2)!.replace(/(市|地区|盟|自治州)$/, "") : null;
        if (city && city.length >= 2 && stem.length >= 2) put(spellings.byInitials, initialsOf(city.slice(0, 2)) + initialsOf(stem.slice(0, 2)), name);
      }
    }
    spellingsByLevel().set(level, spellings);
  }
  return spellings;
}
