import type { PersonIndexRow, PersonSelection } from "../corpus/backend.js";
import { likeLiteral } from "./like.js";

// The person index as both backends read it: one SQL shape, one way to read its rows back.

/** A row as the index query gives it: codes space-separated (as stored), posts each appearance's list joined by ",". */
export interface RawPersonIndexRow {
  id: number | string;
  name: string;
  jurisdiction: string | null;
  codes: string;
  posts: string | null;
  documents: number | string;
  first: string | null;
  last: string | null;
}

/**
 * The condition on persons p and its one parameter: the exact name, a LIKE pattern holding the string, or the
 * ids as a JSON array (`inIds` says how the backend reads one).
 */
export function personSelection(selection: PersonSelection, inIds: (placeholder: string) => string): { condition: (placeholder: string) => string; value: string } {
  if ("ids" in selection) return { condition: inIds, value: JSON.stringify(selection.ids) };
  if ("name" in selection) return { condition: (at) => `p.name = ${at}`, value: selection.name };
  return { condition: (at) => `p.name LIKE ${at} ESCAPE '\\'`, value: `%${likeLiteral(selection.nameHolds)}%` };
}

export function personIndexRow(raw: RawPersonIndexRow): PersonIndexRow {
  // Each appearance's posts are joined by 、 and the distinct lists by ","; a post itself holds neither.
  const posts = [...new Set((raw.posts ?? "").split(/[,、]/).filter(Boolean))].sort();
  return {
    id: Number(raw.id),
    name: raw.name,
    jurisdiction: raw.jurisdiction,
    codes: raw.codes ? raw.codes.split(" ") : [],
    posts,
    documents: Number(raw.documents),
    first: raw.first,
    last: raw.last,
  };
}
