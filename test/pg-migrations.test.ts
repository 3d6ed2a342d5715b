import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { UserError } from "../src/errors.js";
import { openPool } from "../src/store/pg/connect.js";
import { migratePg, PG_MIGRATIONS } from "../src/store/pg/migrations.js";
import { describePg, freshDatabase, type TestDatabase } from "./pg-helpers.js";

// The PostgreSQL schema: applied step by step, once, even when several programs start on a new database
// at the same moment; a database from a newer huiyi is refused.

const NEWEST = Math.max(...PG_MIGRATIONS.map((step) => step.version));
const TABLES = ["documents", "facets", "signatures", "bands", "removed", "persons", "appearances", "directives", "follow_ups", "pages_as_read", "search", "search_totals", "work_queue", "schema_version"];

describePg("PostgreSQL migrations", () => {
  let database: TestDatabase;
  before(async () => {
    database = await freshDatabase("migrations");
  });
  after(async () => database.drop());

  test("four programs migrating one new database at once: every table made once, each step recorded once", async () => {
    const pools = await Promise.all(Array.from({ length: 4 }, () => openPool(database.url, { max: 1 })));
    try {
      const versions = await Promise.all(pools.map((pool) => migratePg(pool)));
      assert.deepEqual(versions, [NEWEST, NEWEST, NEWEST, NEWEST]);
      const { rows: steps } = await pools[0]!.query<{ version: number }>("SELECT version FROM schema_version ORDER BY version");
      assert.deepEqual(
        steps.map((row) => row.version),
        PG_MIGRATIONS.map((step) => step.version),
      );
      const { rows } = await pools[0]!.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'");
      assert.deepEqual(rows.map((row) => row.name).sort(), [...TABLES].sort());
      // Opened again: nothing to do.
      assert.equal(await migratePg(pools[1]!), NEWEST);
      assert.equal((await pools[0]!.query("SELECT 1 FROM schema_version")).rowCount, PG_MIGRATIONS.length);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  test("a step that fails leaves nothing of itself, and the version where it was", async () => {
    const scratch = await freshDatabase("migrations_fail");
    const pool = await openPool(scratch.url);
    try {
      const broken = [...PG_MIGRATIONS, { version: NEWEST + 1, sql: "CREATE TABLE half_done (id int); SELECT no_such_function();" }];
      await assert.rejects(migratePg(pool, broken), (error: unknown) => (error as pg.DatabaseError).code === "42883");
      const { rows } = await pool.query<{ version: number }>("SELECT max(version) AS version FROM schema_version");
      assert.equal(rows[0]!.version, NEWEST);
      assert.equal((await pool.query("SELECT 1 FROM pg_tables WHERE tablename = 'half_done'")).rowCount, 0);
    } finally {
      await pool.end();
      await scratch.drop();
    }
  });

  test("a database migrated by a newer huiyi is refused in one line", async () => {
    const pool = await openPool(database.url);
    try {
      await pool.query("INSERT INTO schema_version (version) VALUES ($1)", [NEWEST + 5]);
      await assert.rejects(migratePg(pool), (error: unknown) => error instanceof UserError && /请升级 huiyi/.test(error.message) && error.message.includes(String(NEWEST + 5)));
    } finally {
      await pool.end();
    }
  });
});
