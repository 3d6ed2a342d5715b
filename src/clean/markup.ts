import { decodeHTMLStrict } from "entities";
import { htmlElements } from "../lexicon/html-elements.js";
import type { Change } from "../types.js";
import { drop, rawOffset, withText, type Edit, type Line, type PageStage } from "./draft.js";
import { flat } from "./flat-text.js";

// Markup a text capture kept: a page saved as text from a CMS field still holding its <p>…</p> and <br>,
// a stray </div> after a line, and character references (&nbsp;, &ldquo;, &#20250;) the capture never decoded.
//
// Character references go wherever they stand: prose never writes &nbsp; for a space. Tags are another
// matter, since an article may quote markup (要警惕<script>…</script>这类脚本). A line the markup formats
// opens or closes with a tag, once spaces and references are left aside (<p>会议指出…</p>, …调研</div>);
// on such a line the tags of formatting elements (block and inline, data/html-elements.json) are dropped.
// Tags inside prose that neither opens nor closes with one stay, and so does every tag of an element whose
// content is not text (<script>, <style>): dropping those would make code read as the article.
//
// This runs on the lines as read, after damage repair and before glosses, so its spans are placed in the page
// as read and recorded as edits, through which the glosses stage places its own.

const TAG = /<\/?([A-Za-z][A-Za-z0-9]*(?::[A-Za-z0-9]+)?)(?:\s[^<>]*)?\/?>/g;
const REFERENCE = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;
const isBlank = (c: number) => c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x3000;

/** A stretch [start, end) of a line's text and what stands for it once the markup is gone. */
interface Piece {
  start: number;
  end: number;
  text: string;
  rule: "markup.tag" | "markup.entity";
}

/** The character references of a text that stand for something else, each with what it stands for. */
function referencesIn(text: string): Piece[] {
  const pieces: Piece[] = [];
  REFERENCE.lastIndex = 0;
  for (let m = REFERENCE.exec(text); m !== null; m = REFERENCE.exec(text)) {
    const decoded = decodeHTMLStrict(m[0]);
    if (decoded !== m[0]) pieces.push({ start: m.index, end: m.index + m[0].length, text: decoded, rule: "markup.entity" });
  }
  return pieces;
}

/** The tags of formatting elements in a text, whatever the line. */
function formattingTagsIn(text: string): Piece[] {
  const { formatting } = htmlElements();
  const pieces: Piece[] = [];
  TAG.lastIndex = 0;
  for (let m = TAG.exec(text); m !== null; m = TAG.exec(text)) {
    if (formatting.has(m[1]!.toLowerCase())) pieces.push({ start: m.index, end: m.index + m[0].length, text: "", rule: "markup.tag" });
  }
  return pieces;
}

/** Nothing but spaces and references stands in [from, to) of the text; `referenceEnds` maps each reference's start to its end. */
function onlyBlanks(text: string, from: number, to: number, referenceEnds: ReadonlyMap<number, number>): boolean {
  let i = from;
  while (i < to) {
    if (isBlank(text.charCodeAt(i))) i++;
    else {
      const end = referenceEnds.get(i);
      if (end === undefined) return false;
      i = end;
    }
  }
  return true;
}

/** The pieces of markup to take out of a line's text, in order: references always, tags on a line they format. */
export function markupIn(text: string): Piece[] {
  const hasReference = text.indexOf("&") >= 0;
  const hasTag = text.indexOf("<") >= 0;
  if (!hasReference && !hasTag) return [];
  const references = hasReference ? referencesIn(text) : [];
  const tags = hasTag ? formattingTagsIn(text) : [];
  const ends = new Map(references.map((r) => [r.start, r.end]));
  const formats = tags.length > 0 && (onlyBlanks(text, 0, tags[0]!.start, ends) || onlyBlanks(text, tags[tags.length - 1]!.end, text.length, ends));
  if (!formats) return references;
  // a reference inside a tag (an attribute's &amp;) goes with the tag; both lists are in order, so one walk
  let t = 0;
  const outside = references.filter((r) => {
    while (t < tags.length && tags[t]!.end <= r.start) t++;
    return !(t < tags.length && tags[t]!.start <= r.start);
  });
  return [...tags, ...outside].sort((a, b) => a.start - b.start);
}

/** The text with each piece replaced by what stands for it. */
export function withoutMarkup(text: string, pieces: Piece[]): string {
  let out = "";
  let from = 0;
  for (const piece of pieces) {
    out += text.slice(from, piece.start) + piece.text;
    from = piece.end;
  }
  return flat(out + text.slice(from));
}

/** Where each piece stands in the line as read, through the edits made before; null when one has no place there. */
function placesOf(line: Line, pieces: Piece[]): [number, number][] | null {
  if (line.text !== line.raw && !line.edits) return null;
  const places: [number, number][] = [];
  for (const piece of pieces) {
    const start = rawOffset(line, piece.start);
    const last = rawOffset(line, piece.end - 1);
    if (start === null || last === null) return null;
    places.push([start, last + 1]);
  }
  return places;
}

/** One message per rule the line's pieces fall under, with their spans in the line as read (none when unplaced). */
function changesOf(n: number, pieces: Piece[], places: [number, number][] | null): Change[] {
  const changes: Change[] = [];
  for (const [rule, action] of [["markup.tag", "dropped"], ["markup.entity", "replaced"]] as const) {
    if (!pieces.some((piece) => piece.rule === rule)) continue;
    const spans = places ? places.filter((_, k) => pieces[k]!.rule === rule) : [];
    changes.push({ stage: "markup", rule, line: n, action, spans });
  }
  return changes;
}

export const markupStage: PageStage = {
  id: "markup",
  // Off unless asked (`huiyi clean --strip-markup`): by default a content line stays as the page wrote it,
  // tags and all, the way the corpus's gold counts it (score.py reads a line whose tags are gone as lost).
  asked: (options) => options.stripMarkup === true,
  run(draft) {
    const changes: Change[] = [];
    const lines = draft.lines.map((line, i) => {
      if (line.dropped !== null) return line;
      const pieces = markupIn(line.text);
      if (pieces.length === 0) return line;
      const text = withoutMarkup(line.text, pieces);
      // a line of markup alone (</div>, <p><br></p>) is no line of the article
      if (text.trim() === "" && pieces.some((piece) => piece.rule === "markup.tag")) return drop(line, "markup.tag");
      const places = placesOf(line, pieces);
      changes.push(...changesOf(i + 1, pieces, places));
      // the stretches replaced, as edits of the line as read, so the glosses after this are placed there too;
      // none when a piece had no place (a later stage then places nothing on this line)
      const edits = places ? [...(line.edits ?? []), ...places.map(([start, end], k): Edit => ({ start, end, length: pieces[k]!.text.length }))].sort((a, b) => a.start - b.start) : undefined;
      return withText(line, text, edits);
    });
    return { ...draft, lines, changes: changes.length ? [...draft.changes, ...changes] : draft.changes };
  },
};
