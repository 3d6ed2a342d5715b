import { factWords } from "../lexicon/fact-words.js";
import type { Directive, Person } from "../types.js";

// What each speaker ordered: a paragraph that opens with a speaker and a verb of speech (李清要求, 会议强调,
// 他强调) is read sentence by sentence and split at ；; each part that opens with a directive marker
// (要…, 必须…, 确保…, 一是…) is one directive of that speaker. 会议 speaks for nobody in particular.

export function extractDirectives(text: string, people: Person[]): Directive[] {
  const { directiveMarker, speech } = factWords();
  // Who may open a paragraph, tried in this order (longer names first, so 王小明 is not read as 王小).
  const speakers = ["会议", "会上", ...people.map((p) => p.name).sort((a, b) => b.length - a.length), "他", "她"];
  const directives: Directive[] = [];
  let previousSpeaker: string | null = null;
  for (const paragraph of text.split("\n")) {
    const opening = openingOf(paragraph, speakers, speech);
    if (!opening) continue;
    const { who } = opening;
    const speaker: string | null = who === "会议" || who === "会上" ? null : who === "他" || who === "她" ? previousSpeaker : who;
    if (speaker) previousSpeaker = speaker;
    const body = paragraph.slice(opening.length);
    for (const sentence of body.split(/(?<=[。！？])/)) {
      for (const part of sentence.split(/[；;]/)) {
        const item = part.replace(/^[,，\s]+/, "").replace(/[。！？\s]+$/, "");
        if (item.length >= 4 && directiveMarker.test(item)) directives.push({ speaker, text: item, clue: { sentence: sentence.trim(), rule: "发言者+讲话动词后的要求句" } });
      }
    }
  }
  return directives;
}

/** The speaker a paragraph opens with and the length of its opening (speaker, words, verb of speech). */
function openingOf(paragraph: string, speakers: string[], speech: RegExp): { who: string; length: number } | null {
  for (const who of speakers) {
    if (!paragraph.startsWith(who)) continue;
    const m = speech.exec(paragraph.slice(who.length));
    if (m) return { who, length: who.length + m[0].length };
  }
  return null;
}
