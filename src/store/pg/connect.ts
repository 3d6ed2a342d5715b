import pg from "pg";
import { UserError } from "../../errors.js";

// Connections to a PostgreSQL corpus: a pool opened from a postgres:// or postgresql:// address, tried once
// at once so that a server that is down or a refused login is told in one line naming the server — never
// the password — before any work starts.

/** Where a connection string points, as users may see it: user@host:port/database, without the password. */
export function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : "";
    const host = parsed.hostname || parsed.searchParams.get("host") || "localhost";
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
    return `${user}${host}:${parsed.port || "5432"}/${database}`;
  } catch {
    return "(无法解析的地址)";
  }
}

/** Whether a --db target names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(target);
}

/** Error codes of the server (SQLSTATE) and of the network that mean the target, not huiyi, is at fault. */
const LOGIN_REFUSED = new Set(["28P01", "28000"]);
const NO_DATABASE = "3D000";
const UNREACHABLE = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ECONNRESET"]);

/**
 * A driver error as one line for users naming the server, or null when it is not about reaching the
 * server. The driver's own message is not repeated: it may quote the address it was given.
 */
export function connectionProblem(error: unknown, url: string): string | null {
  const code = (error as { code?: string } | null)?.code;
  const target = describeTarget(url);
  if (code && LOGIN_REFUSED.has(code)) return `PostgreSQL ${target} 拒绝登录:用户名或密码不对,或该用户无权连接`;
  if (code === NO_DATABASE) return `PostgreSQL ${target}:数据库不存在(先用 createdb 建库)`;
  if (code && UNREACHABLE.has(code)) return `无法连接 PostgreSQL ${target}:服务器未启动或网络不通(${code})`;
  if (error instanceof Error && /timeout/i.test(error.message)) return `无法连接 PostgreSQL ${target}:连接超时`;
  if (error instanceof Error && /password must be a string|SASL/i.test(error.message)) return `PostgreSQL ${target} 要求密码:请在地址中给出(postgresql://用户:密码@主机/库)`;
  return null;
}

export interface PoolOptions {
  /** connections the pool keeps at most */
  max?: number;
  /** how long a connection attempt waits for the server */
  connectTimeoutMs?: number;
  /** what the server shows in pg_stat_activity */
  applicationName?: string;
  /** how values of each type are read (the corpus reads bigint ids as numbers) */
  types?: pg.CustomTypesConfig;
}

/**
 * A pool on the server at `url`, checked with one round trip: a server that cannot be reached or refuses
 * the login is a UserError naming the target (never its password).
 */
export async function openPool(url: string, { max = 4, connectTimeoutMs = 10_000, applicationName = "huiyi", types }: PoolOptions = {}): Promise<pg.Pool> {
  if (!isPostgresUrl(url)) throw new UserError(`不是 PostgreSQL 地址:${describeTarget(url)}(应以 postgres:// 或 postgresql:// 开头)`);
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: connectTimeoutMs, application_name: applicationName, ...(types ? { types } : {}) });
  // An idle connection the server drops (a restart) must not crash the program: the pool replaces it.
  pool.on("error", () => {});
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    await pool.end().catch(() => {});
    const problem = connectionProblem(error, url);
    if (problem) throw new UserError(problem);
    throw error;
  }
  return pool;
}

/** Run `work` in one transaction on one connection of the pool: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
