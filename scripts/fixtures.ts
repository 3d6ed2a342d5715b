// `npm run fixtures`: rewrites test/pages/<slug>/expected.json from huiyi's current output, so a change in
// behaviour shows as a diff to review (git diff test/pages) rather than as a silent pass. Fields listed in a
// fixture's `open` keep their hand-set value: they say what is right where huiyi is still wrong.
import { writeFileSync } from "node:fs";
import { formatExpected } from "../test/fixture-format.js";
import { listFixtures, PROJECTION_FIELDS, project, readExpected, recordOf, regenerated, sameJson } from "../test/fixture-pages.js";

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  for (const fixture of listFixtures()) {
    if (only.length && !only.includes(fixture.slug)) continue;
    const previous = readExpected(fixture);
    const actual = project(await recordOf(fixture));
    const next = regenerated(actual, previous);
    const changed = PROJECTION_FIELDS.filter((field) => !previous || !sameJson(previous[field], next[field]));
    writeFileSync(fixture.expectedPath, formatExpected(next));
    const settled = (previous?.open ?? []).filter((point) => sameJson(actual[point.field], previous![point.field]));
    const notes = [
      previous ? (changed.length ? `已改动:${changed.join("、")}` : "无变化") : "新建",
      ...settled.map((point) => `open 中的 ${point.field} 已与输出一致,可移出 open`),
    ];
    console.log(`${fixture.slug}: ${notes.join(";")}`);
  }
  console.log("请用 git diff test/pages 逐项核对改动。");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
