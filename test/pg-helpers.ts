import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import pg from "pg";

// Tests that need a PostgreSQL server run against the one HUIYI_TEST_PG names (a throwaway cluster from
// scripts/pg-test-cluster.sh). Without it they are skipped with one line — except in CI, where its absence
// fails, as the corpus scoring's absence does. Each test gets a database of its own, dropped afterwards,
// so test files running at once never meet.

export const PG_URL = process.env.HUIYI_TEST_PG;

/** `describe` for tests that need the server: skipped (or, under CI, failed) without HUIYI_TEST_PG. */
export function describePg(name: string, body: () => void): void {
  if (!PG_URL && process.env.CI) {
    test(name, () => assert.fail("CI 需要 PostgreSQL:未设置 HUIYI_TEST_PG(用 scripts/pg-test-cluster.sh run … 启动临时集群)"));
  } else if (!PG_URL) {
    test(name, { skip: "未设置 HUIYI_TEST_PG:跳过 PostgreSQL 测试(scripts/pg-test-cluster.sh run npm test 可启动临时集群)" }, () => {});
  } else {
    describe(name, body);
  }
}

/** The test server's address with another database (and, when given, another password). */
export function urlWith(database: string, password?: string): string {
  const url = new URL(PG_URL!);
  url.pathname = `/${database}`;
  if (password !== undefined) url.password = password;
  return url.toString();
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A new, empty database on the test server, for one test or one file of tests. */
export async function freshDatabase(label: string): Promise<TestDatabase> {
  const name = `huiyi_t_${label.replace(/\W/g, "_")}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: urlWith(name),
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
