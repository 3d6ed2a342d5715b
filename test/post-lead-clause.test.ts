import assert from "node:assert/strict";
import { test } from "node:test";
import { extractPeople } from "../src/extract/people.js";

// A post starts at its place: the words of the sentence before it (a verb, an adverb, a preposition) are not
// part of it, whatever the verb — no list of verbs decides. And what looks like such words but is a place, a
// unit or a piece of a word stays. Sentences in the shape of local-government news; the names are made up.

const postsOf = (text: string, name: string) => extractPeople(text).find((p) => p.name === name)?.posts;

const CUT: [string, string, string[]][] = [
  ["会议要求,抓好市委书记李明诚调研时提出的要求落实。", "李明诚", ["市委书记"]],
  ["会议强调,要全面落实省委书记陈国栋调研讲话精神。", "陈国栋", ["省委书记"]],
  ["要按照县委书记赵文海的部署,扎实做好各项工作。", "赵文海", ["县委书记"]],
  ["与会人员深刻领会市长张明远的讲话精神。", "张明远", ["市长"]],
];

const KEPT: [string, string, string[]][] = [
  // a county the gazetteer knows ends with the level word: 麦积区
  ["麦积区委常委、常务副区长牛新民出席会议。", "牛新民", ["麦积区委常委", "常务副区长"]],
  // the level word is a piece of a word: 开发区
  ["开发区党工委书记王洪民主持会议。", "王洪民", ["开发区党工委书记"]],
  // a unit stands before the place
  ["市纪委监委驻县委办公室纪检组组长刘安平列席会议。", "刘安平", ["市纪委监委驻县委办公室纪检组组长"]],
  // one character before the place is part of the post
  ["原县委书记孙立群出席会议。", "孙立群", ["原县委书记"]],
];

test("the words of the sentence before a post are not part of it", () => {
  for (const [text, name, posts] of CUT) assert.deepEqual(postsOf(text, name), posts, text);
});

test("a place, a unit or a word that only looks like the sentence's words stays in the post", () => {
  for (const [text, name, posts] of KEPT) assert.deepEqual(postsOf(text, name), posts, text);
});
