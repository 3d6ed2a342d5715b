import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { clean } from "../src/clean/index.js";
import { markupIn, withoutMarkup } from "../src/clean/markup.js";
import { messagesOf } from "../src/clean/messages.js";
import { rawViewOf } from "../src/serve/raw-view.js";
import type { RawDoc } from "../src/types.js";
import { CORPUS, ROOT } from "./paths.js";

// The markup stage (asked for with stripMarkup / --strip-markup): tags and character references a text
// capture kept of its page's HTML. References go wherever they stand; the tags of formatting elements go
// from a line that opens or closes with one; markup quoted inside prose, and <script>, stay.

const page = (text: string, path = "page.txt"): RawDoc => ({ path, url: null, text, encoding: "utf-8" });
const strip = (text: string) => clean(page(text), { stripMarkup: true });
const take = (line: string) => withoutMarkup(line, markupIn(line));

// Each line of the class, written by hand in the shapes text captures hold, with what stays of it.
const TAKEN: [string, string][] = [
  ["<p>会议指出，要抓好落实。</p> <p>会议要求，要压实责任。</p>", "会议指出，要抓好落实。 会议要求，要压实责任。"],
  ["标题:区领导带队到双新街开展调研</div>", "标题:区领导带队到双新街开展调研"],
  ['<P style="text-indent:2em"><SPAN lang=EN-US>7月23日</SPAN>，区委召开常委会。</P>', "7月23日，区委召开常委会。"],
  ["会议强调，要稳增长。<br/>", "会议强调，要稳增长。"],
  ["&nbsp;&nbsp;会议强调&ldquo;六稳&rdquo;&mdash;&mdash;六保。", "\u00a0\u00a0会议强调“六稳”——六保。"],
  ["会議在縣&#x653F;府召開&#20250;", "会議在縣政府召開会"],
  ["<o:p></o:p>区长讲话<o:p></o:p>", "区长讲话"],
];
// Lines whose markup is the text's own: quoted inside prose, not a formatting element, or no reference.
const KEPT: string[] = [
  "会议指出，要警惕<script>x()</script>这类脚本，<img src=x onerror=\"y()\">这样的写法。",
  "测试县召开县委常委会会议<script>window.__pwned=1</script>",
  "<xyz>不是网页元素</xyz>",
  "收入增长率<5%，支出>3%。",
  "R&D投入增长12%，A&B两个项目 &copy 未完的引用。",
  "&unknownname;留在原处",
];

test("markup a text capture kept is taken out of the lines it formats", () => {
  for (const [line, expected] of TAKEN) assert.equal(take(line), expected, line);
});

test("markup that is the text's own stays as written", () => {
  for (const line of KEPT) assert.deepEqual(markupIn(line), [], line);
});

test("off unless asked: by default a line keeps its tags and no markup stage is counted", () => {
  const text = "区委常委会召开\n<p>7月23日，区委书记李明主持召开区委常委会会议。</p>";
  const record = clean(page(text));
  assert.ok(record.text.includes("<p>7月23日"));
  assert.equal(record.quality.stages?.markup, undefined);
  assert.equal(record.changes, undefined);
});

test("asked for, each tag and reference is placed in the page as read, and a line of tags alone is set aside", () => {
  const lines = ["区委常委会召开", "<p>7月23日，区委书记李明主持召开区委常委会会议。</p> <p>会议强调&ldquo;要抓落实&rdquo;。</p>", "</div>"];
  const record = strip(lines.join("\n"));
  assert.equal(record.text, "区委常委会召开\n7月23日，区委书记李明主持召开区委常委会会议。 会议强调“要抓落实”。");
  assert.deepEqual(record.removed.map((item) => [item.n, item.rule, item.line]), [[3, "markup.tag", "</div>"]]);
  assert.equal(record.quality.stages?.markup, 2);
  const tags = record.changes!.find((change) => change.rule === "markup.tag")!;
  assert.deepEqual(tags.spans.map(([start, end]) => lines[1]!.slice(start, end)), ["<p>", "</p>", "<p>", "</p>"]);
  const references = record.changes!.find((change) => change.rule === "markup.entity")!;
  assert.equal(references.action, "replaced");
  assert.deepEqual(references.spans.map(([start, end]) => lines[1]!.slice(start, end)), ["&ldquo;", "&rdquo;"]);
  assert.ok(messagesOf(record).some((message) => message.stage === "markup" && message.reason === "网页标记,已删去"));
});

test("glosses after a reference taken out are still placed in the line as read", () => {
  const line = "&nbsp;&nbsp;會議強調(qiáng)，要以(yǐ)更大力度推進項目。";
  const record = strip(`推進會召開\n${line}`);
  assert.equal(record.text.split("\n").at(-1), "会议强调，要以更大力度推进项目。");
  const glosses = record.changes!.find((change) => change.rule === "glosses.pinyin")!;
  assert.deepEqual(glosses.spans.map(([start, end]) => line.slice(start, end)), ["(qiáng)", "(yǐ)"]);
});

test("the raw view marks each tag taken out at its place, with the catalogue's reason", () => {
  const raw = "区委常委会召开\n<p>会议指出，要抓好落实。</p>";
  const view = rawViewOf(raw, strip(raw));
  const marks = view.lines[1]!.marks;
  assert.deepEqual(marks.map((mark) => [view.lines[1]!.text.slice(mark.start, mark.end), mark.kind, mark.note]), [
    ["<p>", "markup", "网页标记,已删去"],
    ["</p>", "markup", "网页标记,已删去"],
  ]);
  assert.equal(view.lines[1]!.removed, null);
});

test("the planted-script page keeps its quoted <script> and onerror as text when markup is stripped", () => {
  const text = readFileSync(join(ROOT, "test/pages/planted-script/source.txt"), "utf8");
  const asked = clean(page(text), { stripMarkup: true });
  assert.equal(asked.text, clean(page(text)).text);
  assert.match(asked.text, /<img src=x onerror="window.__pwned=2">/);
});

const corpus = existsSync(join(CORPUS, "dev2/ws017.txt")) && existsSync(join(CORPUS, "dev/a031.txt"));

test("corpus pages: an article held in <p> tags on one line, and a field line closed by </div>", { skip: corpus ? false : "未找到 ../shared/corpus" }, () => {
  const ws017 = strip(readFileSync(join(CORPUS, "dev2/ws017.txt"), "utf8"));
  assert.doesNotMatch(ws017.text, /<\/?p>/);
  assert.match(ws017.text, /秋智乡第十五届人民代表大会第五次会议隆重开幕。马兰同志主持召开。 会上,政府负责人惠晓明同志/);
  const a031 = strip(readFileSync(join(CORPUS, "dev/a031.txt"), "utf8"));
  assert.ok(a031.text.split("\n").includes("标题:区领导带队到双新街开展调研"));
  assert.doesNotMatch(a031.text, /<\/div>/);
});
