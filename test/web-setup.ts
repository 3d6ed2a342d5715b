import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before } from "node:test";
import type { FastifyInstance } from "fastify";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { ingest } from "../src/ingest/ingest.js";
import { buildApp } from "../src/serve/app.js";
import { SqliteStore } from "../src/store/sqlite.js";
import { ROOT } from "./paths.js";
import { tempDir } from "./store-helpers.js";

// What every browser test file sets up alike: a corpus of its pages, the server over it on 127.0.0.1, Debian's
// chromium, pages that collect their script errors, and screenshots under test-output/screenshots/ (git-ignored).

export const CHROMIUM = "/usr/bin/chromium";
/**
 * Without Debian's chromium the browser tests are skipped with this reason, except in CI (CI=true), which
 * installs it (.ci/run) and where its absence must fail.
 */
export const skip = !existsSync(CHROMIUM) && !process.env.CI ? `没有 ${CHROMIUM}: 跳过浏览器测试(apt-get install chromium fonts-noto-cjk)` : false;
export const SHOTS = join(ROOT, "test-output/screenshots");
export const WIDE = { width: 1360, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** A page that keeps its script errors and console errors (a resource the server answers 4xx for is not one). */
export type WatchedPage = Page & { problems: string[] };

export interface OpenOptions {
  viewport?: { width: number; height: number };
  /** more of the browser context: downloads, clipboard permissions */
  context?: BrowserContextOptions;
}

/** The web app over a corpus of its own, started before a file's tests and stopped after them. */
export class WebApp {
  store!: SqliteStore;
  app!: FastifyInstance;
  browser!: Browser;
  /** the server's address, http://127.0.0.1:PORT */
  base!: string;
  /** the file's own temporary folder, where its pages were written */
  dir!: string;

  /**
   * @param name names the database and the write token
   * @param inputs the paths to ingest, given the file's temporary folder (to write pages into)
   */
  constructor(
    private readonly name: string,
    private readonly inputs: (dir: string) => string[] | Promise<string[]>,
  ) {
    before(async () => {
      if (skip) return;
      await this.start();
    });
    after(() => this.stop());
  }

  /** the write token the server asks for */
  get token(): string {
    return `${this.name}-token`;
  }

  private async start(): Promise<void> {
    mkdirSync(SHOTS, { recursive: true });
    this.dir = tempDir();
    this.store = new SqliteStore(join(this.dir, `${this.name}.db`), { create: true });
    await ingest(this.store, await this.inputs(this.dir), { workers: 0 });
    this.app = await buildApp({ store: this.store, token: this.token, webRoot: join(ROOT, "web/dist") });
    this.base = await this.app.listen({ host: "127.0.0.1", port: 0 });
    this.browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  }

  private async stop(): Promise<void> {
    await this.browser?.close();
    await this.app?.close();
    await this.store?.close();
  }

  /** A new page (in a context of its own) that collects its problems; opened at `path` when one is given. */
  async open(path: string | null, options: OpenOptions = {}): Promise<WatchedPage> {
    const context = await this.browser.newContext({ viewport: options.viewport ?? WIDE, locale: "zh-CN", ...options.context });
    const page = (await context.newPage()) as WatchedPage;
    page.problems = [];
    page.on("pageerror", (error) => page.problems.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error" && !/Failed to load resource/.test(message.text())) page.problems.push(message.text());
    });
    page.on("close", () => void context.close().catch(() => undefined));
    if (path !== null) await page.goto(this.base + path);
    return page;
  }

  /** The API asked as the browser asks it (the server answers only requests addressed to where it listens). */
  async getJson<T>(url: string): Promise<T> {
    return (await this.app.inject({ method: "GET", url, headers: { host: new URL(this.base).host } })).json() as T;
  }
}

/** The whole page saved as test-output/screenshots/NAME.png. */
export const shoot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
