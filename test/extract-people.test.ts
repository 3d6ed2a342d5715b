import assert from "node:assert/strict";
import { test } from "node:test";
import { extractPeople } from "../src/extract/people.js";
import type { Person } from "../src/types.js";

// Name, posts and roles: what the gold annotates (clues are checked on their own).
const facts = (p: Person) => ({ name: p.name, posts: p.posts, roles: p.roles });
const people = (text: string) => extractPeople(text).map(facts);
const person = (text: string, name: string) => people(text).find((p) => p.name === name);

test("post + name, roles from the verbs after the name", () => {
  const text = "7月23日,西青区委常委会(扩大)会议暨半年经济运行分析会召开。西青区委书记李清出席会议并讲话。区委副书记、区长白凤祥传达了天津市委常委会扩大会议精神,并总结部署全区经济工作。区人大常委会主任王洪茹、区政协主席苑树发出席,区委副书记齐中波主持会议。";
  assert.deepEqual(person(text, "李清"), { name: "李清", posts: ["西青区委书记"], roles: ["讲话", "出席"] });
  // two posts joined by 、
  assert.deepEqual(person(text, "白凤祥"), { name: "白凤祥", posts: ["区委副书记", "区长"], roles: ["讲话"] });
  // names listed together share the verb after the list
  assert.deepEqual(person(text, "王洪茹")?.roles, ["出席"]);
  assert.deepEqual(person(text, "苑树发"), { name: "苑树发", posts: ["区政协主席"], roles: ["出席"] });
  assert.deepEqual(person(text, "齐中波")?.roles, ["主持"]);
});

test("a later mention adds roles to the same person", () => {
  const text = "区委书记蔺雪峰主持会议并讲话。蔺雪峰在讲话中说,全区上下一定要认真抓好落实。蔺雪峰强调,要坚持问题导向。";
  const found = extractPeople(text);
  assert.equal(found.length, 1);
  assert.deepEqual(facts(found[0]!), { name: "蔺雪峰", posts: ["区委书记"], roles: ["主持", "讲话"] });
  // each fact keeps the sentences it came from and the rule that read them
  assert.deepEqual(found[0]!.clues?.map((c) => c.rule), ["职务+姓名", "句首姓名+讲话动词", "句首姓名+讲话动词"]);
  assert.equal(found[0]!.clues?.[0]?.sentence, "区委书记蔺雪峰主持会议并讲话。");
});

test("names after a collective label carry no post", () => {
  const text = "区领导唐海蛟、吕晨飞、高武军参加会议。";
  assert.deepEqual(people(text), [
    { name: "唐海蛟", posts: [], roles: ["出席"] },
    { name: "吕晨飞", posts: [], roles: ["出席"] },
    { name: "高武军", posts: [], roles: ["出席"] },
  ]);
});

test("one post heading a list belongs to each name in it", () => {
  const text = "区人大常委会主任赵继文,副主任赵延祺、方明太、刘海鹰出席会议。";
  const found = people(text);
  assert.deepEqual(found.map((p) => [p.name, p.posts]), [
    ["赵继文", ["区人大常委会主任"]],
    ["赵延祺", ["副主任"]],
    ["方明太", ["副主任"]],
    ["刘海鹰", ["副主任"]],
  ]);
  for (const p of found) assert.deepEqual(p.roles, ["出席"]);
});

test("a person only mentioned gets no role; 讲话精神 is not a speech at this meeting", () => {
  const text = "会议传达学习了市委书记李鸿忠的讲话精神。区委书记蔺雪峰主持会议。";
  assert.deepEqual(person(text, "李鸿忠"), { name: "李鸿忠", posts: ["市委书记"], roles: [] });
});

test("bylines are not people of the meeting", () => {
  const text = "德州新闻网讯(韩哲宋钊铭)4月26日,天衢新区2023年第一季度重点工作推进会议召开。市委常委、天衢新区党工委书记祁小青主持并讲话。";
  assert.deepEqual(people(text).map((p) => p.name), ["祁小青"]);
  assert.deepEqual(person(text, "祁小青"), { name: "祁小青", posts: ["市委常委", "天衢新区党工委书记"], roles: ["主持", "讲话"] });
});

test("a common word that starts with a surname character is no name (干部, 班子)", () => {
  const text = "全区领导干部要统一思想。区委领导班子成员出席会议。";
  assert.deepEqual(people(text), []);
});
