import { postLevels } from "../lexicon/extract-lexicons.js";

// Is the 张伟 of this page the 张伟 already known? Same name, and: places that contain one another (a city's
// secretary at a county meeting of that city), and posts of one level of government. A person seen without
// any place is only matched through an identical post.

/** What is known of a person so far: every place and post level seen. */
export interface Profile {
  codes: string[];
  jurisdiction: string | null;
  levels: string[];
  posts: string[];
}

/** One appearance: the meeting's place and the posts the page gives. */
export interface Sighting {
  code: string | null;
  jurisdiction: string | null;
  posts: string[];
}

export function postLevel(post: string): string | null {
  const { pattern, levelOf } = postLevels();
  const word = post.match(pattern)?.[0];
  return word ? levelOf.get(word)! : null;
}

/** A division code without its trailing zero pairs: 131100 → 1311, so containment is a prefix test. */
export function codeStem(code: string): string {
  let end = code.length;
  while (end >= 2 && code.charCodeAt(end - 1) === 0x30 && code.charCodeAt(end - 2) === 0x30) end -= 2;
  return code.slice(0, end);
}

/** Stems of the codes met so far: a corpus meets a few thousand divisions, and each is compared often. */
const stems = new Map<string, string>();

function stemOf(code: string): string {
  let stem = stems.get(code);
  if (stem === undefined) stems.set(code, (stem = codeStem(code)));
  return stem;
}

function contains(a: string, b: string): boolean {
  if (a === b) return true;
  const x = stemOf(a);
  const y = stemOf(b);
  return x.startsWith(y) || y.startsWith(x);
}

/**
 * One string object for each value: a sighting is compared with many known people, and strings that are
 * the same object compare without reading their characters. Only speed depends on it, so the table is
 * simply emptied when it grows large.
 */
const canonical = new Map<string, string>();

function interned(value: string): string {
  const known = canonical.get(value);
  if (known !== undefined) return known;
  if (canonical.size >= 100_000) canonical.clear();
  canonical.set(value, value);
  return value;
}

const sharesAny = (a: string[], b: string[]) => {
  for (const item of a) if (b.includes(item)) return true;
  return false;
};

/** A sighting with its post levels read once, to be fitted against every known person of its name. */
export interface ReadSighting extends Sighting {
  levels: string[];
}

export function readSighting(sighting: Sighting): ReadSighting {
  const posts = sighting.posts.map(interned);
  return {
    code: sighting.code && interned(sighting.code),
    jurisdiction: sighting.jurisdiction && interned(sighting.jurisdiction),
    posts,
    levels: posts.map(postLevel).filter((level): level is string => level !== null),
  };
}

/**
 * How well a sighting fits a profile: null when it cannot be the same person, else a score (higher is a
 * closer fit) to choose among several candidates.
 */
export function fit(sighting: ReadSighting, profile: Profile): number | null {
  if (sighting.levels.length && profile.levels.length && !sharesAny(sighting.levels, profile.levels)) return null;
  let sharedPosts = 0;
  for (const post of sighting.posts) if (profile.posts.includes(post)) sharedPosts++;
  if (sighting.code && profile.codes.length) {
    for (const code of profile.codes) if (!contains(code, sighting.code)) return null;
    return 2 + (profile.codes.includes(sighting.code) ? 1 : 0) + sharedPosts;
  }
  if (sighting.jurisdiction && profile.jurisdiction) return sighting.jurisdiction === profile.jurisdiction ? 1 + sharedPosts : null;
  return sharedPosts > 0 ? sharedPosts : null;
}

/** A profile as the persons table holds it: each list space-separated. */
export interface StoredProfile {
  codes: string;
  jurisdiction: string | null;
  levels: string;
  posts: string;
}

export function storedProfile(profile: Profile): StoredProfile {
  return { codes: profile.codes.join(" "), jurisdiction: profile.jurisdiction, levels: profile.levels.join(" "), posts: profile.posts.join(" ") };
}

export function profileFromStored(stored: StoredProfile): Profile {
  const list = (joined: string) => (joined ? joined.split(" ").map(interned) : []);
  return { codes: list(stored.codes), jurisdiction: stored.jurisdiction && interned(stored.jurisdiction), levels: list(stored.levels), posts: list(stored.posts) };
}

export function profileOf(sighting: ReadSighting): Profile {
  return absorb({ codes: [], jurisdiction: null, levels: [], posts: [] }, sighting);
}

/** The profile with what the sighting adds to it; the same profile when it adds nothing. */
export function absorb(profile: Profile, sighting: ReadSighting): Profile {
  const add = (list: string[], items: (string | null)[]) => {
    const fresh = items.filter((item): item is string => !!item && !list.includes(item));
    return fresh.length ? [...list, ...new Set(fresh)] : list;
  };
  const absorbed = {
    codes: add(profile.codes, [sighting.code]),
    jurisdiction: profile.jurisdiction ?? sighting.jurisdiction,
    levels: add(profile.levels, sighting.levels),
    posts: add(profile.posts, sighting.posts),
  };
  const same = absorbed.codes === profile.codes && absorbed.jurisdiction === profile.jurisdiction && absorbed.levels === profile.levels && absorbed.posts === profile.posts;
  return same ? profile : absorbed;
}
