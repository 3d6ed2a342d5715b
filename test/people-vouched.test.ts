import assert from "node:assert/strict";
import { test } from "node:test";
import { extractPeople } from "../src/extract/people.js";
import type { Role } from "../src/types.js";

// Names the grammar vouches for although the name model alone would not: a post before and a verb of a role
// after (县委书记王测试主持会议), a rare surname under a post or in a list (仰协), attendance by invitation
// (应邀列席). And the words the same evidence must not turn into names (应邀, 干部). Sentences quoted from
// pages of local-government news; 王测试 is the planted name of the planted-script fixture page.

const found = (text: string) => new Map(extractPeople(text).map((p) => [p.name, p]));

const VALID: { class: string; text: string; people: { [name: string]: [string[], Role[]] } }[] = [
  {
    class: "a given name the model finds unlikely, with a post before it and the verb of chairing after it",
    text: "县委书记王测试主持会议。",
    people: { 王测试: [["县委书记"], ["主持"]] },
  },
  {
    class: "the same, going on with a second verb",
    text: "县委书记王测试主持会议并讲话。",
    people: { 王测试: [["县委书记"], ["主持", "讲话"]] },
  },
  {
    class: "attendance by invitation: 应邀 between the name and 列席",
    text: "县政协副主席孙建华、吴晓红、潘立新,秘书长许文杰出席会议。副县长章海燕应邀列席会议。",
    people: { 章海燕: [["副县长"], ["出席"]], 许文杰: [["秘书长"], ["出席"]] },
  },
  {
    class: "attendance by invitation with 参加",
    text: "副市长刘守成、市法院院长郭彦、市检察院检察长吕瑶列席会议。市政协副主席金嘉祥应邀参加会议。",
    people: { 金嘉祥: [["市政协副主席"], ["出席"]], 吕瑶: [["市检察院检察长"], ["出席"]] },
  },
  {
    class: "a rare surname (仰) in a list closed by the verb of attendance",
    text: "市政协副主席张小维、敖锡贵、孙传敏、仰协,秘书长谢志迪出席会议。",
    people: { 仰协: [["市政协副主席"], ["出席"]], 孙传敏: [["市政协副主席"], ["出席"]] },
  },
  {
    class: "a rare surname right after a post",
    text: "会议由副县长仰国华主持。",
    people: { 仰国华: [["副县长"], ["主持"]] },
  },
];

const INVALID: { class: string; text: string; notNames: string[] }[] = [
  {
    class: "a word that may follow a name (应邀) after a post-like word, before the verb of attendance",
    text: "县纪委监委、县法院、县检察院、县工商联领导,部分党代表、人大代表、政协委员、市民代表应邀列席会议。",
    notNames: ["应邀"],
  },
  {
    class: "a common word after a collective label, before a verb of attendance: no post vouches for it",
    text: "工委领导戈亮、高扬、许绍杰,园区副县处级以上党员领导干部参加了学习会。",
    notNames: ["干部"],
  },
  {
    class: "a post followed by a verb with no name between",
    text: "县委书记要求出席会议的同志认真学习。",
    notNames: ["要求", "要求出"],
  },
  {
    class: "a rare surname opening a clause with nothing to vouch for it",
    text: "召开专题会议研究部署。仰望星空。",
    notNames: ["召开", "召开专", "仰望"],
  },
];

for (const row of VALID) {
  test(`vouched name: ${row.class}`, () => {
    const people = found(row.text);
    for (const [name, [posts, roles]] of Object.entries(row.people)) {
      const person = people.get(name);
      assert.ok(person, `${name} not found in ${row.text}; found ${[...people.keys()].join("、")}`);
      assert.deepEqual(person.posts, posts, name);
      assert.deepEqual(person.roles, roles, name);
    }
  });
}

for (const row of INVALID) {
  test(`not a name: ${row.class}`, () => {
    const people = found(row.text);
    for (const word of row.notNames) assert.ok(!people.has(word), `${word} taken for a name in ${row.text}`);
  });
}
