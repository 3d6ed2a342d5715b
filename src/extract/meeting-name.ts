import { meetingNameWords } from "../lexicon/extract-lexicons.js";
import { lazy } from "../lexicon/load.js";
import type { Record } from "../types.js";
import { sentencesOf } from "./clauses.js";

// The name of the meeting a report is about, as the text gives it: the organ that held it, with its term and
// session, plus the meeting (区政协五届五十六次主席会议, 县政府党组会议和县政府2025年第16次常务会议).
// Reports say "X召开Y" or "Y召开"; the prose of the opening sentences names it in full more often than the
// headline, which shortens (二届五次全会 for 中共…第二届委员会第五次全体(扩大)会议).

export interface FoundMeeting {
  name: string;
  /** who held it as the clause names them, or the name itself: where its place is read */
  subject: string;
  /** the sentence it was found in */
  clue: string;
  /** the name holds a place that is not the holder's (赴歙县现场办公): read the jurisdiction from the holder only */
  holderOnly?: boolean;
  rule: string;
}

/** Longer than any five opening sentences of a report: the opening is split without splitting the whole page. */
const OPENING_CHARS = 3000;

/** The first sentences of an article, read from its opening only. */
export function openingSentences(text: string, count: number): string[] {
  return sentencesOf(text.length > OPENING_CHARS ? text.slice(0, OPENING_CHARS) : text).slice(0, count);
}

/** A noun phrase: characters up to a clause break, a quotation kept whole (“寻求新优势,谋求新发展”研讨会). */
const PHRASE_PART = "(?:“[^”]{1,30}”|[^，,。；;：:\\s“”])";
const MEETING_WORD = "(?:会议|全会|大会|会)";
const WHEN = "(?:(?:\\d{1,2}月)?\\d{1,2}日|今天|今日|昨天|昨日)(?:上午|下午|晚上|晚)?";

const patterns = lazy(() => {
  const { joiner, heldAdverb } = meetingNameWords();
  return {
    heldObject: new RegExp(`(?:主持|组织)?(?:召开|举行)(?:了)?(${PHRASE_PART}*?${MEETING_WORD})(?![\\u4e00-\\u9fff]*会)`),
    // …会议于5月29日在县行政中心召开, …会议今天上午召开: a place and a time may stand before the verb
    heldSubject: new RegExp(`(${PHRASE_PART}+?${MEETING_WORD})(?:(?:于|在)${PHRASE_PART}{1,20}?|${WHEN}){0,2}(?:${heldAdverb})?(?:召开|举行|开幕|闭幕)`),
    /** a second meeting held with the first, or the sitting of the organ just named: …会议和第89次常务会议, 常委会第101次(扩大)会议 */
    continuation: new RegExp(`^(?:${joiner}|(?=第|[(（]))${PHRASE_PART}{1,30}?${MEETING_WORD}(?![\\u4e00-\\u9fff]*会)`),
  };
});

/** What may stand before a meeting name in its clause and is not part of it. */
const LEADING = /^.*?(\d+月\d+日(上午|下午|晚上|晚)?|今天(上午|下午)?|昨天(上午|下午)?|昨日|近日|日前|今日)[,，]?/;
/** A name that says only that there was a meeting. */
const BARE_NAME = /^(?:会议|会|大会)$/;
/** A later sentence that names the meeting the opening left bare: …参加了学习会。 */
const NAMED_LATER = /(?:参加|出席|列席)了?([\u4e00-\u9fff]{1,12}?(?:会议|会))(?=[。，,；;]|$)/u;
const NOT_A_NAME = /^(?:本次|此次|这次|该|上述|有关|相关)/;
/** A pronoun holder (我县, 本镇) is the place, not a part of the name. */
const PRONOUN = /^(?:我|本|该)/;

/**
 * The holder before 召开 belongs in the name when it is an organ or a sitting (区政协, 区十六届人大四次会议), not a
 * person (县长李刚). A place alone is who met, not part of the name (静海区召开领导干部会议), unless the meeting
 * opens with a quotation (“两委”, a campaign's slogan) that says not whose it is.
 */
function isHolder(subject: string, meeting: string): boolean {
  return isOrganOrPlace(subject) && (!meetingNameWords().placeEnd.test(subject) || meeting.startsWith("“"));
}

/** A holder that is an organ, a sitting or a place, not a person nor a pronoun (我县). */
function isOrganOrPlace(subject: string): boolean {
  return subject.length > 0 && subject.length <= 30 && !PRONOUN.test(subject) && meetingNameWords().organEnd.test(subject);
}

/** The meeting's name runs on over a second meeting or the sitting it was: 常委会 + 第38次会议. */
function continued(name: string, after: string): string {
  const { continuation } = patterns();
  let rest = after;
  for (let i = 0; i < 3; i++) {
    const more = rest.match(continuation);
    if (!more) break;
    name += more[0];
    rest = rest.slice(more[0].length);
  }
  return name;
}

function heldIn(sentence: string): FoundMeeting | null {
  const { heldObject, heldSubject } = patterns();
  const object = sentence.match(heldObject);
  if (object) {
    const before = sentence.slice(0, object.index!).split(/[，,。；;]/).pop()!.replace(LEADING, "").trim();
    const meeting = continued(object[1]!, sentence.slice(object.index! + object[0].length));
    if (BARE_NAME.test(meeting)) return { name: meeting, subject: before, clue: sentence, rule: "meeting.held-object" };
    const name = isHolder(before, meeting) ? before + meeting : meeting;
    return { name, subject: before, clue: sentence, rule: "meeting.held-object" };
  }
  const subject = sentence.match(heldSubject);
  if (subject) {
    const name = subject[1]!.split(/[，,]/).pop()!.replace(LEADING, "").trim();
    return { name, subject: name, clue: sentence, rule: "meeting.held-subject" };
  }
  return null;
}

/** Prose (a sentence closed by its full stop) before headline lines: the headline shortens the name; headlines may end in !. */
const PROSE = /[。；;]$/;

function candidateSentences(record: Record): string[] {
  const opening = openingSentences(record.text, 5);
  const prose = opening.filter((s) => PROSE.test(s));
  const lines = opening.filter((s) => !PROSE.test(s));
  // The lede (the first two sentences of prose) reports the meeting; a later sentence may relay another one.
  return [...new Set([...prose.slice(0, 2), ...(record.title ? [record.title] : []), ...lines, ...prose.slice(2)])];
}

/** A bare 会议 is named by a later sentence when one says what the people attended (参加了学习会). */
function namedLater(text: string): string | null {
  const named = text.match(NAMED_LATER)?.[1];
  return named && !NOT_A_NAME.test(named) && !BARE_NAME.test(named) ? named : null;
}

/**
 * A bare 会议 (园区工委组织召开会议) is named by a later sentence that says what the people attended
 * (参加了学习会), else by another opening sentence or the headline, else by its holder (县委 → 县委会议).
 */
function namedInstead(bare: FoundMeeting, others: string[], text: string): FoundMeeting {
  const later = namedLater(text);
  if (later) return { ...bare, name: later, rule: "meeting.named-later" };
  for (const sentence of others) {
    const found = heldIn(sentence);
    if (found && !BARE_NAME.test(found.name)) return found;
  }
  if (isOrganOrPlace(bare.subject)) return { ...bare, name: bare.subject + bare.name, rule: "meeting.held-by" };
  return bare;
}

/** An organ that meets sitting away from its hall (市委常委会…赴歙县现场办公): its sitting is the meeting. */
function sittingAwayIn(sentences: string[]): FoundMeeting | null {
  const { sittingAway } = meetingNameWords();
  for (const sentence of sentences) {
    const m = sentence.replace(LEADING, "").match(sittingAway);
    if (m) return { name: m[1]! + m[2]!, subject: m[1]!, clue: sentence, rule: "meeting.sitting-away", holderOnly: true };
  }
  return null;
}

export function findMeeting(record: Record): FoundMeeting | null {
  const candidates = candidateSentences(record);
  for (const [i, sentence] of candidates.entries()) {
    const found = heldIn(sentence);
    if (!found) continue;
    return BARE_NAME.test(found.name) ? namedInstead(found, candidates.slice(i + 1), record.text) : found;
  }
  return sittingAwayIn(candidates.slice(0, 3));
}
