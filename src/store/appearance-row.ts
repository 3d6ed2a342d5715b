import type { Role } from "../types.js";
import type { Appearance } from "./store.js";

// A person's appearance as both backends store it: the appearances row joined with its document's date,
// meeting and place and its cluster, posts and roles kept as one text joined by 、.

export interface StoredAppearance {
  document: number;
  cluster: number;
  date: string | null;
  meeting: string | null;
  jurisdiction: string | null;
  posts: string;
  roles: string;
}

export function appearanceOf(row: StoredAppearance): Appearance {
  return {
    document: row.document,
    cluster: row.cluster,
    date: row.date,
    meeting: row.meeting,
    jurisdiction: row.jurisdiction,
    posts: row.posts ? row.posts.split("、") : [],
    roles: (row.roles ? row.roles.split("、") : []) as Role[],
  };
}
