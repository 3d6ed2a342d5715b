import type { Appearance, Companion } from "../store/store.js";
import type { CorpusBackend } from "./backend.js";

// The people seen beside a person, each counted once per meeting report: a report reposted on three sites is
// one meeting, as it is on the person's own timeline, in search, on region pages and in trends.

/**
 * Up to `limit` companions of a person, most shared reports first (a tie: the person known longest first).
 * `appearances` are the person's own, one per near-duplicate cluster (the timeline's). Each report is counted
 * on the page the person was seen on, so a companion on two reposts of one report counts once.
 */
export async function companionsOf(
  backend: Pick<CorpusBackend, "personCounts">,
  person: number,
  appearances: Appearance[],
  limit: number,
): Promise<Companion[]> {
  const pages = [...new Set(appearances.map((appearance) => appearance.document))];
  if (pages.length === 0 || limit <= 0) return [];
  // One more than asked: the person is on every one of these pages and comes back among them.
  const counted = await backend.personCounts(pages, limit + 1);
  return counted
    .filter((row) => row.id !== person && row.id !== undefined)
    .slice(0, limit)
    .map((row) => ({ id: row.id!, name: row.value, documents: row.count }));
}
