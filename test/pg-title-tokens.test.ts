import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openPool } from "../src/store/pg/connect.js";
import { tsvectorOf } from "../src/store/pg/fts.js";
import { candidateOf } from "../src/store/pg/rank.js";
import { migratePg, PG_MIGRATIONS } from "../src/store/pg/migrations.js";
import { indexTokens } from "../src/search/terms.js";
import { describePg, freshDatabase, type TestDatabase } from "./pg-helpers.js";

// Ranking tells a title match from a body match by the title's length in tokens (search.title_tokens),
// the title's tokens standing first in a page's vector. A corpus stored before the column existed has it
// measured from each vector's title positions when it is brought up to date.

describePg("PostgreSQL title length for ranking", () => {
  let database: TestDatabase;
  before(async () => {
    database = await freshDatabase("title_tokens");
  });
  after(async () => database.drop());

  test("pages stored before the step get their title's length from their vectors; a title match is told from a body match", async () => {
    const pool = await openPool(database.url, { max: 1 });
    try {
      await migratePg(pool, PG_MIGRATIONS.filter((step) => step.version < 4));
      // 招商引资会议 as title: pairs 招商 商引 引资 资会 会议 and the closing 议, six tokens at positions 1–6.
      const titled = { titleTokens: indexTokens("招商引资会议"), bodyTokens: indexTokens("会议强调招商引资") };
      const untitled = { titleTokens: "", bodyTokens: indexTokens("招商引资") };
      await pool.query("INSERT INTO documents (id, page_key, record_id, script, text, record) VALUES (1, 'a', 'a', 'simplified', '', ''), (2, 'b', 'b', 'simplified', '', '')");
      await pool.query("INSERT INTO search (id, tokens) VALUES (1, $1::tsvector), (2, $2::tsvector)", [tsvectorOf(titled), tsvectorOf(untitled)]);
      await migratePg(pool);
      const { rows } = await pool.query<{ id: string; title_tokens: number }>("SELECT id, title_tokens FROM search ORDER BY id");
      assert.deepEqual(rows.map((row) => row.title_tokens), [6, 0]);

      // In the first page 招商 stands at 1 in the title and at 12 in the body (会议 8, 议强 9, 强调 10, 调招 11:
      // the body starts two after the title's last token), as the server gives them.
      const { rows: positions } = await pool.query<{ at: string }>("SELECT array_to_string(positions, ',') AS at FROM search, unnest(tokens) u WHERE id = 1 AND lexeme = '招商'");
      assert.equal(positions[0]!.at, "1,12");
      const candidate = candidateOf({ pair_count: 0, title_tokens: rows[0]!.title_tokens, exact_all: `招商:${positions[0]!.at}` });
      assert.deepEqual(candidate.positions.get("招商"), [
        { at: 1, title: true },
        { at: 12, title: false },
      ]);
    } finally {
      await pool.end();
    }
  });
});
