import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type pg from "pg";
import { openPool } from "../src/store/pg/connect.js";
import { lock, lockAll, withLock } from "../src/store/pg/locks.js";
import { describePg, freshDatabase, type TestDatabase } from "./pg-helpers.js";

// Two workers meeting the same official at the same moment must make one person, not two: the look-up and
// the insert happen under a lock on the name. Without it, both look, find nobody, and both insert.

/** Recognise `name` the way a worker would: look for the person, pause (other work of the page), insert if none. */
async function recognise(client: Pick<pg.ClientBase, "query">, name: string): Promise<void> {
  const { rowCount } = await client.query("SELECT 1 FROM people WHERE name = $1", [name]);
  await client.query("SELECT pg_sleep(0.2)");
  if (!rowCount) await client.query("INSERT INTO people (name) VALUES ($1)", [name]);
}

describePg("advisory locks", () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  before(async () => {
    database = await freshDatabase("locks");
    pool = await openPool(database.url, { max: 6 });
    await pool.query("CREATE TABLE people (id serial PRIMARY KEY, name text NOT NULL)");
  });
  after(async () => {
    await pool.end();
    await database.drop();
  });

  const count = async (name: string) => Number((await pool.query<{ n: string }>("SELECT count(*) AS n FROM people WHERE name = $1", [name])).rows[0]!.n);

  test("without the lock, two workers meeting one name at once make two persons (the race is real)", async () => {
    await Promise.all([0, 1].map(() => pool.connect().then(async (client) => {
      try {
        await client.query("BEGIN");
        await recognise(client, "王君正");
        await client.query("COMMIT");
      } finally {
        client.release();
      }
    })));
    assert.equal(await count("王君正"), 2);
  });

  test("with withLock on the name, three workers at once make one person", async () => {
    await Promise.all([0, 1, 2].map(() => withLock(pool, "person", "李清", (client) => recognise(client, "李清"))));
    assert.equal(await count("李清"), 1);
  });

  test("different names do not wait for each other; the same name in another space does not either", async () => {
    const start = Date.now();
    await Promise.all([
      withLock(pool, "person", "齐中波", (client) => client.query("SELECT pg_sleep(0.4)")),
      withLock(pool, "person", "白凤祥", (client) => client.query("SELECT pg_sleep(0.4)")),
      withLock(pool, "cluster", "齐中波", (client) => client.query("SELECT pg_sleep(0.4)")),
    ]);
    const elapsed = Date.now() - start;
    assert.ok(elapsed < 750, `took ${elapsed} ms: the locks were taken one after another`);
  });

  test("the lock is released when its transaction fails, and the next one proceeds", async () => {
    await assert.rejects(withLock(pool, "person", "苑树发", async () => Promise.reject(new Error("页面处理失败"))), /页面处理失败/);
    const result = await Promise.race([
      withLock(pool, "person", "苑树发", async () => "got it"),
      new Promise((resolve) => setTimeout(() => resolve("still locked"), 2000)),
    ]);
    assert.equal(result, "got it");
  });

  test("lockAll takes overlapping sets in one order: two pages naming two people in opposite orders do not deadlock", async () => {
    const page = (names: string[]) =>
      pool.connect().then(async (client) => {
        try {
          await client.query("BEGIN");
          // The lock timeout turns a deadlock into a failure here rather than the server's 1 s detection.
          await client.query("SET LOCAL lock_timeout = '3s'");
          await lockAll(client, "person", names);
          for (const name of names) await recognise(client, name);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        } finally {
          client.release();
        }
      });
    await Promise.all([page(["王洪茹", "白凤祥"]), page(["白凤祥", "王洪茹"])]);
    assert.equal(await count("王洪茹"), 1);
    assert.equal(await count("白凤祥"), 1);
  });

  test("a single lock inside an open transaction holds until commit", async () => {
    const holder = await pool.connect();
    try {
      await holder.query("BEGIN");
      await lock(holder, "cluster", "4411");
      const waiting = withLock(pool, "cluster", "4411", async () => Date.now());
      await new Promise((resolve) => setTimeout(resolve, 300));
      const released = Date.now();
      await holder.query("COMMIT");
      assert.ok((await waiting) >= released, "the second took the lock before the first committed");
    } finally {
      holder.release();
    }
  });
});
