import type { Appearance } from "../store/store.js";

export interface PostHeld {
  post: string;
  /** first and last dated appearance with this post; null when none was dated */
  first: string | null;
  last: string | null;
  appearances: number;
}

/** The posts a person was seen with, in the order first seen (appearances come in date order). */
export function postsOverTime(appearances: Appearance[]): PostHeld[] {
  const posts = new Map<string, PostHeld>();
  for (const { posts: held, date } of appearances) {
    for (const post of held) {
      const known = posts.get(post) ?? { post, first: null, last: null, appearances: 0 };
      known.appearances++;
      if (date) {
        known.first ??= date;
        known.last = date;
      }
      posts.set(post, known);
    }
  }
  return [...posts.values()];
}
