import { lazy, readDataJson, readListFile } from "./load.js";
import { alternation } from "./alternation.js";

// The words extraction needs, loaded once from data/: posts, surnames, meeting kinds, dated events.


export const postWords = lazy(() => {
  const file = readDataJson<{ titles: string[]; collective: string[]; leadIns: string[] }>("posts.json");
  return {
    /** a title at the end of a post */
    titleAtEnd: new RegExp(`(${alternation(file.titles)})$`),
    titles: new RegExp(alternation(file.titles), "g"),
    collectiveLabel: new RegExp(`${alternation(file.collective)}|[\u4e00-\u9fff]{0,4}领导`, "g"),
    leadIn: new RegExp(alternation(file.leadIns), "g"),
  };
});

export const surnames = lazy(() => {
  const words = readListFile("surnames.txt").flatMap((line) => line.split(/\s+/));
  return { compound: new Set(words.filter((w) => w.length === 2)), single: new Set(words.filter((w) => w.length === 1)) };
});

export const meetingKinds = lazy(() => {
  const file = readDataJson<{ kinds: { kind: string; words: string[] }[] }>("meeting-kinds.json");
  return file.kinds;
});

export const datedEvents = lazy(() => {
  const file = readDataJson<{ events: { pattern: string; year: number }[] }>("dated-events.json");
  return file.events.map((event) => ({ pattern: new RegExp(event.pattern), year: event.year }));
});

/** Founding events and their years: the Nth anniversary (建党98周年) dates a page to founded + N. */
export const anniversaries = lazy(() => {
  const file = readDataJson<{ anniversaries: { event: string; founded: number }[] }>("dated-events.json");
  const foundedBy = new Map(file.anniversaries.map(({ event, founded }) => [event, founded]));
  return { pattern: new RegExp(`(${alternation([...foundedBy.keys()])})(\\d{1,3}|[一二三四五六七八九十百零〇]{1,5})周年`), foundedBy };
});

/** A unit's word anywhere in a text (委, 局, 政府, 中心 …): the unit suffixes of the line classes. */
export const unitWords = lazy(() => new RegExp(alternation(readDataJson<{ unitSuffixes: string[] }>("line-classes.json").unitSuffixes)));

export const postLevels = lazy(() => {
  const file = readDataJson<{ levels: { level: string; words: string[] }[] }>("post-levels.json");
  const levelOf = new Map(file.levels.flatMap(({ level, words }) => words.map((word) => [word, level] as const)));
  return { pattern: new RegExp(alternation([...levelOf.keys()])), levelOf };
});

export const meetingNameWords = lazy(() => {
  const file = readDataJson<{
    organEnds: string[];
    placeEnds: string[];
    joiners: string[];
    heldAdverbs: string[];
    meetingOrgans: string[];
    sittingsAway: string[];
  }>("meeting-names.json");
  return {
    /** a holder that belongs in the meeting's name ends in one of these */
    organEnd: new RegExp(`(?:${alternation(file.organEnds)})$`),
    placeEnd: new RegExp(`(?:${alternation(file.placeEnds)})$`),
    joiner: alternation(file.joiners),
    heldAdverb: alternation(file.heldAdverbs),
    /** 市委常委会…赴歙县现场办公: an organ that meets, sitting away from its hall */
    sittingAway: new RegExp(`^([^，,。；;]{0,12}?(?:${alternation(file.meetingOrgans)}))[^。；;]{0,40}?[，,]?((?:赴|到|在|深入)[^，,。；;]{1,12}?(?:${alternation(file.sittingsAway)}))`),
  };
});
