import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { buildApp } from "../src/serve/app.js";
import { SqliteStore } from "../src/store/sqlite.js";
import { tempDir } from "./store-helpers.js";

// The web app rebuilt while the server runs: the new index.html names new fingerprinted files, which did not
// exist when the server listed its static files. They are served (cached a year, as fingerprinted files are),
// and an address that names no file of the build, or tries to leave the assets folder, is still a 404.

test("files of a build made after the server started are served; other /assets/ addresses are 404", async () => {
  const dir = tempDir();
  const web = join(dir, "web");
  mkdirSync(join(web, "assets"), { recursive: true });
  writeFileSync(join(web, "index.html"), '<!doctype html><script src="/assets/index-Old12345.js"></script>');
  writeFileSync(join(web, "assets", "index-Old12345.js"), "console.log('旧');\n");
  writeFileSync(join(dir, "secret.txt"), "不该被读到");
  const store = new SqliteStore(join(dir, "rebuild.db"), { create: true });
  const app = await buildApp({ store, token: "t", webRoot: web });
  try {
    // The rebuild: a new script under a new fingerprint, and the page naming it.
    writeFileSync(join(web, "assets", "index-New67890.js"), "console.log('新');\n");
    writeFileSync(join(web, "index.html"), '<!doctype html><script src="/assets/index-New67890.js"></script>');
    const page = await app.inject({ method: "GET", url: "/" });
    assert.match(page.body, /index-New67890\.js/);
    const fresh = await app.inject({ method: "GET", url: "/assets/index-New67890.js" });
    assert.equal(fresh.statusCode, 200);
    assert.equal(fresh.body, "console.log('新');\n");
    assert.equal(fresh.headers["cache-control"], "public, max-age=31536000, immutable");
    assert.equal((await app.inject({ method: "GET", url: "/assets/index-Old12345.js" })).statusCode, 200);
    for (const url of ["/assets/index-Gone0000.js", "/assets/..%2Fsecret.txt", "/assets/..%2F..%2Fsecret.txt"]) {
      const response = await app.inject({ method: "GET", url });
      assert.equal(response.statusCode, 404, url);
      assert.ok(!response.body.includes("不该被读到"), url);
    }
    // An address that is not percent-encoded right is refused before any route.
    assert.equal((await app.inject({ method: "GET", url: "/assets/%E0%A4%A" })).statusCode, 400);
    // Dot segments are resolved before routing: this address is the page's /secret.txt, answered with index.html.
    const climbed = await app.inject({ method: "GET", url: "/assets/%2e%2e/%2e%2e/secret.txt" });
    assert.ok(!climbed.body.includes("不该被读到"));
  } finally {
    await app.close();
    await store.close();
  }
});
