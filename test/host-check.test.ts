import assert from "node:assert/strict";
import { request } from "node:http";
import { hostname } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { buildApp } from "../src/serve/app.js";
import { acceptedNames, parseHost } from "../src/serve/host-check.js";
import { SqliteStore } from "../src/store/sqlite.js";
import { tempDir } from "./store-helpers.js";

// Against DNS rebinding, the server answers only requests whose Host header names an address it listens
// on: 127.0.0.1, localhost, [::1], or the --host it was given, at its port.

async function appOn(host?: string) {
  const store = new SqliteStore(join(tempDir(), "host.db"), { create: true });
  const app = await buildApp({ store, token: "t", webRoot: null, ...(host ? { host } : {}) });
  return { app, close: async () => (await app.close(), await store.close()) };
}

test("Host headers naming a loopback address or the --host are answered; any other name is refused with 421", async () => {
  const { app, close } = await appOn();
  const statusFor = async (host: string) => (await app.inject({ method: "GET", url: "/api/stats", headers: { host } })).statusCode;
  for (const host of ["127.0.0.1:8080", "localhost:8080", "localhost", "LOCALHOST.:8080", "[::1]:8080"]) assert.equal(await statusFor(host), 200, host);
  for (const host of ["evil.example", "evil.example:8080", "127.0.0.1.evil.example:8080", "localhost.evil.example", "evil.example@127.0.0.1", "[::2]:8080", "192.168.1.5:8080"]) {
    const response = await app.inject({ method: "GET", url: "/api/stats", headers: { host } });
    assert.equal(response.statusCode, 421, host);
    assert.match(response.json().error, /^拒绝请求:Host 请求头 .* 不是本服务监听的地址\(防止 DNS 重绑定\)/, host);
  }
  // The web app's pages and unknown routes are guarded alike.
  assert.equal(await statusFor("evil.example"), 421);
  assert.equal((await app.inject({ method: "GET", url: "/person/3", headers: { host: "evil.example" } })).statusCode, 421);
  await close();

  const lan = await appOn("192.168.1.5");
  assert.equal((await lan.app.inject({ method: "GET", url: "/api/stats", headers: { host: "192.168.1.5:8080" } })).statusCode, 200);
  assert.equal((await lan.app.inject({ method: "GET", url: "/api/stats", headers: { host: "127.0.0.1:8080" } })).statusCode, 200);
  assert.equal((await lan.app.inject({ method: "GET", url: "/api/stats", headers: { host: "10.0.0.1:8080" } })).statusCode, 421);
  await lan.close();
});

test("a listening server also wants its own port in the Host header", async () => {
  const { app, close } = await appOn();
  await app.listen({ port: 0, host: "127.0.0.1" });
  const port = (app.server.address() as { port: number }).port;
  const statusFor = (host: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: "/api/stats", headers: { host } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on("error", reject);
      req.end();
    });
  assert.equal(await statusFor(`127.0.0.1:${port}`), 200);
  assert.equal(await statusFor(`localhost:${port}`), 200);
  assert.equal(await statusFor(`localhost:${port === 1 ? 2 : 1}`), 421, "another port: a page of another local server's origin");
  assert.equal(await statusFor("localhost"), 421, "no port means 80");
  assert.equal(await statusFor(`evil.example:${port}`), 421);
  await close();
});

test("Host values are read as name and port; listening on every address accepts this machine's names", () => {
  assert.deepEqual(parseHost("127.0.0.1:8080"), { name: "127.0.0.1", port: 8080 });
  assert.deepEqual(parseHost("[::1]:80"), { name: "::1", port: 80 });
  assert.deepEqual(parseHost("Example.COM."), { name: "example.com", port: null });
  for (const bad of ["", "a b", "a:b", "user@host", "host/path", "[::1", "::1"]) assert.equal(parseHost(bad), null, bad);
  const everywhere = acceptedNames("0.0.0.0");
  assert.ok(everywhere.has("127.0.0.1") && everywhere.has(hostname().toLowerCase()));
  assert.ok(!everywhere.has("evil.example") && !everywhere.has("0.0.0.0"));
  assert.deepEqual([...acceptedNames("[::1]")].sort(), ["127.0.0.1", "::1", "localhost"]);
});
