import type { FacetCount, RegionOverview, SearchFacets, TrendSeries } from "../store/store.js";
import type { Matches, MatchRow, RegionRows } from "./backend.js";

// What exploring a corpus sums up from stored rows: facet counts over search matches, a region's
// overview, a term's documents over time. Each counts one page per near-duplicate cluster.

const top = (counts: Map<string, number>, limit: number): FacetCount[] =>
  [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .slice(0, limit);

const add = (counts: Map<string, number>, key: string | undefined | null) => {
  if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
};

/**
 * The region one level below `region` on this path; with no region asked, the province of a page placed in
 * a division (a page known only by its jurisdiction has a path of one part).
 */
function below(parts: string[], region: string | undefined): string | undefined {
  if (!region) return parts.length > 1 ? parts[0] : undefined;
  const at = parts.indexOf(region);
  return at >= 0 ? parts[at + 1] : undefined;
}

/** How many of the best-ranked matches the person facet looks at. */
export const PERSON_FACET_DOCUMENTS = 2000;

/** Facet counts over the best row of each matching cluster (best-ranked first), the persons' given. */
export function facetsOf(best: MatchRow[], region: string | undefined, persons: FacetCount[]): SearchFacets {
  const regions = new Map<string, number>();
  const years = new Map<string, number>();
  const kinds = new Map<string, number>();
  for (const row of best) {
    if (row.region?.length) add(regions, below(row.region, region));
    add(years, row.date?.slice(0, 4));
    for (const kind of row.kinds ?? []) add(kinds, kind);
  }
  return { regions: top(regions, 30), years: [...years].map(([value, count]) => ({ value, count })).sort((a, b) => b.value.localeCompare(a.value)), kinds: top(kinds, 20), persons };
}

/** A region's overview from its stored pages, people and themes. */
export function regionOverview(name: string, rows: RegionRows): RegionOverview {
  const months = new Map<string, number>();
  const children = new Map<string, number>();
  for (const { date, region } of rows.pages) {
    if (date && date.length >= 7) add(months, date.slice(0, 7));
    add(children, below(region, name));
  }
  const first = rows.pages[0]!.region;
  return {
    name,
    parents: first.slice(0, Math.max(0, first.indexOf(name))),
    documents: rows.pages.length,
    months: [...months].map(([month, documents]) => ({ month, documents })).sort((a, b) => a.month.localeCompare(b.month)),
    children: top(children, 100).map(({ value, count }) => ({ name: value, documents: count })),
    people: rows.people,
    themes: rows.themes,
  };
}

/** Each cluster once, at its earliest date (null when none of its pages has one). */
function earliestOfClusters({ clusters, dates }: Pick<Matches, "clusters" | "dates">): Map<number, string | null> {
  const earliest = new Map<number, string | null>();
  for (let i = 0; i < clusters.length; i++) {
    const cluster = clusters[i]!;
    const date = dates[i]!;
    const seen = earliest.get(cluster);
    if (seen === undefined || (date !== null && (seen === null || date < seen))) earliest.set(cluster, date);
  }
  return earliest;
}

/** Documents (one per cluster, at its earliest date) per period (YYYY or YYYY-MM); undated ones are in no period. */
export function documentsPerPeriod(matches: Pick<Matches, "clusters" | "dates">, by: "month" | "year"): Map<string, number> {
  const width = by === "year" ? 4 : 7;
  const counts = new Map<string, number>();
  for (const date of earliestOfClusters(matches).values()) if (date && date.length >= width) add(counts, date.slice(0, width));
  return counts;
}

/**
 * A term's matches counted one document per cluster, at its earliest date, per period (YYYY or YYYY-MM),
 * each beside its share of all the period's documents (`all`, counted alike): a corpus that grew tenfold
 * in a year shows a tenfold count for any word, and only the share says whether the word itself grew.
 */
export function trendOf(term: string, matches: Pick<Matches, "clusters" | "dates">, by: "month" | "year", all: Map<string, number>): TrendSeries {
  // A report reposted ten times counts once.
  const total = earliestOfClusters(matches).size;
  const points = [...documentsPerPeriod(matches, by)]
    .map(([period, documents]) => ({ period, documents, all: all.get(period) ?? documents, share: shareOf(documents, all.get(period) ?? documents) }))
    .sort((a, b) => a.period.localeCompare(b.period));
  return { term, total, points };
}

/** A share rounded to four places (0.1234 = 12.34 %), so that answers stay short and compare exactly. */
const shareOf = (documents: number, all: number) => (all > 0 ? Math.round((documents / all) * 10_000) / 10_000 : 0);
