import { placesIn, resolveDivision } from "../lexicon/divisions.js";
import { findJurisdiction } from "./jurisdiction.js";
import { meetingKinds } from "../lexicon/extract-lexicons.js";
import { lazy } from "../lexicon/load.js";
import type { Meeting, Record } from "../types.js";
import { findMeeting } from "./meeting-name.js";
import { meetingDate } from "./meeting-date.js";

// The meeting a report is about: found in the headline or the opening sentences, where reports say
// "X召开Y会议" or "Y会议召开"; null when they report none (an inspection tour, a notice).

export function meetingKindsOf(name: string): string[] {
  const folded = name.replace(/（/g, "(").replace(/）/g, ")");
  return meetingKinds()
    .filter(({ words }) => words.some((word) => folded.includes(word)))
    .map(({ kind }) => kind);
}

export function extractMeeting(record: Record): Meeting | null {
  const found = findMeeting(record);
  if (!found) return null;
  // The page's places are read only when a name must be chosen among homonyms or a bare level resolved.
  const context = lazy(() => placesIn(record.text).map((p) => p.name));
  const placed = findJurisdiction(found, record, context);
  const dated = meetingDate(found.clue, record);
  const jurisdiction = placed?.place ?? null;
  return {
    name: found.name,
    date: dated?.date ?? null,
    jurisdiction,
    division: placed?.division !== undefined ? placed.division : jurisdiction ? resolveDivision(jurisdiction, context, `${record.source.site ?? ""}\n${record.text}`) : null,
    kinds: meetingKindsOf(found.name),
    clue: { sentence: found.clue, rule: found.rule },
    rules: { date: dated?.rule ?? null, jurisdiction: placed?.rule ?? null },
  };
}
