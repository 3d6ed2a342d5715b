import type pg from "pg";
import { inTransaction } from "./connect.js";

// Advisory locks: what two workers must not do at the same moment — file two copies of one report in
// two clusters, make two persons of one official met on two pages, migrate one database twice — is
// guarded by a lock on a name in the database, held until the transaction that took it ends. Each use
// has its own space (the first of the two-key form), so that a person's name and a cluster's key never
// share a lock.

export const LOCK_SPACES = {
  migration: 1,
  person: 2,
  cluster: 3,
  /** the corpus's one write lock, taken by each write transaction (src/store/pg/backend.ts) */
  writer: 4,
} as const;

export type LockSpace = keyof typeof LOCK_SPACES;

/** A connection that is in, or may run, a transaction. */
type Client = Pick<pg.ClientBase, "query">;

/**
 * Take the locks on `keys` of one space inside the client's current transaction, in one fixed order (by
 * the keys' hash, then key) so that two transactions needing overlapping sets never wait on each other
 * in a circle. They are released when the transaction ends, committed or not: a worker killed mid-way
 * holds nothing once the server sees its connection gone.
 */
export async function lockAll(client: Client, space: LockSpace, keys: Iterable<string>): Promise<void> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return;
  // Hashing and ordering on the server: hashtext is the function the lock keys are made with.
  await client.query(
    `SELECT pg_advisory_xact_lock($1::int, h) FROM (SELECT hashtext(k) AS h FROM unnest($2::text[]) AS k GROUP BY 1 ORDER BY 1) ordered`,
    [LOCK_SPACES[space], unique],
  );
}

/** Take the lock on one key inside the client's current transaction (see lockAll). */
export async function lock(client: Client, space: LockSpace, key: string): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock($1::int, hashtext($2))", [LOCK_SPACES[space], key]);
}

/** Take the lock on one key inside the current transaction if it is free now; false when another holds it. */
export async function tryLock(client: Client, space: LockSpace, key: string): Promise<boolean> {
  const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_xact_lock($1::int, hashtext($2)) AS locked", [LOCK_SPACES[space], key]);
  return rows[0]!.locked;
}

/**
 * Run `work` in a transaction of its own holding the lock on `key`: another `withLock` on the same key
 * (in this process or any other) waits until this one has committed, and then sees what it wrote.
 */
export async function withLock<T>(pool: pg.Pool, space: LockSpace, key: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return inTransaction(pool, async (client) => {
    await lock(client, space, key);
    return work(client);
  });
}
