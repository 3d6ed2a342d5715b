import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type pg from "pg";
import { foldQuery, indexTokens } from "../src/search/terms.js";
import { openPool } from "../src/store/pg/connect.js";
import type { QueryTree } from "../src/search/query.js";
import { compileTerm, compileText, RANKED_MATCHES_SQL, tsvectorOf } from "../src/store/pg/fts.js";
import { migratePg } from "../src/store/pg/migrations.js";
import { describePg, freshDatabase, type TestDatabase } from "./pg-helpers.js";

// Full-text search in PostgreSQL: the tsquery text a term tree compiles to, and what it finds on a real
// server among pages indexed from the same token strings the SQLite index is built from.

const term = (text: string): QueryTree => ({ kind: "term", text, quoted: false });
const phrase = (text: string): QueryTree => ({ kind: "term", text, quoted: true });

describe("term trees as tsquery text", () => {
  test("a word is the chain of its pairs, without the closing character", () => {
    assert.equal(compileText("招商引资"), "('招商' <-> '商引' <-> '引资')");
    assert.equal(compileText("发展"), "'发展'");
  });

  test("one Chinese character is the prefix of the tokens it opens", () => {
    assert.equal(compileText("廉"), "'廉':*");
  });

  test("a character closing a term after digits is the prefix of the pair it opens", () => {
    assert.equal(compileText("2021年"), "('2021' <-> '年':*)");
  });

  test("letters are lowercased as the index lowercases them; punctuation alone asks nothing", () => {
    assert.equal(compileText("GDP"), "'gdp'");
    assert.equal(compileText("GDP增长"), "('gdp' <-> '增长')");
    assert.equal(compileText("“”,。"), null);
  });

  test("a phrase across punctuation keeps each run's closing character but the last", () => {
    assert.equal(compileTerm(phrase("招商,引资")), "('招商' <-> '商' <-> '引资')");
  });

  test("and, or, not", () => {
    assert.equal(compileTerm({ kind: "and", items: [term("防汛"), term("廉")] }), "('防汛' & '廉':*)");
    assert.equal(compileTerm({ kind: "or", items: [term("防汛"), phrase("安全生产")] }), "('防汛' | ('安全' <-> '全生' <-> '生产'))");
    assert.equal(compileTerm({ kind: "and", items: [term("招商"), { kind: "not", item: term("引资") }] }), "('招商' & !'引资')");
    assert.equal(compileTerm({ kind: "and", items: [term("。"), term("防汛")] }), "'防汛'", "a part asking nothing is left out");
    assert.equal(compileTerm({ kind: "not", item: term("——") }), null);
  });

  test("a quote or backslash inside a lexeme cannot break out of it", () => {
    assert.equal(compileText("it's"), "('it' <-> 's')");
    assert.equal(tsvectorOf({ titleTokens: "o'neil", bodyTokens: "a\\b" }), "'o''neil':1A 'a\\\\b':3");
  });

  test("a page's vector: title tokens weighted A, the body's after a gap", () => {
    const vector = tsvectorOf({ titleTokens: indexTokens("招商会"), bodyTokens: indexTokens("招商引资") });
    assert.equal(vector, "'招商':1A,5 '商会':2A '会':3A '商引':6 '引资':7 '资':8");
  });
});

/** A page as the store would index it: its title and text folded already (stored pages are simplified). */
interface Page {
  id: number;
  title: string;
  body: string;
}

const PAGES: Page[] = [
  { id: 1, title: "全区招商引资工作会议召开", body: "会议要求,全区上下要把招商引资作为经济工作的生命线。" },
  { id: 2, title: "区委常委会召开", body: "会议研究了引资招商的具体办法,强调要抓好安全生产。" },
  { id: 3, title: "防汛工作部署会", body: "2021年上半年,全区防汛形势总体平稳。会议强调党风廉政建设。" },
  { id: 4, title: "经济运行分析会", body: "上半年全区GDP增长5.2%,工业稳中有进。" },
  { id: 5, title: "招商", body: "外出招商活动安排。" },
];

describePg("full-text search on the server", () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  before(async () => {
    database = await freshDatabase("fts");
    pool = await openPool(database.url);
    await migratePg(pool);
    for (const page of PAGES) {
      await pool.query("INSERT INTO documents (id, page_key, record_id, script, text, record) VALUES ($1, $2, $2, 'simplified', $3, '')", [page.id, `page-${page.id}`, page.body]);
      const vector = tsvectorOf({ titleTokens: indexTokens(page.title), bodyTokens: indexTokens(page.body) });
      await pool.query("INSERT INTO search (id, tokens) VALUES ($1, $2::tsvector)", [page.id, vector]);
    }
  });
  after(async () => {
    await pool.end();
    await database.drop();
  });

  /** The ids a query finds, best first. */
  const find = async (query: QueryTree): Promise<number[]> => {
    const compiled = compileTerm(query);
    assert.notEqual(compiled, null);
    const { rows } = await pool.query<{ id: string }>(RANKED_MATCHES_SQL, [compiled, 10]);
    return rows.map((row) => Number(row.id));
  };
  const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

  test("a word is found whole, and by any part of it", async () => {
    assert.deepEqual(sorted(await find(term("招商引资"))), [1]);
    assert.deepEqual(sorted(await find(term("引资"))), [1, 2]);
    assert.deepEqual(sorted(await find(term("招商"))), [1, 2, 5]);
  });

  test("order matters in a phrase: 引资招商 is not 招商引资, though both words are there", async () => {
    assert.deepEqual(sorted(await find({ kind: "and", items: [term("招商"), term("引资")] })), [1, 2]);
    assert.deepEqual(sorted(await find(phrase("招商引资"))), [1]);
    assert.deepEqual(sorted(await find(phrase("引资招商"))), [2]);
  });

  test("a traditional query folded upstream finds the simplified pages", async () => {
    assert.equal(foldQuery("招商引資"), "招商引资");
    assert.deepEqual(sorted(await find(term(foldQuery("招商引資")))), [1]);
    assert.deepEqual(sorted(await find(term(foldQuery("黨風廉政")))), [3]);
  });

  test("one character finds every page holding it, wherever it stands in a run: first, inside, last", async () => {
    assert.deepEqual(sorted(await find(term("廉"))), [3]);
    assert.deepEqual(sorted(await find(term("资"))), [1, 2]);
    assert.deepEqual(sorted(await find(term("汛"))), [3]);
    // 设 closes 党风廉政建设 in page 3: the run's last character, a token of its own.
    assert.deepEqual(sorted(await find(term("设"))), [3]);
    // 线 closes 生命线 before 。 in page 1.
    assert.deepEqual(sorted(await find(term("线"))), [1]);
  });

  test("a number with its unit finds it inside a longer run; letters match whatever their case", async () => {
    assert.deepEqual(sorted(await find(term("2021年"))), [3]);
    assert.deepEqual(sorted(await find(term("gdp"))), [4]);
  });

  test("a page with a lexeme too long for a tsvector, or more lexemes than one holds, is stored, its other words searchable", async () => {
    const long = "x".repeat(3000);
    // About 1.9 MB of distinct pairs of Chinese characters: more than a tsvector's 1 MB of lexemes.
    const many = Array.from({ length: 320_000 }, (_, i) => String.fromCodePoint(0x4e00 + (i % 20000), 0x4e00 + Math.floor(i / 20000))).join(" ");
    const vector = tsvectorOf({ titleTokens: "防疫", bodyTokens: `${long} 值守 ${many}` });
    await pool.query("INSERT INTO documents (id, page_key, record_id, script, text, record) VALUES (99, 'page-99', 'page-99', 'simplified', '', '')");
    await pool.query("INSERT INTO search (id, tokens) VALUES (99, $1::tsvector)", [vector]);
    try {
      assert.deepEqual(await find(term("防疫")), [99]);
      assert.deepEqual(await find(term("值守")), [99]);
      // Asked for, the word too long to index finds nothing (and the server does not refuse the query).
      assert.deepEqual(await find(term(long)), []);
      assert.deepEqual(await find({ kind: "or", items: [term(long), term("值守")] }), [99]);
    } finally {
      await pool.query("DELETE FROM documents WHERE id = 99");
    }
  });

  test("or and not", async () => {
    assert.deepEqual(sorted(await find({ kind: "or", items: [term("防汛"), term("安全生产")] })), [2, 3]);
    assert.deepEqual(sorted(await find({ kind: "and", items: [term("招商"), { kind: "not", item: term("引资") }] })), [5]);
    assert.deepEqual(sorted(await find({ kind: "and", items: [term("会议"), { kind: "not", item: term("廉") }] })), [1, 2]);
  });

  test("a phrase does not run from the title into the body", async () => {
    // Title 防汛工作部署会 ends with 会, body starts with 2021年: 会2021 is in neither.
    assert.deepEqual(await find(phrase("部署会2021")), []);
  });

  test("a match in the title ranks above the same match in the body", async () => {
    const ranked = await find(term("招商"));
    assert.equal(ranked[0], 5, `title-only 招商 first: ${ranked}`);
    assert.ok(ranked.indexOf(1) < ranked.indexOf(2), `page 1 has 招商 in its title, page 2 only in its body: ${ranked}`);
  });
});
