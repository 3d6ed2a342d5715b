import type { Expected } from "./fixture-pages.js";

/**
 * An expected file laid out for review: one key a line at the top, and one array item a line, so a change in
 * one removed line or one person shows as a one-line diff.
 */
export function formatExpected(expected: Expected): string {
  const entries = Object.entries(expected).map(([key, value]) => `  ${JSON.stringify(key)}: ${formatValue(value)}`);
  return `{\n${entries.join(",\n")}\n}\n`;
}

function formatValue(value: unknown): string {
  if (!Array.isArray(value) || value.length === 0) return JSON.stringify(value);
  return `[\n${value.map((item) => `    ${JSON.stringify(item)}`).join(",\n")}\n  ]`;
}
