// The fixture pages in test/pages/<slug>/: each holds the page as captured (source.txt, source.html or
// source.warc.gz) and expected.json, the projection of its record that matters, checked by hand.
// The fixture test compares huiyi's output with it; `npm run fixtures` rewrites it from the output for review.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { cleanBatch } from "../src/clean/index.js";
import { extract } from "../src/extract/index.js";
import { readInputs } from "../src/read/sources.js";
import type { RawDoc, Record } from "../src/types.js";
import { ROOT } from "./paths.js";

export const PAGES = resolve(ROOT, "test/pages");

/** One removed line as the projection keeps it: `n` and `rule` only when the record carries them. */
export interface RemovedLine {
  line: string;
  reason: string;
  n?: number;
  rule?: string;
}

/** The part of a record a fixture pins down. Every field is a plain JSON value so a diff reads well. */
export interface Projection {
  title: string | null;
  published: string | null;
  script: string;
  quality: { glosses: number; garbled: { text: string; repaired: string | null }[]; converted: number };
  kept: string[];
  removed: RemovedLine[];
  meeting: { name: string; date: string | null; jurisdiction: string | null; division: string | null; kinds: string[] } | null;
  people: { name: string; posts: string[]; roles: string[] }[];
  directives: { speaker: string | null; text: string }[];
  projects: { name: string; place: string | null }[];
  indicators: { name: string; value: number; unit: string | null }[];
}

/** A field of the projection whose expected value is right but not yet what huiyi gives; tolerated, shown. */
export interface OpenPoint {
  field: keyof Projection;
  reason: string;
}

export type Expected = Projection & { note?: string; open?: OpenPoint[] };

export interface Fixture {
  slug: string;
  dir: string;
  source: string;
  expectedPath: string;
}

export const PROJECTION_FIELDS: (keyof Projection)[] = [
  "title", "published", "script", "quality", "kept", "removed", "meeting", "people", "directives", "projects", "indicators",
];

/** Every fixture page, in name order: a folder of test/pages with a source.* file. */
export function listFixtures(): Fixture[] {
  return readdirSync(PAGES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((slug) => {
      const dir = join(PAGES, slug);
      const source = readdirSync(dir).find((name) => name.startsWith("source."));
      return source ? [{ slug, dir, source: join(dir, source), expectedPath: join(dir, "expected.json") }] : [];
    });
}

/** The source file of every fixture page: what the database tests ingest. */
export function fixtureSources(): string[] {
  return listFixtures().map((fixture) => fixture.source);
}

export function fixtureSource(slug: string): string {
  const fixture = listFixtures().find((f) => f.slug === slug);
  if (!fixture) throw new Error(`no fixture page ${slug}`);
  return fixture.source;
}

/** The source text of a text fixture (UTF-8 pages only). */
export function fixtureText(slug: string): string {
  return readFileSync(fixtureSource(slug), "utf8");
}

export function readExpected(fixture: Fixture): Expected | null {
  return existsSync(fixture.expectedPath) ? (JSON.parse(readFileSync(fixture.expectedPath, "utf8")) as Expected) : null;
}

/** Reads, cleans and extracts one fixture page on its own (no other page shares its batch). */
export async function recordOf(fixture: Fixture): Promise<Record> {
  const docs: RawDoc[] = [];
  for await (const item of readInputs([fixture.source], { maxPageBytes: 4 * 1024 * 1024 })) {
    if ("failure" in item) throw new Error(`${fixture.slug}: ${item.failure.problem}`);
    docs.push(item.doc);
  }
  if (docs.length !== 1) throw new Error(`${fixture.slug}: ${docs.length} documents, a fixture page holds one`);
  return extract(cleanBatch(docs)[0]!);
}

export function project(record: Record): Projection {
  return {
    title: record.title,
    published: record.published,
    script: record.script,
    quality: {
      glosses: record.quality.glosses,
      garbled: record.quality.garbled.map(({ text, repaired }) => ({ text, repaired })),
      converted: record.quality.converted ?? 0,
    },
    kept: record.text.split("\n"),
    removed: record.removed.map(projectRemoved),
    meeting: record.meeting && {
      name: record.meeting.name,
      date: record.meeting.date,
      jurisdiction: record.meeting.jurisdiction,
      division: record.meeting.division?.code ?? null,
      kinds: record.meeting.kinds ?? [],
    },
    people: record.people.map(({ name, posts, roles }) => ({ name, posts, roles })),
    directives: (record.directives ?? []).map(({ speaker, text }) => ({ speaker, text })),
    projects: (record.projects ?? []).map(({ name, place }) => ({ name, place })),
    indicators: (record.indicators ?? []).map(({ name, value, unit }) => ({ name, value, unit })),
  };
}

/** Line and reason always; the line number and rule id when the cleaner records them (other branches add them). */
function projectRemoved(removed: Record["removed"][number]): RemovedLine {
  const extra = removed as { n?: unknown; rule?: unknown };
  return {
    line: removed.line,
    reason: removed.reason,
    ...(typeof extra.n === "number" ? { n: extra.n } : {}),
    ...(typeof extra.rule === "string" ? { rule: extra.rule } : {}),
  };
}

/** Deep equality of two JSON values, key order ignored. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as { [k: string]: unknown })[key])]));
  }
  return value;
}

/** The expected file for a fixture: current output for every settled field; open fields keep their hand-set value. */
export function regenerated(actual: Projection, previous: Expected | null): Expected {
  const open = previous?.open ?? [];
  const next: Expected = { ...(previous?.note ? { note: previous.note } : {}), ...actual };
  for (const point of open) (next as unknown as { [k: string]: unknown })[point.field] = previous![point.field];
  if (open.length) next.open = open;
  return next;
}
