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

type Index = Map<string, Set<KnownPerson>>;

function fileIn(index: Index, key: string, person: KnownPerson): void {
  const set = index.get(key);
  if (set) set.add(person);
  else index.set(key, new Set([person]));
}

/** How a person is placed: by a division ("c") and/or a jurisdiction ("j"), which decides how `fit` compares. */
type Placement = "cj" | "c-" | "-j" | "--";

const placementOf = (profile: Profile): Placement => (profile.codes.length ? (profile.jurisdiction ? "cj" : "c-") : profile.jurisdiction ? "-j" : "--");

/**
 * An index for each placement, so that a lookup takes the sighting's own jurisdiction or post as its key:
 * a key joined from placement and post was a new string to hash at every lookup, a fifth of the time
 * spent recognising people.
 */
const byPlacement = (): Record<Placement, Index> => ({ cj: new Map(), "c-": new Map(), "-j": new Map(), "--": new Map() });

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
  private readonly byPlace: Index = new Map();
  /** by placement, then jurisdiction */
  private readonly byJurisdiction = byPlacement();
  /** by placement, then post */
  private readonly byPost = byPlacement();

  add(person: KnownPerson): void {
    for (const [index, key] of this.entriesOf(person.profile)) fileIn(index, key, person);
  }

  /** Learn more of a person: filed again under what is known now (most entries stay as they were). */
  update(person: KnownPerson, profile: Profile): void {
    const before = this.entriesOf(person.profile);
    const after = this.entriesOf(profile);
    const has = (entries: [Index, string][], [index, key]: [Index, string]) =>
      entries.some(([i, k]) => i === index && k === key);
    for (const entry of before) if (!has(after, entry)) entry[0].get(entry[1])!.delete(person);
    for (const entry of after) if (!has(before, entry)) fileIn(entry[0], entry[1], person);
    person.profile = profile;
  }

  /** Every index entry a profile is filed under. */
  private entriesOf(profile: Profile): [Index, string][] {
    const placement = placementOf(profile);
    const place = placeOf(profile);
    const entries: [Index, string][] = [];
    if (place !== null) entries.push([this.byPlace, place]);
    if (profile.jurisdiction) entries.push([this.byJurisdiction[placement], profile.jurisdiction]);
    for (const post of profile.posts) entries.push([this.byPost[placement], post]);
    return entries;
  }

  /** The known person this sighting fits best, if any. */
  best(sighting: ReadSighting): KnownPerson | null {
    let best: KnownPerson | null = null;
    let bestScore = 0;
    // A person met twice (filed under a place and a post) scores the same both times.
    for (const candidates of this.candidateSets(sighting)) {
      for (const person of candidates) {
        const score = fit(sighting, person.profile);
        // Ties go to the person known longest, whatever order the candidates came in.
        if (score !== null && (!best || score > bestScore || (score === bestScore && person.id < best.id))) {
          best = person;
          bestScore = score;
        }
      }
    }
    return best;
  }

  /** The sets holding everyone `fit` may accept, and few others. */
  private candidateSets(sighting: ReadSighting): Set<KnownPerson>[] {
    const sets: Set<KnownPerson>[] = [];
    const take = (set: Set<KnownPerson> | undefined) => {
      if (set) sets.push(set);
    };
    if (sighting.code) {
      // Divisions that can contain one another: the sighting's city, its province alone, or (for a
      // province) anything in it.
      const key = placeKey(sighting.code);
      if (key.length >= 4) {
        take(this.byPlace.get(key));
        take(this.byPlace.get(key.slice(0, 2)));
      } else for (const [k, set] of this.byPlace) if (k.startsWith(key)) take(set);
    }
    const { jurisdiction, posts } = comparedBy(sighting);
    for (const placement of jurisdiction) take(this.byJurisdiction[placement].get(sighting.jurisdiction!));
    for (const placement of posts) for (const post of sighting.posts) take(this.byPost[placement].get(post));
    return sets;
  }
}
