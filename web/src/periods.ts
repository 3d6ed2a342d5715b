/** Every month (YYYY-MM) or year (YYYY) from the first to the last given, so a chart's gaps show as gaps. */
export function periodsBetween(periods: string[], by: "month" | "year"): string[] {
  if (periods.length === 0) return [];
  const sorted = [...periods].sort();
  const index = (period: string) => (by === "year" ? Number(period) : Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1);
  const label = (i: number) => (by === "year" ? String(i) : `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`);
  const out: string[] = [];
  for (let i = index(sorted[0]!); i <= index(sorted[sorted.length - 1]!); i++) out.push(label(i));
  return out;
}
