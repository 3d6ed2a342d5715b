import type { FacetCount, RegionOverview, SearchFacets, TrendSeries } from "../store/store.js";
import type { Matches, MatchRow, RegionRows } from "./backend.js";
import { isBarePlaceWord, UNPLACED_REASON } from "./places.js";

// What exploring a corpus sums up from stored rows: facet counts over search matches, a region's
// overview, a term's documents over time. Each counts one page per near-duplicate cluster, and a document
// with no date is counted as such (`undated`), never left out of a total its chart's points must add up to.

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
  // A page placed in a county has the county twice, as the division's last part and as the jurisdiction:
  // the part below is looked for after the last, so that a county is never its own child.
  const at = parts.lastIndexOf(region);
  const child = at >= 0 ? parts[at + 1] : undefined;
  return child === region ? undefined : child;
}

/** Earlier of two filing dates, a date before none. */
const earlier = (a: string | null, b: string | null) => a !== null && (b === null || a < b);

/** One item per cluster: its earliest-dated, so that a report reposted ten times counts once, when first seen. */
function onePerCluster<T extends { cluster: number; date: string | null }>(items: Iterable<T>): T[] {
  const first = new Map<number, T>();
  for (const item of items) {
    const seen = first.get(item.cluster);
    if (seen === undefined || earlier(item.date, seen.date)) first.set(item.cluster, item);
  }
  return [...first.values()];
}

/** How many of the best-ranked matches the person facet looks at. */
export const PERSON_FACET_DOCUMENTS = 2000;

/** Facet counts over the best row of each matching cluster (best-ranked first), the persons' given. */
export function facetsOf(best: MatchRow[], region: string | undefined, persons: FacetCount[]): SearchFacets {
  const regions = new Map<string, number>();
  const years = new Map<string, number>();
  const kinds = new Map<string, number>();
  let undated = 0;
  for (const row of best) {
    // A bare level word (县, 经开区) names no region to narrow the search to.
    const child = row.region?.length ? below(row.region, region) : undefined;
    if (child && !isBarePlaceWord(child)) add(regions, child);
    if (row.date) add(years, row.date.slice(0, 4));
    else undated++;
    for (const kind of row.kinds ?? []) add(kinds, kind);
  }
  return { regions: top(regions, 30), years: [...years].map(([value, count]) => ({ value, count })).sort((a, b) => b.value.localeCompare(a.value)), undated, kinds: top(kinds, 20), persons };
}

/** A region's overview from its stored pages, people and themes: each cluster counted once, at its earliest date. */
export function regionOverview(name: string, rows: RegionRows): RegionOverview {
  const pages = onePerCluster(rows.pages);
  const months = new Map<string, number>();
  const children = new Map<string, number>();
  const bare = new Map<string, number>();
  let undated = 0;
  for (const { date, region } of pages) {
    if (date && date.length >= 7) add(months, date.slice(0, 7));
    else undated++;
    const child = below(region, name);
    add(child && isBarePlaceWord(child) ? bare : children, child);
  }
  // A page read as being in "县" is in some county, not this region's county named 县.
  const pseudo = isBarePlaceWord(name);
  const unplacedCount = pseudo ? pages.length : [...bare.values()].reduce((sum, n) => sum + n, 0);
  const unplacedWords = pseudo ? [name] : [...bare.keys()];
  return {
    name,
    parents: parentsOf(name, rows.pages.map((page) => page.region)),
    documents: pages.length,
    undated,
    months: [...months].map(([month, documents]) => ({ month, documents })).sort((a, b) => a.month.localeCompare(b.month)),
    children: pseudo ? [] : top(children, 100).map(({ value, count }) => ({ name: value, documents: count })),
    unplaced: unplacedCount ? { documents: unplacedCount, words: unplacedWords, reason: UNPLACED_REASON } : null,
    people: rows.people,
    themes: rows.themes,
  };
}

/**
 * The regions above `name`, from the province down, for a way up: read from the longest path that names it
 * (a page known only by its jurisdiction says nothing of what is above), bare level words left out.
 */
function parentsOf(name: string, paths: string[][]): string[] {
  let longest: string[] = [];
  for (const path of paths) {
    const above = path.slice(0, Math.max(0, path.indexOf(name))).filter((part) => part !== name && !isBarePlaceWord(part));
    if (above.length > longest.length) longest = above;
  }
  return longest;
}

/** Each matching cluster once, at its earliest date (null when none of its pages has one). */
const clusterDates = ({ clusters, dates }: Pick<Matches, "clusters" | "dates">) =>
  onePerCluster(clusters.map((cluster, i) => ({ cluster, date: dates[i] ?? null }))).map((item) => item.date);

/** Counts per period (YYYY or YYYY-MM) of these dates, and how many have none fine enough for the period. */
function perPeriod(dates: (string | null)[], by: "month" | "year"): { counts: Map<string, number>; undated: number } {
  const width = by === "year" ? 4 : 7;
  const counts = new Map<string, number>();
  let undated = 0;
  for (const date of dates) {
    if (date && date.length >= width) add(counts, date.slice(0, width));
    else undated++;
  }
  return { counts, undated };
}

/** Documents (one per cluster, at its earliest date) per period; undated ones are in no period. */
export function documentsPerPeriod(matches: Pick<Matches, "clusters" | "dates">, by: "month" | "year"): Map<string, number> {
  return perPeriod(clusterDates(matches), by).counts;
}

/**
 * A term's matches counted one document per cluster, at its earliest date, per period, each beside its share
 * of all the period's documents (`all`, counted alike): a corpus that grew tenfold in a year shows a tenfold
 * count for any word, and only the share says whether the word itself grew. The clusters with no date (or none
 * to the month, by month) are counted as `undated`, so that the points and `undated` add up to `total`.
 */
export function trendOf(term: string, matches: Pick<Matches, "clusters" | "dates">, by: "month" | "year", all: Map<string, number>): TrendSeries {
  const dates = clusterDates(matches);
  const { counts, undated } = perPeriod(dates, by);
  const points = [...counts]
    .map(([period, documents]) => ({ period, documents, all: all.get(period) ?? documents, share: shareOf(documents, all.get(period) ?? documents) }))
    .sort((a, b) => a.period.localeCompare(b.period));
  return { term, total: dates.length, undated, points };
}

/** A share rounded to four places (0.1234 = 12.34 %), so that answers stay short and compare exactly. */
const shareOf = (documents: number, all: number) => (all > 0 ? Math.round((documents / all) * 10_000) / 10_000 : 0);
