import type { Record } from "../../src/types";

// A document cited as a researcher would cite a web page: GB/T 7714-2015 (an electronic resource, [EB/OL]),
// APA 7 and BibTeX. The publisher stands as the author (the page names no writer); the access date is the
// day the page was captured, since that is the version the text comes from. A page stored without its capture
// time is cited without an access date: today's date would claim a visit to the page that nobody made.

export interface CitationSource {
  record: Pick<Record, "title" | "published" | "source" | "meeting">;
  /** the permalink's full address */
  permalink: string | null;
}

export const CITATION_FORMATS = ["GB/T 7714", "APA", "BibTeX"] as const;
export type CitationFormat = (typeof CITATION_FORMATS)[number];

const titleOf = (record: CitationSource["record"]) => record.title ?? record.meeting?.name ?? "无标题";
const publisherOf = (record: CitationSource["record"]) => record.source.site ?? hostOf(record.source.url) ?? "佚名";
const addressOf = ({ record, permalink }: CitationSource) => record.source.url ?? permalink ?? "";
const accessedOf = ({ record }: CitationSource): string | null => record.source.captured?.slice(0, 10) ?? null;

function hostOf(url: string | null): string | null {
  try {
    return url ? new URL(url).host : null;
  } catch {
    return null;
  }
}

export function citation(format: CitationFormat, source: CitationSource): string {
  const { record } = source;
  const title = titleOf(record);
  const publisher = publisherOf(record);
  const address = addressOf(source);
  const accessed = accessedOf(source);
  if (format === "GB/T 7714") {
    const dates = `${record.published ? `(${record.published})` : ""}${accessed ? `[${accessed}]` : ""}`;
    return `${publisher}. ${title}[EB/OL]. ${dates ? `${dates}. ` : ""}${address}.`;
  }
  if (format === "APA") return `${publisher}. (${record.published ?? "n.d."}). ${title}. ${publisher}. ${accessed ? `Retrieved ${accessed}, from ${address}` : address}`;
  const key = `huiyi${(record.published ?? "").replace(/-/g, "")}${source.permalink ? `-${source.permalink.slice(-8)}` : ""}`;
  const fields = [
    ["title", title],
    ["author", publisher],
    ["year", record.published?.slice(0, 4)],
    ["date", record.published],
    ["url", address],
    ["urldate", accessed ?? undefined],
    ["note", source.permalink ? `永久链接 ${source.permalink}` : undefined],
  ].filter((field): field is [string, string] => Boolean(field[1]));
  // The publisher in double braces: BibTeX then takes it as one corporate name, not a surname and given names.
  const braced = (name: string, value: string) => (name === "author" ? `{{${value}}}` : `{${value}}`);
  return `@misc{${key},\n${fields.map(([name, value]) => `  ${name} = ${braced(name, value.replace(/[{}]/g, ""))}`).join(",\n")}\n}`;
}
