import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import iconv from "iconv-lite";
import { WARCRecord, WARCSerializer } from "warcio";
import { decodeBytes, ReadError } from "../src/read/decode.js";
import { readHtml } from "../src/read/html.js";
import { pageFromBytes, readInputs, type ReadItem } from "../src/read/sources.js";

// Hostile and damaged input, generated: the reader never crashes, never hangs, never loses a good page
// beside a bad one, and the command's exit status says whether anything failed. Runs are kept small.

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), "../src/cli/main.js");
const GOOD = ["区委常委会召开会议,研究部署防汛工作。", "县政府召开常务会议,副县长出席会议。", "市人大常委会举行会议,表决通过人事任免。"];

async function readAll(inputs: string[]): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of readInputs(inputs)) items.push(item);
  return items;
}

const texts = (items: ReadItem[]) => items.flatMap((item) => ("doc" in item ? [item.doc.text] : []));
const failures = (items: ReadItem[]) => items.filter((item) => "failure" in item).length;

test("fuzz: random bytes are text or one ReadError, never another exception", { timeout: 60_000 }, () => {
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 4096 }),
    fc.uint8Array({ minLength: 1, maxLength: 4096 }).map((b) => b.map((x) => x | 0x80)),
    fc.array(fc.constantFrom(...GOOD), { minLength: 1, maxLength: 5 }).chain((lines) =>
      fc.constantFrom("utf-8", "gbk", "big5", "utf-16le", "utf-16be").map((encoding) => iconv.encode(lines.join("\n"), encoding)),
    ),
  );
  fc.assert(
    fc.property(bytes, fc.constantFrom(null, "html", "text"), (data, hint) => {
      try {
        const doc = pageFromBytes(data, "x", null, hint as "html" | "text" | null);
        assert.equal(typeof doc.text, "string");
      } catch (error) {
        assert.ok(error instanceof ReadError, String(error));
      }
    }),
    { numRuns: 300 },
  );
});

test("fuzz: Chinese text in any supported encoding decodes back to itself", { timeout: 30_000 }, () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...GOOD), { minLength: 1, maxLength: 6 }), fc.constantFrom("utf-8", "gbk", "utf-16le", "utf-16be"), (lines, encoding) => {
      const text = lines.join("\n");
      assert.equal(decodeBytes(iconv.encode(text, encoding)).text, text);
    }),
    { numRuns: 100 },
  );
});

test("fuzz: JSON lines of any value — every good page out, one failure per bad line, in order", { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "huiyi-fuzz-jsonl-"));
  const line = fc.oneof(
    fc.constantFrom(...GOOD).map((text) => ({ good: text, line: JSON.stringify({ text }) })),
    fc.jsonValue().map((value) => ({ good: null, line: JSON.stringify(value) })),
    fc.string({ maxLength: 40 }).map((s) => ({ good: null, line: s.replace(/[\r\n]/g, " ") })),
  );
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 12 }), async (lines) => {
      const path = join(dir, `${run++}.jsonl`);
      writeFileSync(path, lines.map((l) => l.line).join("\n"));
      const items = await readAll([path]);
      const wanted = lines.flatMap((l) => (l.good ? [l.good] : []));
      assert.deepEqual(texts(items), wanted);
      const nonBlank = lines.filter((l) => l.line.trim() !== "").length;
      // A bad line is one failure; a file with no line at all is one too.
      assert.equal(items.length, Math.max(1, nonBlank));
    }),
    { numRuns: 60 },
  );
});

async function warcOf(pages: string[]): Promise<{ bytes: Buffer; ends: number[] }> {
  const parts: Buffer[] = [];
  const ends: number[] = [];
  let offset = 0;
  for (const [i, text] of pages.entries()) {
    const body = Buffer.from(`<html><body><p>${text}</p></body></html>`);
    const record = WARCRecord.create(
      { url: `http://a.gov.cn/${i}.html`, type: "response", warcVersion: "WARC/1.1", statusline: "HTTP/1.1 200 OK", httpHeaders: { "Content-Type": "text/html; charset=utf-8" } },
      (async function* () {
        yield body;
      })(),
    );
    const bytes = Buffer.from(await WARCSerializer.serialize(record));
    parts.push(bytes);
    offset += bytes.length;
    ends.push(offset);
  }
  return { bytes: Buffer.concat(parts), ends };
}

test("fuzz: a WARC cut anywhere gives the pages wholly before the cut, never a later one, and says it was cut", { timeout: 60_000 }, async () => {
  const pages = GOOD.map((text, i) => `${text}第${i + 1}篇。`);
  const { bytes, ends } = await warcOf(pages);
  const dir = mkdtempSync(join(tmpdir(), "huiyi-fuzz-warc-"));
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: bytes.length - 1 }), async (cut) => {
      const path = join(dir, `${run++}.warc`);
      writeFileSync(path, bytes.subarray(0, cut));
      const items = await readAll([path]);
      const read = texts(items);
      // A record is whole when its block is: the two line ends after it are only a separator.
      const whole = ends.filter((end) => end - 4 <= cut).length;
      assert.deepEqual(read, pages.slice(0, whole), `cut at ${cut}: the whole records' pages, in order, no other`);
      // A cut within a record is reported; one in the separator, or a few bytes into the next record, may pass for the end.
      const nearEnd = ends.some((end) => cut >= end - 4 && cut <= end + 4);
      if (!nearEnd) assert.equal(failures(items), 1, `cut at ${cut} inside a record must be reported`);
      else assert.ok(failures(items) <= 1);
    }),
    { numRuns: 150 },
  );
});

/** Markup that may leave elements open but never leaves the parser inside a script, comment or form control. */
const TAGS = ["div", "span", "p", "td", "tr", "table", "ul", "li", "b", "font", "center", "section", "h2", "dl", "dd"];
const fragment = fc.oneof(
  fc.constantFrom(...TAGS).map((t) => `<${t} class="x">`),
  fc.constantFrom(...TAGS).map((t) => `</${t}>`),
  fc.constantFrom('<input type="text" name="q">', "<input/>", "<br>", "</br>", "<img src=a.png>", "<hr/>", "<meta charset=utf-8>", "<wbr>"),
  fc.constantFrom("<script>if(a<b)x()</script>", "<style>p{}</style>", "<!-- 注释 -->", "<select><option>站内</option></select>", "<textarea>留言</textarea>", "<button>搜索</button>"),
  fc.constantFrom('<a href="/x">', "</a>"),
  fc.string({ maxLength: 12 }).map((s) => s.replace(/[<&]/g, "")),
);

test("fuzz: random and deeply nested HTML never throws, and a sentence after any of it is kept", { timeout: 60_000 }, () => {
  const marker = "会议强调,要压紧压实防汛责任。";
  fc.assert(
    fc.property(fc.array(fragment, { maxLength: 60 }), fc.nat({ max: 3000 }), (parts, depth) => {
      const html = "<div>".repeat(depth) + parts.join("") + `<p>${marker}</p>`;
      const page = readHtml(html);
      assert.ok(page.text.split("\n").includes(marker), page.text);
      assert.equal(page.linkShare.length, page.text.split("\n").length);
    }),
    { numRuns: 200 },
  );
});

test("fuzz: any string is read as HTML without throwing", { timeout: 30_000 }, () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 400, unit: fc.constantFrom("<", ">", "/", "!", "-", "a", "p", "div", "input", "script", " ", "=", '"', "会", "\n") }), (html) => {
      assert.equal(typeof readHtml(html).text, "string");
    }),
    { numRuns: 300 },
  );
});

test("long lines: decoding and reading HTML grow linearly with the line", { timeout: 60_000 }, () => {
  const line = (n: number) => "区委常委会召开会议研究部署工作".repeat(n);
  const time = (run: () => void) => {
    const started = performance.now();
    run();
    return performance.now() - started;
  };
  for (const [name, read] of [
    ["GBK text", (n: number) => decodeBytes(iconv.encode(line(n), "gbk"))],
    ["HTML", (n: number) => readHtml(`<p>${line(n)}</p>`)],
    ["HTML of links", (n: number) => readHtml(`<a href=x>${line(n)}`)],
  ] as const) {
    read(1000); // warm up the lexicons
    const small = time(() => read(10_000));
    const large = time(() => read(100_000));
    assert.ok(large < Math.max(50, small) * 40, `${name}: ${small.toFixed(0)} → ${large.toFixed(0)} ms for 10× the input`);
  }
});

test("a mixed batch through the command: every good page out, exit status 1 for the bad ones, 0 when none", { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "huiyi-fuzz-batch-"));
  writeFileSync(join(dir, "1-good.txt"), GOOD[0]!);
  writeFileSync(join(dir, "2-random.txt"), Buffer.from(fc.sample(fc.uint8Array({ minLength: 2000, maxLength: 2000 }), { numRuns: 1, seed: 7 })[0]!.map((b) => b | 0x80)));
  writeFileSync(join(dir, "3-lines.jsonl"), ["null", JSON.stringify({ text: GOOD[1] }), "[]"].join("\n"));
  writeFileSync(join(dir, "4-junk.warc"), "junk\n".repeat(100));
  writeFileSync(join(dir, "5-good.html"), iconv.encode(`<meta charset="gbk"><form><input name=q></form><p>${GOOD[2]}</p>`, "gbk"));
  const run = spawnSync(process.execPath, [CLI, "clean", dir], { encoding: "utf8", timeout: 50_000 });
  const records = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as { text: string });
  assert.deepEqual(records.map((r) => r.text), GOOD);
  assert.equal(run.stderr.trim().split("\n").length, 4, run.stderr);
  assert.equal(run.status, 1);
  const good = spawnSync(process.execPath, [CLI, "clean", join(dir, "1-good.txt"), join(dir, "5-good.html")], { encoding: "utf8", timeout: 50_000 });
  assert.equal(good.status, 0, good.stderr);
  assert.equal(good.stdout.trim().split("\n").length, 2);
});
