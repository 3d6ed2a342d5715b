import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "./paths.js";

// The throwaway cluster script itself: `run` gives the command a server it can use, passes on the command's
// exit status, and stops the server and deletes its folder whether the command succeeds or fails.

const SCRIPT = join(ROOT, "scripts/pg-test-cluster.sh");

function postgresInstalled(): boolean {
  if (spawnSync("sh", ["-c", "command -v initdb || ls /usr/lib/postgresql/*/bin/initdb"], { stdio: "ignore" }).status === 0) return true;
  return false;
}

const skip = !postgresInstalled() && !process.env.CI ? "PostgreSQL 未安装(apt-get install postgresql):跳过临时集群脚本测试" : false;

/** What the command run inside the cluster prints: the folder, and the answer of the server at its URL. */
const PROBE = `
  const pg = require(${JSON.stringify(join(ROOT, "node_modules/pg"))});
  const client = new pg.Client({ connectionString: process.env.HUIYI_TEST_PG });
  client.connect()
    .then(() => client.query("SELECT current_setting('listen_addresses') AS listen, current_user AS who"))
    .then(({ rows }) => { console.log(JSON.stringify({ dir: process.env.HUIYI_TEST_PG_DIR, url: process.env.HUIYI_TEST_PG, ...rows[0] })); return client.end(); })
    .then(() => process.exit(Number(process.env.EXIT_WITH || 0)));
`;

function runProbe(exitWith: number) {
  const run = spawnSync(SCRIPT, ["run", process.execPath, "-e", PROBE], { encoding: "utf8", env: { ...process.env, HUIYI_TEST_PG: "", EXIT_WITH: String(exitWith) }, timeout: 120_000 });
  const seen = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}") as { dir?: string; url?: string; listen?: string; who?: string };
  return { status: run.status, stderr: run.stderr, seen };
}

test("run: a server on 127.0.0.1 for the command, then stopped and its folder deleted", { skip, timeout: 180_000 }, () => {
  const { status, stderr, seen } = runProbe(0);
  assert.equal(status, 0, stderr);
  assert.equal(seen.listen, "127.0.0.1");
  assert.equal(seen.who, "huiyi");
  assert.match(seen.url ?? "", /^postgresql:\/\/huiyi:[0-9a-f]+@127\.0\.0\.1:\d+\/huiyi_test$/);
  assert.ok(seen.dir && !existsSync(seen.dir), `the cluster folder ${seen.dir} is still there`);
  // Nothing listens on its port any more.
  const port = new URL(seen.url!).port;
  const after = spawnSync(process.execPath, ["-e", `require("net").connect(${port}, "127.0.0.1").on("connect", () => process.exit(1)).on("error", () => process.exit(0))`]);
  assert.equal(after.status, 0, `something still listens on ${port}`);
});

test("run: a failing command's exit status is passed on, and the cluster is still removed", { skip, timeout: 180_000 }, () => {
  const { status, seen } = runProbe(7);
  assert.equal(status, 7);
  assert.ok(seen.dir && !existsSync(seen.dir), `the cluster folder ${seen.dir} is still there`);
});

test("stop refuses a folder the script did not make", { skip }, () => {
  assert.throws(() => execFileSync(SCRIPT, ["stop", ROOT], { stdio: "pipe" }), /不是本脚本建的集群目录/);
});
