import assert from "node:assert/strict";
import { test } from "node:test";
import { readHtml } from "../src/read/html.js";

// A search form in the page header: <input> is void, so it must not open a skipped region that never closes.
test("a search form's <input> before the article does not swallow the rest of the page", () => {
  const html = `<html><body><div class="header"><form action="/search"><input type="text" name="q" value="请输入关键词"><input type="submit" value="搜索"></form></div>
    <h1>政协安吉县第十届委员会常务委员会第十五次会议召开</h1>
    <p>6月20日,政协安吉县第十届委员会常务委员会第十五次会议召开。县政协主席钱国平主持会议。</p></body></html>`;
  const { text, title } = readHtml(html);
  assert.equal(title, "政协安吉县第十届委员会常务委员会第十五次会议召开");
  assert.deepEqual(text.split("\n"), ["政协安吉县第十届委员会常务委员会第十五次会议召开", "6月20日,政协安吉县第十届委员会常务委员会第十五次会议召开。县政协主席钱国平主持会议。"]);
  assert.ok(!text.includes("请输入关键词"));
});

test("a <select> or <button> still hides its own text", () => {
  const { text } = readHtml(`<body><p>会议召开。</p><select><option>选择栏目</option></select><button>提交</button><p>会议强调。</p></body>`);
  assert.deepEqual(text.split("\n"), ["会议召开。", "会议强调。"]);
});
