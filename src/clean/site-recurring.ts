import { dirname } from "node:path";
import type { BatchStage, Draft } from "./draft.js";
import { drop, isKept } from "./draft.js";

/** A line is the site's own when at least this many of its pages, and this share of them, carry it. */
const MIN_PAGES = 3;
const MIN_SHARE = 0.5;

/** Pages of one site: the host of the address, else the folder (or multi-record file) they came from. */
export function siteKey(draft: Draft): string | null {
  const { url, path } = draft.source;
  if (url) {
    try {
      return new URL(url).host;
    } catch {
      /* not an absolute address: fall back to the path */
    }
  }
  if (!path || path === "-") return null;
  return path.includes("#") ? path.slice(0, path.indexOf("#")) : dirname(path);
}

/** Drop lines that recur across many pages of the same site (menus, footers, slogans a page rule missed). */
export function markSiteRecurring(drafts: readonly Draft[]): Draft[] {
  const bySite = new Map<string, number[]>();
  drafts.forEach((draft, i) => {
    const key = siteKey(draft);
    if (key === null) return;
    // pushed, not copied: a batch of one site's pages made a new list per page, growing with each
    const members = bySite.get(key);
    if (members) members.push(i);
    else bySite.set(key, [i]);
  });
  const out = drafts.slice();
  for (const members of bySite.values()) {
    if (members.length < MIN_PAGES) continue;
    const pagesWith = new Map<string, number>();
    for (const i of members) {
      for (const text of new Set(drafts[i]!.lines.filter(isKept).map((line) => line.text))) {
        pagesWith.set(text, (pagesWith.get(text) ?? 0) + 1);
      }
    }
    const threshold = Math.max(MIN_PAGES, Math.ceil(members.length * MIN_SHARE));
    const recurring = new Set([...pagesWith].filter(([, n]) => n >= threshold).map(([text]) => text));
    if (recurring.size === 0) continue;
    for (const i of members) {
      const draft = drafts[i]!;
      out[i] = {
        ...draft,
        lines: draft.lines.map((line) => (isKept(line) && recurring.has(line.text) ? drop(line, "site-recurring.common") : line)),
      };
    }
  }
  return out;
}

export const siteRecurringStage: BatchStage = { id: "site-recurring", runBatch: markSiteRecurring };
