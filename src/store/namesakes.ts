import { codeStem, fit, type Profile, type ReadSighting } from "./person-match.js";

export interface KnownPerson {
  id: number;
  profile: Profile;
}

/** A division code to the place people are filed under: its city (4 digits), or its province (2). */
function placeKey(code: string): string {
  const stem = codeStem(code);
  return stem.length >= 4 ? stem.slice(0, 4) : stem;
}

/** The place of the most precise code a person was seen at; null when seen at none. */
function placeOf(profile: Profile): string | null {
  const keys = profile.codes.map(placeKey);
  return keys.length ? keys.reduce((a, b) => (b.length > a.length ? b : a)) : null;
}

function fileIn(index: Map<string, Set<KnownPerson>>, key: string, person: KnownPerson): void {
  const set = index.get(key);
  if (set) set.add(person);
  else index.set(key, new Set([person]));
}

/** How a person is placed: by a division ("c") and/or a jurisdiction ("j"), which decides how `fit` compares. */
type Placement = "cj" | "c-" | "-j" | "--";

const placementOf = (profile: Profile): Placement => `${profile.codes.length ? "c" : "-"}${profile.jurisdiction ? "j" : "-"}`;

/**
 * Among people of each placement, those `fit` compares with a sighting by jurisdiction, and those it
 * compares by posts (the ones neither divisions nor jurisdictions can tell apart from it).
 */
function comparedBy(sighting: ReadSighting): { jurisdiction: Placement[]; posts: Placement[] } {
  if (sighting.code && sighting.jurisdiction) return { jurisdiction: ["-j"], posts: ["--"] };
  if (sighting.code) return { jurisdiction: [], posts: ["-j", "--"] };
  if (sighting.jurisdiction) return { jurisdiction: ["cj", "-j"], posts: ["c-", "--"] };
  return { jurisdiction: [], posts: ["cj", "c-", "-j", "--"] };
}

/**
 * The people of one name known so far, filed so that a new sighting meets only those `fit` could accept:
 * common names belong to thousands of people, and comparing each sighting with all of them would make
 * ingest slower with every page stored.
 */
export class Namesakes {
  /** people seen at a division, by the city (or province) of their most precise one */
  private readonly byPlace = new Map<string, Set<KnownPerson>>();
  /** by placement and jurisdiction: "-j 武邑县" */
  private readonly byJurisdiction = new Map<string, Set<KnownPerson>>();
  /** by placement and post: "-- 县委书记" */
  private readonly byPost = new Map<string, Set<KnownPerson>>();

  add(person: KnownPerson): void {
    this.file(person, (index, key) => fileIn(index, key, person));
  }

  /** Learn more of a person: filed again under what is known now. */
  update(person: KnownPerson, profile: Profile): void {
    this.file(person, (index, key) => index.get(key)!.delete(person));
    person.profile = profile;
    this.add(person);
  }

  /** Every index entry of a person, given to `act`. */
  private file(person: KnownPerson, act: (index: Map<string, Set<KnownPerson>>, key: string) => void): void {
    const { profile } = person;
    const placement = placementOf(profile);
    const place = placeOf(profile);
    if (place !== null) act(this.byPlace, place);
    if (profile.jurisdiction) act(this.byJurisdiction, `${placement} ${profile.jurisdiction}`);
    for (const post of profile.posts) act(this.byPost, `${placement} ${post}`);
  }

  /** The known person this sighting fits best, if any. */
  best(sighting: ReadSighting): KnownPerson | null {
    let best: { person: KnownPerson; score: number } | null = null;
    for (const person of this.candidates(sighting)) {
      const score = fit(sighting, person.profile);
      // Ties go to the person known longest, whatever order the candidates came in.
      if (score !== null && (!best || score > best.score || (score === best.score && person.id < best.person.id))) best = { person, score };
    }
    return best?.person ?? null;
  }

  /** Everyone `fit` may accept, and few others. */
  private candidates(sighting: ReadSighting): Set<KnownPerson> {
    const found = new Set<KnownPerson>();
    const take = (set: Set<KnownPerson> | undefined) => set?.forEach((person) => found.add(person));
    if (sighting.code) {
      // Divisions that can contain one another: the sighting's city, its province alone, or (for a
      // province) anything in it.
      const key = placeKey(sighting.code);
      if (key.length >= 4) [key, key.slice(0, 2)].forEach((k) => take(this.byPlace.get(k)));
      else for (const [k, set] of this.byPlace) if (k.startsWith(key)) take(set);
    }
    const { jurisdiction, posts } = comparedBy(sighting);
    for (const placement of jurisdiction) take(this.byJurisdiction.get(`${placement} ${sighting.jurisdiction}`));
    for (const placement of posts) for (const post of sighting.posts) take(this.byPost.get(`${placement} ${post}`));
    return found;
  }
}
