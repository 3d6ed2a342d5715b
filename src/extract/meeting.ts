import { placeNamesOfLevel, placesIn, resolveDivision, stemPinyin } from "../lexicon/divisions.js";
import { meetingKinds } from "../lexicon/extract-lexicons.js";
import { lazy } from "../lexicon/load.js";
import type { Meeting, Record } from "../types.js";
import { findMeeting, type FoundMeeting } from "./meeting-name.js";
import { meetingDate } from "./meeting-date.js";
import { matchesOf } from "../matches.js";

// The meeting a report is about: found in the headline or the opening sentences, where reports say
// "X召开Y会议" or "Y会议召开"; null when they report none (an inspection tour, a notice).

/** A zone or street office as named, with a name in brackets that may follow: 空港经开区(硕放街道), 新市街. */
const zone = (stem: string, flags: string) =>
  new RegExp(`(?<![全本我各该])[^\\P{sc=Han}在于的和与]${stem}(新区|经济区|开发区|高新区|经开区|工业园区|园区|街道|街)(?:[(（][^)）]{1,8}[)）])?(?=[\\u4e00-\\u9fff\\d(（“]|$)`, flags);
/** in a meeting's name a zone may be the bare word (经开区); in running text it needs a stem */
const DEVELOPMENT_ZONE = zone("{0,8}?", "u");
const ZONES_IN_TEXT = zone("{2,8}?", "gu");
const GENERIC_LEVEL = /^[—\-\s]*(?:全)?(区|县|市|旗|镇|乡|街道|园区)/;

/** The region or unit whose meeting it is, as named: 西青区, 长兴岛经济区; a bare 区 when the page names none. */
function findJurisdiction(found: FoundMeeting, record: Record, pagePlaces: string[]): string | null {
  for (const phrase of [found.subject, found.name]) {
    const place = placesIn(phrase)[0];
    const zoneMatch = phrase.match(DEVELOPMENT_ZONE);
    if (zoneMatch && (!place || zoneMatch.index! <= place.at)) return zoneMatch[0];
    if (place) return place.name;
  }
  const level = (found.subject.match(GENERIC_LEVEL) ?? found.name.match(GENERIC_LEVEL))?.[1];
  return level ? placeOfLevel(level, record, pagePlaces) ?? level : null;
}

/**
 * The page's own place of a level, for a meeting named only 区政协 or 县委常委会: the place of that level
 * the page (or its source line) names most, in full (天衢新区, 阜城县) or by its stem (中国菏泽网 → 菏泽市).
 */
function placeOfLevel(level: string, record: Record, pagePlaces: string[]): string | null {
  const text = `${record.text}\n${record.source.site ?? ""}`;
  // Stems are looked for only where a page names its own outlet: the source line and the opening line.
  const ownName = `${record.source.site ?? ""}\n${record.text.split("\n", 1)[0]!.slice(0, 40)}`;
  const counts = new Map<string, number>();
  const count = (name: string, weight = 1) => counts.set(name, (counts.get(name) ?? 0) + weight);
  for (const name of [...pagePlaces, ...placesIn(record.source.site ?? "").map((p) => p.name)]) if (name.endsWith(level)) count(name);
  for (const m of matchesOf(ZONES_IN_TEXT, text)) if (m[0].endsWith(level)) count(m[0]);
  if (counts.size === 0) {
    for (const name of placeNamesOfLevel(level)) {
      const stem = name.slice(0, -level.length);
      if (stem.length >= 2 && ownName.includes(stem)) count(name, 0.5);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? placeSpelledInHost(level, record.source.url);
}

/** A government site's host often spells its place in pinyin: ptzx.putuo.gov.cn → 普陀区. */
function placeSpelledInHost(level: string, url: string | null): string | null {
  let host: string;
  try {
    host = new URL(url ?? "").hostname;
  } catch {
    return null;
  }
  const found = new Set(host.split(".").flatMap((label) => placesBySpelling(level).get(label) ?? []));
  return found.size === 1 ? [...found][0]! : null;
}

const spellingsByLevel = lazy(() => new Map<string, Map<string, string[]>>());

/** The places of a level by their stem's spelling (putuo → 普陀区), worked out once for each level. */
function placesBySpelling(level: string): Map<string, string[]> {
  let bySpelling = spellingsByLevel().get(level);
  if (!bySpelling) {
    bySpelling = new Map();
    for (const name of placeNamesOfLevel(level)) {
      const spelled = stemPinyin(name.slice(0, -level.length));
      if (spelled.length >= MIN_SPELLED) bySpelling.set(spelled, [...(bySpelling.get(spelled) ?? []), name]);
    }
    spellingsByLevel().set(level, bySpelling);
  }
  return bySpelling;
}

/** Shorter spellings (an, xi) stand for too many places to name one. */
const MIN_SPELLED = 5;

export function meetingKindsOf(name: string): string[] {
  const folded = name.replace(/（/g, "(").replace(/）/g, ")");
  return meetingKinds()
    .filter(({ words }) => words.some((word) => folded.includes(word)))
    .map(({ kind }) => kind);
}

export function extractMeeting(record: Record): Meeting | null {
  const found = findMeeting(record);
  if (!found) return null;
  const context = placesIn(record.text).map((p) => p.name);
  const jurisdiction = findJurisdiction(found, record, context);
  return {
    name: found.name,
    date: meetingDate(found.clue, record),
    jurisdiction,
    division: jurisdiction ? resolveDivision(jurisdiction, context) : null,
    kinds: meetingKindsOf(found.name),
    clue: { sentence: found.clue, rule: found.rule },
  };
}
