import { factWords } from "../lexicon/fact-words.js";
import type { Directive, Person } from "../types.js";

// What each speaker ordered: a paragraph that opens with a speaker and a verb of speech (李清要求, 会议强调,
// 他强调) is read sentence by sentence and split at ；; each part that opens with a directive marker
// (要…, 必须…, 确保…, 一是…) is one directive of that speaker. 会议 speaks for nobody in particular.

export function extractDirectives(text: string, people: Person[]): Directive[] {
  const { directiveMarker, speechVerbs } = factWords();
  const names = people.map((p) => p.name).sort((a, b) => b.length - a.length);
  const opener = new RegExp(`^(会议|会上|${names.map((n) => n).join("|") || "(?!)"}|他|她)(?:[^，,。]{0,12}?)(${speechVerbs})[,，:：]?`);
  const directives: Directive[] = [];
  let previousSpeaker: string | null = null;
  for (const paragraph of text.split("\n")) {
    const m = paragraph.match(opener);
    if (!m) continue;
    const who = m[1]!;
    const speaker: string | null = who === "会议" || who === "会上" ? null : who === "他" || who === "她" ? previousSpeaker : who;
    if (speaker) previousSpeaker = speaker;
    const body = paragraph.slice(m[0].length);
    for (const sentence of body.split(/(?<=[。！？])/)) {
      for (const part of sentence.split(/[；;]/)) {
        const item = part.replace(/^[,，\s]+/, "").replace(/[。！？\s]+$/, "");
        if (item.length >= 4 && directiveMarker.test(item)) directives.push({ speaker, text: item, clue: { sentence: sentence.trim(), rule: "发言者+讲话动词后的要求句" } });
      }
    }
  }
  return directives;
}
