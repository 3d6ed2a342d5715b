import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../src/serve/app.js";
import { SqliteStore } from "../src/store/sqlite.js";
import { huiyiRun, tempDir } from "./store-helpers.js";

// Pages without a title of their own, through the CLI and the API: one named by its meeting, one by its
// first line, each marked as made. The first is placed only as "区", which names no region: its page says so.

/** A district meeting whose page has no title line and names its district only as 区. */
const MEETING_ONLY = ["3月11日，区委书记李清华主持召开区委常委会会议，传达学习全国两会精神，研究部署我区重点工作。", "会议指出，要坚持稳中求进工作总基调，扎实推进高质量发展。"].join("\n");
/** A news item with no title and no meeting. */
const NO_MEETING = ["全区秋粮收购进度过半，各收储企业敞开收购。", "据统计，截至目前已收购秋粮十二万吨。"].join("\n");

let db: string;
let app: FastifyInstance | undefined;
let store: SqliteStore | undefined;

before(async () => {
  const dir = tempDir();
  writeFileSync(join(dir, "meeting-only.txt"), MEETING_ONLY);
  writeFileSync(join(dir, "no-meeting.txt"), NO_MEETING);
  db = join(dir, "titles.db");
  const run = huiyiRun(["ingest", join(dir, "meeting-only.txt"), join(dir, "no-meeting.txt"), "--db", db]);
  assert.equal(run.status, 0, run.stderr);
  store = new SqliteStore(db, { create: false });
  app = await buildApp({ store, token: "t", webRoot: null });
});

after(async () => {
  await app?.close();
  await store?.close();
});

const get = async (url: string) => {
  const response = await app!.inject({ method: "GET", url });
  return { status: response.statusCode, body: response.json() };
};

test("search gives untitled pages the meeting's name or the first line as title, with titleDerived saying which", async () => {
  const meeting = await get(`/api/search?q=${encodeURIComponent("李清华")}`);
  assert.equal(meeting.body.hits[0].title, "区委常委会会议");
  assert.equal(meeting.body.hits[0].titleDerived, "meeting");
  const firstLine = await get(`/api/search?q=${encodeURIComponent("秋粮")}`);
  assert.equal(firstLine.body.hits[0].title, "全区秋粮收购进度过半，各收储企业敞开收购。");
  assert.equal(firstLine.body.hits[0].titleDerived, "first-line");
  const document = await get(`/api/documents/${firstLine.body.hits[0].id}`);
  assert.equal(document.body.summary.titleDerived, "first-line");
});

test("the CLI marks a made title with where it came from", () => {
  const run = huiyiRun(["search", "李清华", "--db", db]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /1\. 区委常委会会议〔原页面无标题,由会议名称生成〕/);
  const plain = huiyiRun(["search", "秋粮", "--db", db]);
  assert.match(plain.stdout, /〔原页面无标题,取自正文首行〕/);
});

test("a page placed only as 区 is not a region: its page lists it as unplaced, with the reason, and no sub-regions", async () => {
  const { status, body } = await get(`/api/regions/${encodeURIComponent("区")}`);
  assert.equal(status, 200);
  assert.deepEqual(body.children, []);
  assert.equal(body.unplaced.documents, 1);
  assert.deepEqual(body.unplaced.words, ["区"]);
  assert.match(body.unplaced.reason, /没有写出具体地名/);
  assert.equal(body.undated, 1);
});
