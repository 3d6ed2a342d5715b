import assert from "node:assert/strict";
import { test } from "node:test";
import { cleanBatch, clean, STAGE_IDS } from "../src/clean/index.js";
import { stageOfRule } from "../src/lexicon/reasons.js";
import type { RawDoc, Record } from "../src/types.js";
import { exampleDocs } from "./examples.js";

// A stage switched off changes only its own part of the record, and the parts of the stages that read
// what it produced. Each stage's part, and which later stages read its output, are written out here.

type Part = "text" | "title" | "published" | "site" | "script" | "garbled" | "glosses" | "changes" | "width" | "converted" | `removed:${string}` | `count:${string}`;

/** What each stage writes into the record (besides its own count in quality.stages). */
const OWNS: { [stage: string]: Part[] } = {
  garbled: ["text", "garbled"],
  markup: ["text", "changes", "removed:markup"],
  glosses: ["text", "glosses", "changes"],
  width: ["text", "width"],
  script: ["text", "converted"],
  boilerplate: ["text", "removed:boilerplate"],
  repeats: ["text", "removed:repeats"],
  "site-recurring": ["text", "removed:site-recurring"],
  header: ["title", "published", "site"],
};

/**
 * The later stages that read a stage's output: a repair can restore a glossed or traditional character;
 * boilerplate rules are written for gloss-free, trimmed, simplified lines; repeats and the batch stage
 * compare the lines boilerplate kept; the header reads the kept lines for the title and the set-aside
 * ones for the date and publisher.
 */
const READ_BY: { [stage: string]: string[] } = {
  garbled: ["markup", "glosses", "script", "boilerplate", "header"],
  // a reference may stand for a traditional character or an odd space; a line without its tags is judged anew
  markup: ["glosses", "width", "script", "boilerplate", "repeats", "header"],
  glosses: ["boilerplate", "header"],
  width: ["boilerplate", "repeats", "header"],
  script: ["boilerplate", "header"],
  boilerplate: ["repeats", "site-recurring", "header"],
  repeats: ["site-recurring", "header"],
  "site-recurring": ["header"],
  header: [],
};

function partsOf(record: Record): Map<Part, string> {
  const parts = new Map<Part, string>([
    ["text", record.text],
    ["title", String(record.title)],
    ["published", String(record.published)],
    ["site", String(record.source.site)],
    ["script", record.script],
    ["garbled", JSON.stringify(record.quality.garbled)],
    ["glosses", String(record.quality.glosses)],
    ["changes", JSON.stringify(record.changes ?? [])],
    ["width", String(record.quality.width)],
    ["converted", String(record.quality.converted)],
  ]);
  for (const stage of [...STAGE_IDS, "html", "clean"]) {
    parts.set(`removed:${stage}`, JSON.stringify(record.removed.filter((item) => stageOfRule(item.rule!) === stage)));
    parts.set(`count:${stage}`, String(record.quality.stages?.[stage]));
  }
  return parts;
}

/** The parts a stage switched off may change: its own, and those of the stages that read it. */
function mayChange(stage: string): Set<Part> {
  const parts = new Set<Part>([...OWNS[stage]!, `count:${stage}`, "removed:clean"]);
  for (const reader of READ_BY[stage]!) {
    for (const part of OWNS[reader]!) parts.add(part);
    parts.add(`count:${reader}`);
  }
  return parts;
}

function assertOnlyOwnPart(full: Record, off: Record, stage: string, page: string): void {
  const before = partsOf(full);
  const after = partsOf(off);
  const allowed = mayChange(stage);
  for (const [part, value] of before) {
    if (!allowed.has(part)) assert.equal(after.get(part), value, `${page}: switching ${stage} off changed ${part}`);
  }
  // Nothing of the stage is left in the record.
  assert.equal(off.quality.stages?.[stage], undefined, `${page}: ${stage} counted though off`);
  assert.ok(!off.removed.some((item) => stageOfRule(item.rule!) === stage), `${page}: a line removed by ${stage} though off`);
  if (stage === "garbled") assert.deepEqual(off.quality.garbled, []);
  if (stage === "glosses") assert.equal(off.quality.glosses, 0);
  if (stage === "glosses") assert.equal(off.changes, undefined);
  if (stage === "width") assert.equal(off.quality.width, 0);
  if (stage === "script") assert.equal(off.quality.converted, 0);
  if (stage === "header") assert.deepEqual([off.title, off.published, off.source.site], [null, null, null]);
}

test("the registry lists every stage once, the batch stage and the header among them", () => {
  assert.deepEqual([...STAGE_IDS], ["garbled", "markup", "glosses", "width", "script", "boilerplate", "repeats", "site-recurring", "header"]);
  assert.deepEqual(Object.keys(OWNS).sort(), [...STAGE_IDS].sort(), "this test knows every stage");
});

test("on each sample page, each stage switched off changes only its own part of the record", async () => {
  const docs = await exampleDocs();
  for (const doc of docs) {
    const full = clean(doc);
    for (const stage of STAGE_IDS) assertOnlyOwnPart(full, clean(doc, { skip: [stage] }), stage, doc.path!);
  }
});

test("switched off, a stage that did something on a sample page leaves its part undone", async () => {
  const docs = await exampleDocs();
  const did = new Set<string>();
  for (const doc of docs) {
    const full = clean(doc);
    for (const stage of STAGE_IDS) {
      if ((full.quality.stages?.[stage] ?? 0) === 0) continue;
      did.add(stage);
      const off = clean(doc, { skip: [stage] });
      const changed = OWNS[stage]!.filter((part) => partsOf(full).get(part) !== partsOf(off).get(part));
      assert.ok(changed.length > 0, `${doc.path}: ${stage} counted ${full.quality.stages![stage]} yet switching it off changed nothing of its own`);
    }
  }
  // The sample pages exercise every page stage that runs unasked; the batch stage needs pages of one site, and
  // the markup stage a page that kept some (both below).
  assert.deepEqual([...did].sort(), STAGE_IDS.filter((id) => id !== "site-recurring" && id !== "markup").sort());
});

const sitePage = (i: number): RawDoc => ({
  path: `site/page-${i}.txt`,
  url: `http://www.example.gov.cn/xwzx/page-${i}.html`,
  encoding: "utf-8",
  // The recurring line is a sentence, so that only its recurrence marks it (a credit line such as
  // 西青区融媒体中心出品 the line model drops on any one page).
  text: [`第${i}次区委常委会召开`, "西青区坚持以人民为中心,奋力建设现代化新西青。", `会议听取了第${i}季度经济运行情况汇报，研究部署了下一阶段重点工作，要求各部门抓好落实。`].join("\n"),
});

test("the site-recurring batch stage switched off keeps a site's recurring line and changes nothing else", () => {
  const docs = [1, 2, 3, 4].map(sitePage);
  const full = cleanBatch(docs);
  const off = cleanBatch(docs, { skip: ["site-recurring"] });
  full.forEach((record, i) => {
    assert.deepEqual(record.removed.map((item) => [item.n, item.rule]), [[2, "site-recurring.common"]]);
    assert.equal(record.quality.stages?.["site-recurring"], 1);
    assert.ok(off[i]!.text.includes("西青区坚持以人民为中心"));
    assertOnlyOwnPart(record, off[i]!, "site-recurring", docs[i]!.path!);
  });
});

test("an unknown stage name is refused with the names there are", () => {
  assert.throws(() => clean(sitePage(1), { skip: ["boilerplat"] }), /boilerplat.*garbled, markup, glosses/);
});

test("the markup stage, asked for, switched off leaves a page's tags and changes nothing else", () => {
  const doc: RawDoc = {
    path: "markup.txt",
    url: null,
    encoding: "utf-8",
    text: ["區委常委會召開", "<p>7月23日，區委書記李明主持召開區委常委會(huì)會議。</p>", "</div>", "津ICP备05004140号-1"].join("\n"),
  };
  const full = clean(doc, { stripMarkup: true });
  const off = clean(doc, { stripMarkup: true, skip: ["markup"] });
  assert.equal(full.quality.stages?.markup, 2);
  assert.ok(off.text.includes("<p>7月23日"));
  assert.ok(!full.text.includes("<p>"));
  assertOnlyOwnPart(full, off, "markup", doc.path!);
});
