import assert from "node:assert/strict";
import { test } from "node:test";
import { extractPeople } from "../src/extract/people.js";
import type { Role } from "../src/types.js";

// Classes of people the grammar and the name model must read, each pinned on sentences quoted from real pages
// of local-government news (valid: what a careful reader finds; invalid: words that are no one's name).

const found = (text: string) => new Map(extractPeople(text).map((p) => [p.name, p]));

interface Valid {
  class: string;
  text: string;
  /** name → [posts, roles]; a post list of null is not checked */
  people: { [name: string]: [string[] | null, Role[]] };
}

const VALID: Valid[] = [
  {
    class: "Uyghur name in dotted parts, after a chain of posts",
    text: "2025年3月3日,区委副书记、区政府党组书记、区长亚迪卡尔·吐尔洪同志主持召开2025年伊州区人民政府第三次常务会议。",
    people: { "亚迪卡尔·吐尔洪": [["区委副书记", "区政府党组书记", "区长"], ["主持"]] },
  },
  {
    class: "dotted name right before the verb of chairing; a last part with one character outside the transliteration set",
    text: "8月1日,疏附县召开县委常委会会议。县委书记艾尔肯·吐尔逊主持会议并讲话。县人大常委会主任买买提·图尔荪出席会议。",
    people: { "艾尔肯·吐尔逊": [["县委书记"], ["主持", "讲话"]], "买买提·图尔荪": [["县人大常委会主任"], ["出席"]] },
  },
  {
    class: "dotted name whose first part does not run back into the post",
    text: "1月6日,库尔勒市十一届人大常委会第二十四次会议召开,市人大常委会主任艾合买提·亚合甫参加会议,市人大常委会24名组成人员出席会议。",
    people: { "艾合买提·亚合甫": [["市人大常委会主任"], ["出席"]] },
  },
  {
    class: "Tibetan and Han names in one list under a post, a dotted one among them",
    text: "州委常委、统战部部长、州政协党组副书记舒大春,州政协副主席多吉扎西、孙飞、阿基布珠、龚建忠、戈教·云登嘉措、陈天康,州政协秘书长拥措出席会议。",
    people: {
      舒大春: [["州委常委", "统战部部长", "州政协党组副书记"], ["出席"]],
      多吉扎西: [["州政协副主席"], ["出席"]],
      孙飞: [["州政协副主席"], ["出席"]],
      阿基布珠: [["州政协副主席"], ["出席"]],
      龚建忠: [["州政协副主席"], ["出席"]],
      "戈教·云登嘉措": [["州政协副主席"], ["出席"]],
      陈天康: [["州政协副主席"], ["出席"]],
      拥措: [["州政协秘书长"], ["出席"]],
    },
  },
  {
    class: "Mongolian name after a post",
    text: "旗委副书记、政府旗长希尼,旗人大常委会主任宝音满都呼,旗政协主席郝伟出席。",
    people: { 宝音满都呼: [["旗人大常委会主任"], ["出席"]], 郝伟: [["旗政协主席"], ["出席"]] },
  },
  {
    class: "names before their title, inside relayed words: mentioned only",
    text: "会议传达学习习近平总书记近期重要讲话、指示、回信精神,传达学习王君正书记、肖友才书记近期讲话精神以及市委常委会(扩大)会议精神;",
    people: { 王君正: [["书记"], []], 肖友才: [["书记"], []] },
  },
  {
    class: "a name alone opening a clause, 同志 before the verb",
    text: "8月31日上午9时整,在庄严的国歌声中,秋智乡第十五届人民代表大会第五次会议隆重开幕。马兰同志主持召开。",
    people: { 马兰: [[], ["主持"]] },
  },
  {
    class: "name before its title, after the organ",
    text: "3月24日,楚雄州人民政府程鹏副州长主持召开全州2023年3月份经济运行分析暨稳增长第2次调度会议。",
    people: { 程鹏: [["副州长"], ["主持"]] },
  },
  {
    class: "a name followed by 作 + what was made: the verb is not part of the name",
    text: "最后,党委书记马兰作总结讲话,肯定了过去一年乡政府的工作。",
    people: { 马兰: [["党委书记"], ["讲话"]] },
  },
  {
    class: "a name ending in a character that is also a verb (来) before 、",
    text: "县人大常委会主任张达华,副主任王旺来、施爱枝、潘泽忠、吴朝良及县人大常委会其他组成人员出席会议。",
    people: { 王旺来: [["副主任"], ["出席"]], 施爱枝: [["副主任"], ["出席"]], 吴朝良: [["副主任"], ["出席"]] },
  },
  {
    class: "a post that follows a person and 和 starts after them",
    text: "副县长何奎、顾欣、黄欢、罗旭辉、万学成、蒋道成和县政府办主任李安模出席会议。",
    people: { 蒋道成: [["副县长"], ["出席"]], 李安模: [["县政府办主任"], ["出席"]] },
  },
  {
    class: "a deputy to a congress who relays its words speaks",
    text: "市第十一次党代会代表田文婷同志传达会议精神,首先介绍了市党代会的会议盛况。",
    people: { 田文婷: [["市第十一次党代会代表"], ["讲话"]] },
  },
  {
    class: "a name followed by 相关, in words to be studied: mentioned only",
    text: "县委书记路国云在认真听取汇报及意见后讲话指出,明确目标才能有的放矢,她要求各乡镇各部门要认真学习市长李克良相关讲话精神。",
    people: { 路国云: [["县委书记"], ["讲话"]], 李克良: [["市长"], []] },
  },
  {
    class: "a report made 向大会作…报告 is a speech",
    text: "会上,政府负责人惠晓明同志代表秋智乡人民政府向大会作第十五届人民政府工作报告。",
    people: { 惠晓明: [["政府负责人"], ["讲话"]] },
  },
  {
    class: "people appointed: names, then 为 and the post",
    text: "会议进行了人事任免,任命赵海洋、董冲、朱平生为区人民政府副区长,张东方为区教育体育局局长;任命吕洪武、谢登魁为区监察委员会副主任,申永杰等3名同志为区监察委员会委员。",
    people: {
      赵海洋: [["区人民政府副区长"], []],
      朱平生: [["区人民政府副区长"], []],
      张东方: [["区教育体育局局长"], []],
      谢登魁: [["区监察委员会副主任"], []],
      申永杰: [["区监察委员会委员"], []],
    },
  },
  {
    class: "a list opening a line, one name the model doubts among others, closed by one verb",
    text: "粟多能、冯仕文、张仕福、耿生茂、李程、朱元俊也出席了会议,出席会议的还有:主席团其他成员,州人民政府副州长。",
    people: { 粟多能: [[], ["出席"]], 李程: [[], ["出席"]], 朱元俊: [[], ["出席"]] },
  },
  {
    class: "a headline giving roles, names set apart by spaces",
    text: "周连华主持 于海田 丛锡钢出席",
    people: { 周连华: [[], ["主持"]], 于海田: [[], ["出席"]], 丛锡钢: [[], ["出席"]] },
  },
  {
    class: "a list announced by 出席…的还有：",
    text: "出席大会并在主席台就座的还有:周清利、陈家金、郭利民、尚龙江、初炳玉等。",
    people: { 周清利: [[], ["出席"]], 尚龙江: [[], ["出席"]], 初炳玉: [[], ["出席"]] },
  },
  {
    class: "executive chairs after a colon: the post heads them and they attend",
    text: "会议由县政协副主席赵小强主持。\n大会执行主席是:赵小强、王京生、宗新武、康启路、郭飞鹏。",
    people: { 王京生: [["大会执行主席"], ["出席"]], 郭飞鹏: [["大会执行主席"], ["出席"]] },
  },
  {
    class: "executive chairs seated on the rostrum attend; one of them presides",
    text: "大会执行主席王天军、王永福、王海宁、王金、马锐锋、杨玉洲、蒋耀强、马刚、马廷云在主席台就座。马锐锋主持会议。",
    people: { 王天军: [["大会执行主席"], ["出席"]], 马刚: [["大会执行主席"], ["出席"]], 马锐锋: [["大会执行主席"], ["主持", "出席"]] },
  },
  {
    class: "a report heard at the meeting is the reporter's speech",
    text: "会议听取了斗门生态环境分局局长梁其明同志关于《斗门区生态环境保护工作责任清单(送审稿)》的情况汇报。",
    people: { 梁其明: [["斗门生态环境分局局长"], ["讲话"]] },
  },
  {
    class: "a report relayed from another meeting: its speaker is only mentioned",
    text: "市第十一次党代会代表田文婷同志传达会议精神,首先介绍了市党代会的会议盛况,全文传达学习了龚文密书记代表中共邵阳市第十届委员会所作的报告。",
    people: { 龚文密: [["书记"], []] },
  },
  {
    class: "an instruction in writing is no speech at this meeting",
    text: "会议还传达学习中共中央、国务院印发的《党政机关厉行节约反对浪费条例》,以及吴贤德市长批示要求,研究县政府初步贯彻意见。",
    people: { 吴贤德: [["市长"], []] },
  },
  {
    class: "what a higher leader did elsewhere, told of their relayed words",
    text: "会议还传达学习中央政治局常委、全国人大常委会委员长赵乐际在福建调研和开展执法检查时的讲话精神,中共中央政治局委员、国务院副总理张国清出席第八届数字中国建设峰会和在闽调研时的讲话精神。",
    people: { 赵乐际: [["中央政治局常委", "全国人大常委会委员长"], []], 张国清: [null, []] },
  },
  {
    class: "two people named in a row, counted (两名同志)",
    text: "谢波、杨景宪两名同志分别以全票当选为滔溪镇人民政府镇长和镇人大主席团主席。",
    people: { 谢波: [null, []], 杨景宪: [null, []] },
  },
  // The next two take a corpus sentence (区人大常委会主任王洪茹、区政协主席苑树发出席) and write its names the way
  // other pages do: with a character outside the basic block, and with a space that lines names up.
  {
    class: "one name heading a counted group, opening its clause (等7名委员); a written speech is a speech",
    text: "李向宏等7名委员围绕加大信贷支持力度、加强乡风文明、发展中医药事业、规范合作社运行等工作作了书面发言。",
    people: { 李向宏: [[], ["讲话"]] },
  },
  {
    class: "names with characters of CJK extensions A and E",
    text: "区人大常委会主任王㛃、区政协主席苑𬌗发出席。",
    people: { 王㛃: [["区人大常委会主任"], ["出席"]], 苑𬌗发: [["区政协主席"], ["出席"]] },
  },
  {
    class: "a two-character name with a space between its characters",
    text: "区人大常委会主任王  伟、区政协主席苑树发出席。",
    people: { 王伟: [["区人大常委会主任"], ["出席"]], 苑树发: [["区政协主席"], ["出席"]] },
  },
];

for (const row of VALID) {
  test(`found: ${row.class}`, () => {
    const people = found(row.text);
    for (const [name, [posts, roles]] of Object.entries(row.people)) {
      const person = people.get(name);
      assert.ok(person, `${name} not found in ${row.text}`);
      if (posts) assert.deepEqual(person.posts, posts, name);
      assert.deepEqual(person.roles, roles, name);
    }
  });
}

interface Invalid {
  class: string;
  text: string;
  /** strings that must not be taken for names */
  notNames: string[];
}

const INVALID: Invalid[] = [
  { class: "a word opening with a surname character fused with the next (干部要)", text: "领导干部要在遵守八项规定中起表率作用,在抓落实上下功夫,真正做到“踏石留印,抓铁有痕”。", notNames: ["干部要", "干部"] },
  { class: "a verb after a post (应邀)", text: "市中级人民法院院长,市人民检察院检察长,宁夏民族职业技术学院院长应邀在主席台就座,听取委员发言。", notNames: ["应邀"] },
  { class: "a word after a post-like title (成员单位工作)", text: "听取城区防汛成员单位工作情况汇报,安排部署下一步防汛工作。", notNames: ["单位工", "单位"] },
  { class: "a function word after a title (总书记关于)", text: "会议专题学习了《习近平总书记关于“三农”工作的重要论述》。", notNames: ["关于"] },
  { class: "a byline of names set apart by spaces", text: "武山县融媒体中心1月29日讯(记者 赵超 张丁香 李益 董世雄 王越 张燕燕 实习生 李东阳)1月29日下午,政协武山县第九届委员会第五次会议召开第二次全体会议。", notNames: ["赵超", "张丁香", "董世雄", "张燕燕"] },
  { class: "a common word after a collective label (领导班子)", text: "特别是换届后的新一届领导班子,任期与“十四五”高度契合。", notNames: ["班子", "高度"] },
  { class: "a dotted title of an event, not a person", text: "听取第五届“格桑花开·南京墨竹周”活动开展情况汇报并安排部署相关工作。", notNames: ["格桑花开·南京墨竹周", "南京墨竹周"] },
  { class: "a word jieba also lists as a name, opening a clause with a verb (周密部署)", text: "要竭尽全力做好会议筹备工作,精心组织,周密部署,不断完善细化各项工作。", notNames: ["周密"] },
  { class: "a group counted after words that name no one (驻村干部等5名同志)", text: "驻村干部等5名同志参加会议。", notNames: ["驻村干部", "驻村", "村干部"] },
  { class: "a name fused with the verb after it (马兰作)", text: "最后,党委书记马兰作总结讲话。", notNames: ["马兰作"] },
];

for (const row of INVALID) {
  test(`not a name: ${row.class}`, () => {
    const names = [...found(row.text).keys()];
    for (const word of row.notNames) assert.ok(!names.includes(word), `${word} taken for a name in ${row.text}`);
  });
}

test("every person found keeps a stable rule id with the reason a reader sees", () => {
  const people = extractPeople("州政协副主席多吉扎西、孙飞出席会议。传达学习王君正书记近期讲话精神。");
  assert.deepEqual(
    people.map((p) => [p.name, p.clues?.[0]?.id]),
    [
      ["多吉扎西", "people.post-before-name"],
      ["孙飞", "people.post-before-name"],
      ["王君正", "people.name-before-title"],
    ],
  );
  for (const p of people) assert.match(p.clues?.[0]?.rule ?? "", /[\u4e00-\u9fff]/);
});
