import assert from "node:assert/strict";
import { test } from "node:test";
import { extractMeeting } from "../src/extract/meeting.js";
import { placesIn, shortFormOf } from "../src/lexicon/divisions.js";
import type { Record } from "../src/types.js";

// Meeting names, places and dates on sentences quoted from real reports of many regions (short excerpts,
// inline: the tests read no corpus). Each table row is one class of page, not one page.

interface Page {
  text: string;
  title?: string | null;
  url?: string | null;
  url_date?: string | null;
  site?: string | null;
  published?: string | null;
}

/** A cleaned record as the extractor receives it. */
function recordOf(page: Page): Record {
  return {
    id: "t",
    source: { path: null, url: page.url ?? null, site: page.site ?? null, url_date: page.url_date ?? null },
    title: page.title ?? null,
    published: page.published ?? null,
    script: "simplified",
    text: page.title ? `${page.title}\n${page.text}` : page.text,
    removed: [],
    quality: { glosses: 0, garbled: [] },
    meeting: null,
    people: [],
  };
}

const meetingOf = (page: Page) => extractMeeting(recordOf(page));

test("short forms of autonomous units are made from their full names", () => {
  const valid: [string, string][] = [
    ["黔东南苗族侗族自治州", "黔东南州"],
    ["甘孜藏族自治州", "甘孜州"],
    ["楚雄彝族自治州", "楚雄州"],
    ["峨边彝族自治县", "峨边县"],
    ["双江拉祜族佤族布朗族傣族自治县", "双江县"],
    ["东乡族自治县", "东乡县"],
    ["莫力达瓦达斡尔族自治旗", "莫力达瓦旗"],
    ["广西壮族自治区", "广西"],
  ];
  for (const [full, short] of valid) assert.equal(shortFormOf(full), short, full);
  for (const plain of ["西青区", "阿拉善盟", "自治区", "滔溪镇"]) assert.equal(shortFormOf(plain), null, plain);
});

test("places of every level are found in running text; a county name inside other words is not", () => {
  const valid: [string, string][] = [
    ["1月19日,滔溪镇召开了第六届人民代表大会第七次会议。", "滔溪镇"],
    ["8月31日上午9时整,秋智乡第十五届人民代表大会第五次会议隆重开幕。", "秋智乡"],
    ["3月24日,楚雄州人民政府程鹏副州长主持召开调度会议。", "楚雄州"],
    ["盟政协十届十八次常委会会议在阿拉善盟召开", "阿拉善盟"],
    ["马鞍山市和县召开会议", "和县"],
    ["阳泉市城区召开会议", "城区"],
  ];
  for (const [text, place] of valid) assert.ok(placesIn(text).some((p) => p.name === place), `${place} in ${text}`);
  const invalid: [string, string][] = [
    ["5月23日,县长施家雄主持召开县政府党组会议和县政府2025年第16次常务会议。", "和县"],
    ["县总工会党组《关于评选劳动模范的请示》和县妇联《关于召开表彰大会的请示》", "和县"],
    ["县政协主席、城区防汛指挥所政委王红丽主持召开城区防汛紧急会议", "城区"],
  ];
  for (const [text, place] of invalid) assert.ok(!placesIn(text).some((p) => p.name === place), `no ${place} in ${text}`);
});

test("meeting names: the organ with its term and session plus the meeting, as the text gives it", () => {
  const valid: [Page, string][] = [
    [
      { title: "主席团第二次会议在州政府召开", text: "2月25日上午,黔东南苗族侗族自治州第十二届人民代表大会第六次会议主席团第二次会议在州政府召开,廖少华、罗亮权等领导出席会议。" },
      "黔东南苗族侗族自治州第十二届人民代表大会第六次会议主席团第二次会议",
    ],
    [{ text: "宁海新闻网讯(记者周韵健) 昨天上午,中国人民政治协商会议第九届宁海县委员会第二次会议举行预备会议。" }, "中国人民政治协商会议第九届宁海县委员会第二次会议预备会议"],
    [{ title: "县政府常务会议召开", text: "本报讯 5月23日,县政府党组书记、县长施家雄主持召开县政府党组会议和县政府2025年第16次常务会议。" }, "县政府党组会议和县政府2025年第16次常务会议"],
    [{ text: "11月18日,县委书记沈鹏里主持召开墨竹工卡县十届县委常委会第101次(扩大)会议。会议传达学习习近平总书记近期重要讲话精神。" }, "墨竹工卡县十届县委常委会第101次(扩大)会议"],
    [{ text: "3月2日上午,旗委书记王永军主持召开敖汉旗第十六届党委常委会第38次会议。" }, "敖汉旗第十六届党委常委会第38次会议"],
    [{ title: "区政协召开五届五十六次主席会议", text: "3月2日,区政协召开五届五十六次主席会议。区政协主席张禾波主持会议并讲话。" }, "区政协五届五十六次主席会议"],
    [{ text: "10月18日,县人大常委会党组学习中心组召开扩大学习会议,组织传达学习市党代会精神。" }, "县人大常委会党组学习中心组扩大学习会议"],
    [{ text: "2月3日,涿鹿县召开2024年工作谋划会暨推进“争一流、当冠军”活动调度会。路国云、李建富出席会议。" }, "2024年工作谋划会暨推进“争一流、当冠军”活动调度会"],
    [{ text: "5月10日下午,南昌县召开“两整治一提升”工作调度会,县委书记陈翔出席并讲话。" }, "南昌县“两整治一提升”工作调度会"],
    [{ title: "滨海新区一届人大二次会议开幕", text: "2月15日,天津市滨海新区第一届人民代表大会第二次会议在滨海国际会议中心开幕。市委副书记何立峰出席。" }, "天津市滨海新区第一届人民代表大会第二次会议"],
    [{ text: "县十六届人大常委会第十七次会议于5月29日在县行政中心召开,县人大常委会第一副主任高建设主持会议。" }, "县十六届人大常委会第十七次会议"],
    [{ text: "本报讯 全县安全生产工作会议今天上午召开,县长卢伟航出席会议并讲话。" }, "全县安全生产工作会议"],
    [{ title: "市十五届人大二次会议隆重开幕", text: "周连华主持 于海田 丛锡钢出席\n大会执行主席、主席团常务主席周连华主持会议;" }, "市十五届人大二次会议"],
    [{ text: "11月3日上午,园区工委组织召开会议,传达学习贯彻党的十八届六中全会精神。\n工委领导戈亮、高扬、许绍杰,园区副县处级以上党员领导干部参加了学习会。" }, "学习会"],
    [{ title: "县委召开理论学习中心组学习会议", text: "9月5日,县委召开会议,传达学习省委全会精神。" }, "县委理论学习中心组学习会议"],
    [{ text: "9月5日,县委召开会议,传达学习省委全会精神。" }, "县委会议"],
  ];
  for (const [page, name] of valid) assert.equal(meetingOf(page)?.name, name, page.text);
});

test("a person who chairs is not part of the meeting's name, a pronoun place neither", () => {
  const invalid: [Page, string][] = [
    [{ text: "1月15日,县长李刚主持召开交口县人民政府2026年第1次党组会议暨理论学习中心组集体学习会和第89次常务会议。" }, "县长李刚"],
    [{ text: "13日,我县召开安全生产工作会议,总结了当前我县安全生产工作中存在的问题。" }, "我县"],
  ];
  for (const [page, notInName] of invalid) {
    const name = meetingOf(page)?.name ?? "";
    assert.ok(name.length > 4 && !name.includes(notInName), `${name} without ${notInName}`);
  }
  assert.equal(meetingOf({ text: "9月28日,市委书记张三到镇里调研秋粮收购工作,察看了粮站。" }), null);
  // an organ that meets, sitting away from its hall, holds a meeting though nothing is 召开
  const away = meetingOf({ text: "12月7日,市委常委会学习践行“四下基层”优良传统,赴歙县现场办公。市委书记凌云主持会议并讲话。" });
  assert.equal(away?.name, "市委常委会赴歙县现场办公");
  assert.equal(away?.jurisdiction, "黄山市", "the holder's place (the city that holds 歙县), not where it went");
  assert.equal(meetingOf({ text: "3月5日,县政府常务会议在县城新区现场办公,研究解决项目建设难题。" })?.name, "县政府常务会议在县城新区现场办公");
  assert.equal(meetingOf({ text: "12月7日,市委书记凌云赴歙县调研,察看了项目现场。" }), null);
});

test("jurisdiction: the unit as the page names it, a bare level from the site, the outlet line or the address", () => {
  const valid: [Page, string][] = [
    [{ text: "1月19日,滔溪镇召开了第六届人民代表大会第七次会议。本次会议应到代表51名。" }, "滔溪镇"],
    [{ text: "3月24日,楚雄州人民政府程鹏副州长主持召开全州2023年3月份经济运行分析暨稳增长第2次调度会议。" }, "楚雄州"],
    [{ title: "盟政协十届十八次常委会会议召开", text: "9月10日,盟政协十届十八次常委会会议召开。", site: "阿拉善盟政协" }, "阿拉善盟"],
    [
      { title: "十三届州政协党组第17次会议暨第23次主席会议召开", text: "甘孜日报 2020年07月10日\n本网讯 7月8日,州政协主席、党组书记向秋主持召开十三届州政协党组第17次会议暨第23次主席会议,传达学习全国两会精神。" },
      "甘孜州",
    ],
    [{ title: "县政府常务会议召开", text: "内容更新时间:2025-05-30 07:56:21来源:闽侯乡音报\n本报讯 5月23日,县长施家雄主持召开县政府党组会议和县政府2025年第16次常务会议。" }, "闽侯县"],
    [{ text: "2021年5月21日上午,区政协召开二届六十四次主席会议。区政协主席王国珍主持。", url: "https://www.hzbjzx.gov.cn/index.aspx?CatalogID=835&newsId=4298" }, "滨江区"],
    [{ text: "3月25日,县十五届人大常委会召开第36次会议。县政府有关部门主要负责同志和县人大常委会办公室负责人列席会议。", url: "https://yybnet.net/maanshan/hexian/201604/809421.html" }, "和县"],
    // the page never names its county: the bare level, not a place read into a reporter's name (李文成 ≠ 文成县)
    [{ text: "德州新闻网讯(记者 李文成)5月29日,县十六届人大常委会第十七次会议召开,县人大常委会第一副主任高建设主持会议。" }, "县"],
    [{ text: "13日,我县召开安全生产工作会议,总结了当前我县安全生产工作中存在的问题。" }, "县"],
    // a county-level city's page names the city above it more often; its outlet names its own
    [{ text: "虎林新闻网讯 3月2日,市委常委会召开第12次会议,传达学习鸡西市委全会精神。\n鸡西市委常委、虎林市委书记王某主持会议。鸡西市有关部门负责人列席。" }, "虎林市"],
    [{ text: "7月21日晚,县政协主席、城区防汛指挥所政委王红丽主持召开城区防汛紧急会议,安排部署下步重点工作。" }, "县"],
    // a city's standing committee that visits one of its counties: the county's city
    [{ text: "12月7日,市委常委会学习践行“四下基层”优良传统,赴歙县现场办公。市委书记凌云主持会议并讲话。" }, "黄山市"],
  ];
  for (const [page, place] of valid) assert.equal(meetingOf(page)?.jurisdiction, place, page.text);
  // a page whose places lie in two cities names no city of its own
  assert.equal(meetingOf({ text: "6月3日,市委常委会赴歙县、当涂县调研,市委书记主持召开座谈会。" })?.jurisdiction, "市");
  assert.deepEqual(meetingOf(valid[1]![0])?.division, { code: "5323", path: ["云南省", "楚雄彝族自治州"] });
  // each place says which rule read it
  const rules = [0, 3, 5, 8].map((i) => meetingOf(valid[i]![0])?.rules?.jurisdiction);
  assert.deepEqual(rules, ["meeting.jurisdiction.named", "meeting.jurisdiction.outlet", "meeting.jurisdiction.host", "meeting.jurisdiction.level"]);
});

test("a zone is named as itself, without the places or the party that lead it; homonyms by the parents the page names", () => {
  const valid: [Page, string][] = [
    [{ text: "2月15日,天津市滨海新区第一届人民代表大会第二次会议在滨海国际会议中心开幕。" }, "滨海新区"],
    [{ text: "天津北方网讯: 昨日,中共天津市滨海新区第二届委员会第五次全体(扩大)会议召开。" }, "滨海新区"],
    [{ text: "8月23日下午,长兴岛经济区召开“两委”全体(扩大)会议,总结上半年工作。" }, "长兴岛经济区"],
  ];
  for (const [page, place] of valid) assert.equal(meetingOf(page)?.jurisdiction, place, page.text);
  // a page whose places lie in two cities names no city of its own
  assert.equal(meetingOf({ text: "6月3日,市委常委会赴歙县、当涂县调研,市委书记主持召开座谈会。" })?.jurisdiction, "市");
  const shanghai = meetingOf({
    text: "上海取得重大阶段性成果!政府部署疫情防控和经济社会发展\n5月31日下午,宝山区统筹疫情防控和经济社会发展工作会议召开,区委书记陈杰出席会议。",
  });
  assert.deepEqual(shanghai?.division, { code: "310113", path: ["上海市", "宝山区"] });
  // 宝山区 is a district of 上海 and of 双鸭山: a page that names neither leaves it unresolved
  assert.equal(meetingOf({ text: "5月31日下午,宝山区统筹疫情防控工作会议召开。" })?.division, null);
});

test("meeting dates: the day alone, relative days, the year from the address, the page's source line or an anniversary", () => {
  const valid: [Page, string][] = [
    [{ text: "3日下午,广州市市长陈建华主持召开市政府常务会议。", url: "http://156152.com/gzszfcwhy/cwhy/2014n/6y/14j117ccwhy/content/post_3013052.html" }, "2014-06-03"],
    [{ text: "宁海新闻网讯(记者周韵健) 昨天上午,中国人民政治协商会议第九届宁海县委员会第二次会议举行预备会议。", url_date: "2013-01-22" }, "2013-01-21"],
    [{ text: "2月25日上午,黔东南苗族侗族自治州第十二届人民代表大会第六次会议主席团第二次会议在州政府召开。", url: "http://www.qdn.cn/html/2011/ponews_0225/41439.shtml" }, "2011-02-25"],
    [
      { text: "上海取得重大阶段性成果!政府部署疫情防控和经济社会发展 上游新闻 2022-05-31 21:10\n6月1日开始,全市将全面恢复正常生产生活秩序。5月31日下午,宝山区统筹疫情防控和经济社会发展工作会议召开,区委书记陈杰出席会议。" },
      "2022-05-31",
    ],
    [
      { text: "6月27日上午,福田区两新组织党建工作推进会在南园街道T-PARK深港影视创意园召开。\n会后,参会领导共同欣赏了庆祝建党98周年“民族风 复兴梦”民乐专场音乐会。" },
      "2019-06-27",
    ],
    [{ title: "十三届州政协党组第17次会议暨第23次主席会议召开", text: "甘孜日报 2020年07月10日\n本网讯 7月8日,州政协主席向秋主持召开十三届州政协党组第17次会议暨第23次主席会议。", published: "2020-07-10" }, "2020-07-08"],
    [{ text: "28日上午,县委书记王某主持召开县委常委会会议。", published: "2021-08-03" }, "2021-07-28"],
  ];
  for (const [page, date] of valid) assert.equal(meetingOf(page)?.date, date, page.text);
  assert.deepEqual(
    [0, 1, 4].map((i) => meetingOf(valid[i]![0])?.rules?.date),
    ["meeting.date.day-alone", "meeting.date.relative", "meeting.date.month-day"],
  );
  // 近日 says not which day: no date rather than the page's
  assert.equal(meetingOf({ text: "近日,区政协召开主席会议,研究部署下一阶段工作。", published: "2021-03-04" })?.date, null);
});
