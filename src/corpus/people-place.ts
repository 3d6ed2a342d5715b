import { divisionsNamed, gazetteer, placesIn } from "../lexicon/divisions.js";
import { postLevel } from "./person-match.js";

// Where a person belongs: where their post is, not where the meeting they were seen at took place. A city's
// party secretary visiting a county is still the city's; a page about the county must not make him the
// county's. The post says it by the place it names (衡水市委书记 → 衡水市), else by its level (市委书记 seen
// at a county of 衡水 → the city above that county).

/** Code length of a division at each level a post may have (县级市 and 区 are counties: six digits). */
const CODE_LENGTH: Record<string, number> = { 省级: 2, 市级: 4, 县级: 6 };

/** The division a post opens with (衡水市委书记 → 衡水市), the one among homonyms that the person was seen in when there are several. */
function placeNamedBy(post: string, codes: readonly string[]): { name: string; code: string | null } | null {
  const first = placesIn(post)[0];
  if (!first || first.at !== 0) return null;
  const divisions = divisionsNamed(first.name);
  const seenIn = divisions.filter((d) => codes.some((code) => code.startsWith(d.code) || d.code.startsWith(code)));
  const chosen = seenIn.length === 1 ? seenIn[0]! : divisions.length === 1 ? divisions[0]! : null;
  return chosen ? { name: chosen.path.at(-1)!, code: chosen.code } : { name: first.name, code: null };
}

/** The division of a post's level above a place the person was seen at (市委书记 seen in 131121 → 1311). */
function placeByLevel(post: string, codes: readonly string[]): { name: string; code: string } | null {
  const length = CODE_LENGTH[postLevel(post) ?? ""];
  if (!length) return null;
  const prefixes = new Set(codes.filter((code) => code.length >= length).map((code) => code.slice(0, length)));
  // Seen in two cities with a city's post: the level alone cannot say which.
  if (prefixes.size !== 1) return null;
  // A municipality's "city" level is a placeholder row (1201 市辖区): the municipality itself is the city.
  for (let code = [...prefixes][0]!; code.length >= 2; code = code.slice(0, code.length - 2)) {
    const name = gazetteer().official.get(code);
    if (name && isDivisionName(name)) return { name, code };
  }
  return null;
}

/** A real division's name, not a placeholder row (市辖区, 县, 省直辖县级行政区划), which the gazetteer does not index. */
const isDivisionName = (name: string) => gazetteer().byName.has(name);

/**
 * The place a person is filed under, read from their posts (most frequent first) and the division codes of the
 * meetings they were seen at; the meetings' jurisdiction when no post says where.
 */
export function placeOfPerson(posts: readonly string[], codes: readonly string[], jurisdiction: string | null): { name: string; code: string | null; by: "职务" | "会议地点" } | null {
  for (const post of posts) {
    const place = placeNamedBy(post, codes) ?? placeByLevel(post, codes);
    if (place) return { ...place, by: "职务" };
  }
  return jurisdiction ? { name: jurisdiction, code: null, by: "会议地点" } : null;
}

/** The official names of the divisions a person was seen at (their jurisdiction when none), each once. */
export function placesSeen(codes: readonly string[], jurisdiction: string | null): string[] {
  const { official } = gazetteer();
  const names = codes.map((code) => official.get(code)).filter((name): name is string => name !== undefined);
  return [...new Set(names.length ? names : jurisdiction ? [jurisdiction] : [])];
}
