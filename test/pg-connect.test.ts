import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, test } from "node:test";
import type pg from "pg";
import { UserError } from "../src/errors.js";
import { describeTarget, isPostgresUrl, openPool } from "../src/store/pg/connect.js";
import { describePg, PG_URL, urlWith } from "./pg-helpers.js";

// Opening a PostgreSQL corpus: what users are told when the server is down, refuses the login or lacks the
// database — in Chinese, naming the server, never showing the password.

test("a target is described without its password", () => {
  assert.equal(describeTarget("postgresql://ana:s3cret@db.example.org:5433/huiyi"), "ana@db.example.org:5433/huiyi");
  assert.equal(describeTarget("postgres://db.example.org/corpus"), "db.example.org:5432/corpus");
  assert.equal(describeTarget("postgresql://ana:p%40ss@10.0.0.2/huiyi"), "ana@10.0.0.2:5432/huiyi");
});

test("postgres:// and postgresql:// are PostgreSQL targets; paths are not", () => {
  assert.ok(isPostgresUrl("postgres://h/db"));
  assert.ok(isPostgresUrl("POSTGRESQL://h/db"));
  assert.ok(!isPostgresUrl("huiyi.db"));
  assert.ok(!isPostgresUrl("/data/postgres://x"));
});

/** A UserError whose message names the target, says `says`, and does not contain `secret`. */
async function refused(opening: Promise<pg.Pool>, says: RegExp, secret: string): Promise<string> {
  const error = await opening.then(
    (pool) => {
      void pool.end();
      assert.fail("expected the pool not to open");
    },
    (error: unknown) => error,
  );
  assert.ok(error instanceof UserError, `not a UserError: ${String(error)}`);
  assert.match(error.message, says);
  assert.ok(!error.message.includes(secret), `the password shows in: ${error.message}`);
  return error.message;
}

test("a server that is not there is named, without the password", async () => {
  // A port that was free a moment ago and that nothing listens on.
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
  const message = await refused(openPool(`postgresql://ana:TopSecret42@127.0.0.1:${port}/huiyi`, { connectTimeoutMs: 3000 }), /无法连接 PostgreSQL/, "TopSecret42");
  assert.ok(message.includes(`ana@127.0.0.1:${port}/huiyi`), message);
});

test("a target that is not a PostgreSQL address is refused before connecting", async () => {
  await refused(openPool("mysql://ana:TopSecret42@127.0.0.1/huiyi"), /不是 PostgreSQL 地址/, "TopSecret42");
});

describePg("on the test server", () => {
  let database: string;
  before(() => {
    database = new URL(PG_URL!).pathname.slice(1);
  });

  test("a wrong password is told as a refused login, naming the server", async () => {
    const message = await refused(openPool(urlWith(database, "wrong-password-77")), /拒绝登录/, "wrong-password-77");
    assert.ok(message.includes(`/${database}`), message);
  });

  test("a database that does not exist is told so", async () => {
    await refused(openPool(urlWith("huiyi_no_such_database")), /数据库不存在/, new URL(PG_URL!).password);
  });

  let pool: pg.Pool | null = null;
  after(async () => pool?.end());

  test("the right address opens a pool that answers", async () => {
    pool = await openPool(PG_URL!);
    const { rows } = await pool.query<{ n: number }>("SELECT 1 + 1 AS n");
    assert.equal(rows[0]!.n, 2);
  });
});
