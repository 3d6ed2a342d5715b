import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { CLI, ROOT } from "./paths.js";
import { huiyiRun, tempDir } from "./store-helpers.js";

// What the CLI says when a command line is wrong: Node's option parser is not heard in English, dates the
// calendar lacks are refused, a missing path leaves no database behind, and `serve` stops however it is told.

let dir: string;
let db: string;
const started: number[] = [];

before(() => {
  dir = tempDir();
  db = join(dir, "messages.db");
  const made = huiyiRun(["ingest", join(ROOT, "examples/xiqing-changweihui.txt"), "--db", db, "--workers", "0"]);
  assert.equal(made.status, 0, made.stderr);
});

after(() => {
  for (const pid of started) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone, as it should be
    }
  }
});

/** The one line a refused command prints, and its exit status. */
function refused(args: string[]) {
  const { status, stderr, stdout } = huiyiRun(args);
  assert.equal(stdout, "", args.join(" "));
  assert.equal(stderr.split("\n").filter(Boolean).length, 1, `${args.join(" ")}: ${stderr}`);
  assert.doesNotMatch(stderr, /Option|Unknown|argument|Unexpected/, "no English from the option parser");
  return { status, line: stderr.trim() };
}

test("the option parser's refusals are Chinese lines naming the option, exit status 2", () => {
  const cases: [string[], string][] = [
    // search reads a word after a minus as a value or an excluded word (招商 -引资), so -5 reaches its own check
    [["search", "招商", "--limit", "-5", "--db", db], "huiyi search: --limit 需要 1 到 100 之间的整数"],
    [["ingest", "--workers", "-5", "--db", db, "examples/"], 'huiyi ingest: --workers 缺少值:"-5" 以 - 开头,会被当作选项;确是这个值请写成 --workers=-5'],
    [["search", "招商", "--db", db, "--limit"], "huiyi search: --limit 缺少值"],
    [["search", "招商", "--limit", "--db", db], "huiyi search: --limit 缺少值(紧跟其后的 --db 是另一个选项)"],
    [["search", "招商", "--sortt", "date", "--db", db], "huiyi search: 没有 --sortt 选项(huiyi search --help 列出可用的选项)"],
    [["stats", "--json=yes", "--db", db], "huiyi stats: --json 是开关,不带值"],
    [["stats", "全部", "--db", db], 'huiyi stats: 多余的参数 "全部":这个命令不接受路径或查询词(huiyi stats --help 列出可用的选项)'],
    [["serve", "--port"], "huiyi serve: --port 缺少值"],
  ];
  for (const [args, expected] of cases) {
    const { status, line } = refused(args);
    assert.equal(line, expected, args.join(" "));
    assert.equal(status, 2, args.join(" "));
  }
  const data = huiyiRun(["search", "招商", "--db", db, "--data"]);
  assert.deepEqual([data.status, data.stderr], [2, "huiyi: --data 缺少值:请给出自己的数据目录\n"]);
  // With the value written as the message says, the command's own check answers.
  assert.equal(refused(["search", "招商", "--limit=-5", "--db", db]).line, "huiyi search: --limit 需要 1 到 100 之间的整数");
});

test("dates the calendar lacks, and a range backwards, are refused by search and export", () => {
  const cases: [string[], string][] = [
    [["search", "招商", "--from", "2020-13"], 'huiyi search: --from 的日期不存在:"2020-13"(月份须在 01 到 12 之间)'],
    [["search", "招商", "--from", "2020-02-31"], 'huiyi search: --from 的日期不存在:"2020-02-31"(2020 年 2 月只有 29 天)'],
    [["search", "招商", "--to", "2021-7-1"], 'huiyi search: --to 需要 YYYY、YYYY-MM 或 YYYY-MM-DD 形式的日期,收到 "2021-7-1"'],
    [["export", "--from", "2021-06", "--to", "2021-05-31"], "huiyi export: 起始日期 2021-06 晚于截止日期 2021-05-31"],
  ];
  for (const [args, expected] of cases) {
    const { status, line } = refused([...args, "--db", db]);
    assert.equal(line, expected);
    assert.equal(status, 2);
  }
  // A leap day and a month's end are days.
  for (const from of ["2020-02-29", "2021-04-30"]) assert.equal(huiyiRun(["search", "招商", "--from", from, "--db", db]).status, 0, from);
});

test("ingest of paths that are all missing creates no database and says so", () => {
  const target = join(dir, "never.db");
  const { status, stdout, stderr } = huiyiRun(["ingest", join(dir, "no-such-folder"), join(dir, "no-such.txt"), "--db", target]);
  assert.equal(status, 1);
  assert.equal(stdout, "");
  assert.deepEqual(stderr.trim().split("\n"), [
    `huiyi: ${join(dir, "no-such-folder")}: 找不到该文件或文件夹`,
    `huiyi: ${join(dir, "no-such.txt")}: 找不到该文件或文件夹`,
    `huiyi ingest: 没有可读的输入,未创建也未改动数据库 ${target}`,
  ]);
  assert.ok(!readdirSync(dir).some((name) => name.startsWith("never.db")), readdirSync(dir).join(","));
  // One readable path among missing ones: the batch goes on, the missing one is a failure.
  const mixed = huiyiRun(["ingest", join(dir, "no-such.txt"), join(ROOT, "examples/xiqing-changweihui.txt"), "--db", target, "--workers", "0"]);
  assert.equal(mixed.status, 1);
  assert.match(mixed.stdout, /新存入 1 /);
  assert.ok(existsSync(target));
});

/** Start `huiyi serve` as a package runner does (npx: its own shell runs it), and the server's address and pid. */
async function serveUnderShell(): Promise<{ shell: ReturnType<typeof spawn>; address: string; pid: number }> {
  const command = `"${process.execPath}" "${CLI}" serve --db "${db}" --port 0; exit $?`;
  const shell = spawn("sh", ["-c", command], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_lifecycle_event: "npx" } });
  started.push(shell.pid!);
  let out = "";
  const address = await new Promise<string>((resolve, reject) => {
    shell.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (match) resolve(match[1]!);
    });
    shell.once("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  const pid = Number(spawnSync("ps", ["-o", "pid=", "--ppid", String(shell.pid)], { encoding: "utf8" }).stdout.trim());
  assert.ok(pid > 0, "the server runs under the shell");
  started.push(pid);
  return { shell, address, pid };
}

const answers = async (address: string) => fetch(`${address}/api/stats`).then(
  (response) => response.ok,
  () => false,
);

/** Whether a process is gone within a time (it is polled, not waited on: it is not our child). */
async function goneWithin(pid: number, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; await sleep(100)) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
  }
  return false;
}

test("serve started by a package runner stops when the runner's shell is killed, as stopping npx by its pid does", async () => {
  const { shell, address, pid } = await serveUnderShell();
  assert.ok(await answers(address));
  // npx forwards SIGTERM to its shell, which dies without passing it on: the server is orphaned.
  shell.kill("SIGTERM");
  assert.ok(await goneWithin(pid, 10_000), "the orphaned server stopped");
  assert.equal(await answers(address), false);
});

test("serve stops cleanly on SIGINT, saying why", async () => {
  const child = spawn(process.execPath, [CLI, "serve", "--db", db, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  started.push(child.pid!);
  let err = "";
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  await new Promise<void>((resolve) => child.stdout.on("data", (chunk: Buffer) => /写入令牌/.test(chunk.toString()) && resolve()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  child.kill("SIGINT");
  assert.equal(await exited, 0);
  assert.equal(err, "huiyi serve: 已停止(收到 SIGINT)\n");
});
