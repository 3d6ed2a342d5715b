import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { UserError } from "../errors.js";
import { buildApp } from "../serve/app.js";
import { UsageError } from "./pages-command.js";
import { describeTarget, openStore } from "../store/open.js";
import { watchForStop } from "./stop-signal.js";
import { DB_OPTION, targetOf } from "./store-options.js";

export const SERVE_USAGE = `用法: huiyi serve [--db FILE] [--port N] [--host H]
  在 http://H:N/ 提供网页和 JSON 接口(说明见 /api/openapi.json);默认 127.0.0.1:8080。
  写操作(指示的跟进状态)需要启动时打印的令牌,或环境变量 HUIYI_TOKEN 设定的令牌。`;

const WEB_ROOT = fileURLToPath(new URL("../../../web/dist/", import.meta.url));

export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...DB_OPTION, port: { type: "string" }, host: { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    process.stdout.write(SERVE_USAGE + "\n");
    return 0;
  }
  const port = Number(values.port ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port 需要 0 到 65535 的整数,收到 "${values.port}"`);
  const target = targetOf(values.db);
  const store = await openStore(target, { create: false });
  const token = process.env.HUIYI_TOKEN || randomBytes(18).toString("base64url");
  const host = values.host ?? "127.0.0.1";
  const app = await buildApp({ store, token, webRoot: existsSync(WEB_ROOT) ? WEB_ROOT : null, host });
  let address: string;
  try {
    address = await app.listen({ port, host });
  } catch (error) {
    await store.close();
    const code = (error as { code?: string }).code;
    if (code === "EADDRINUSE") throw new UserError(`${host}:${port} 已被占用,请用 --port 换一个端口`);
    if (code === "EACCES") throw new UserError(`没有权限监听 ${host}:${port},请换一个大于 1024 的端口`);
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") throw new UserError(`无法在 ${host} 上监听:本机没有这个地址`);
    throw error;
  }
  // Listening for the stop before saying where we are: whoever reads the address may stop us at once.
  const watch = watchForStop();
  process.stdout.write(`huiyi serve: ${address}/ · 数据库 ${describeTarget(target)}\n写入令牌: ${process.env.HUIYI_TOKEN ? "(取自 HUIYI_TOKEN)" : token}\n`);
  const why = await watch.stopped;
  watch.dispose();
  // A second signal while requests finish means now.
  const now = () => process.exit(1);
  process.once("SIGINT", now);
  process.once("SIGTERM", now);
  await app.close();
  await store.close();
  // Whoever read our output may be gone with the parent: a closed pipe is no reason to fail the stop.
  process.stderr.on("error", () => {});
  process.stderr.write(`huiyi serve: 已停止(${why})\n`);
  return 0;
}
