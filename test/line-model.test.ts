import assert from "node:assert/strict";
import { test } from "node:test";
import { clean } from "../src/clean/index.js";
import { FEATURE_NAMES } from "../src/clean/line-features.js";
import { MODEL_DROPS } from "../src/clean/line-model.js";
import { reasonOf as catalogueReason } from "../src/lexicon/reasons.js";
import { lineModelWeights } from "../src/lexicon/line-classes.js";

// Each class of line that unseen sites hold, placed where such pages hold it around an article whose lines are
// quoted from a corpus page (dev/a034). A line is judged in its page, so every case is a whole page.

const HEADLINE = "衡水市政府召开第72次常务会议";
const LEAD = "7月14日,衡水市市长董晓航主持召开市政府第72次常务会议,传达学习习近平总书记在山西考察时的重要讲话精神,全面落实省委书记倪岳峰来衡调研讲话要求,研究市政府系统贯彻落实意见。";
const MIDDLE = "会议强调,要学深悟透习近平总书记重要讲话精神,按照省、市部署要求,扎实推进传统产业转型升级,狠抓招商引资和项目建设,持续改善生态环境质量,强化社会治安整体防控。";
const LAST = "会议要求,要深入学习贯彻倪岳峰书记调研讲话要求,选准产业赛道,汇聚资源要素,加大研发投入,加快科技成果转化,优化营商环境,推动经开区高新区高质量发展。";

type Place = "head" | "inside" | "tail";

function pageWith(line: string, place: Place): string[] {
  if (place === "head") return [line, HEADLINE, LEAD, MIDDLE, LAST];
  if (place === "inside") return [HEADLINE, LEAD, line, MIDDLE, LAST];
  return [HEADLINE, LEAD, MIDDLE, LAST, line];
}

function cleanLines(lines: string[]) {
  return clean({ path: "page.txt", url: null, text: lines.join("\n"), encoding: "utf-8" });
}

const reasonOf = (lines: string[], line: string) => cleanLines(lines).removed.find((r) => r.line === line.trim())?.reason ?? null;

const model = (kind: keyof typeof MODEL_DROPS) => catalogueReason(MODEL_DROPS[kind]);

// [line, where it stands, the reason it goes with]: lines no exact rule names, that the model judges.
const BOILERPLATE: [string, Place, string][] = [
  ["首 页 新闻中心 政务公开 政民互动 办事服务", "head", model("nav")],
  ["首页 | 新闻 | 体育 | 财经 | 娱乐", "head", model("nav")],
  ["手机版 | 电脑版", "head", model("widget")],
  ["内容更新时间:2025-05-30 07:56:21来源:闽侯乡音报", "head", model("dateLine")],
  ["甘孜日报    2020年07月10日", "head", model("dateLine")],
  ["微信图片_20230506102233.jpg", "inside", model("fileName")],
  ["图为会议现场", "inside", model("caption")],
  ["打开APP查看更多图片", "inside", model("widget")],
  ["(来源:县委办)", "tail", model("credit")],
  ["稿源:县委宣传部", "tail", model("credit")],
  ["供稿:县农业农村局", "tail", model("credit")],
  ["(供稿:县委宣传部 编发:李明)", "tail", model("credit")],
  ["文字:李四", "tail", model("credit")],
  ["监制:王五", "tail", model("credit")],
  ["编辑(一审):王明琪", "tail", model("credit")],
  ["图文:东安路街道武馨 审核领导:刘媛媛 编辑:刘洋 赵凯 编审:王新民", "tail", model("credit")],
  ["[录入者:admin", "tail", model("credit")],
  ["县融媒体中心供图", "tail", model("credit")],
  ["(南昌县农业农村局)", "tail", model("outside")],
  ["评论 3人参与", "tail", model("widget")],
  ["还没有评论,快来抢沙发吧", "tail", model("widget")],
  ["点赞和“在看”", "tail", model("widget")],
  ["投稿邮箱:mzgkxwxcb@163.com", "tail", model("contact")],
  ["咨询电话:0791-88888888", "tail", model("contact")],
  ["单位地址:南昌县莲塘镇澄湖东路", "tail", model("contact")],
  ["办公室 0791-8123456 综合科 0791-8123457", "tail", model("contact")],
];

test("each class of boilerplate line an unseen site holds goes, with the model's reason for its class", () => {
  for (const [line, place, reason] of BOILERPLATE) assert.equal(reasonOf(pageWith(line, place), line), reason, line);
});

test("exact rules stay rules: a copyright notice, a long footer with the filing number", () => {
  assert.equal(reasonOf(pageWith("(版权归南昌县人民政府所有,转载必究。)", "tail"), "(版权归南昌县人民政府所有,转载必究。)"), "版权声明");
  const footer =
    "互联网违法和不良信息举报电话:2780091 互联网违法和不良信息举报邮箱:dmdzbzhyws@zhuhai.gov.cn 网站地图 政务邮箱 联系我们 " +
    "珠海市互联网违法和不良信息举报网站 版权所有:斗门区人民政府门户网站 主办单位:珠海市斗门区人民政府办公室 网站标识码:4404030001 备案号:粤ICP备05026010号 |";
  assert.notEqual(reasonOf(pageWith(footer, "tail"), footer), null);
});

// Lines that look like boilerplate in one respect and are the article's.
const CONTENT: [string, Place][] = [
  ["记者 李娅妮", "tail"],
  ["(本报记者 陈振伟)", "tail"],
  ["文/佛山市新闻传媒中心记者刘伟 通讯员史伟宗", "tail"],
  ["董晓航主持会议", "inside"],
  ["10:05 会议听取了县发改局关于项目建设情况的汇报", "inside"],
  ["9:30 与会人员实地查看了产业园区建设情况。", "inside"],
  ["一、审议《斗门区生态环境保护工作责任清单(送审稿)》", "inside"],
  ["会议还研究了其他事项。", "tail"],
];

test("bylines, timetable lines and short headings of the article stay", () => {
  for (const [line, place] of CONTENT) assert.equal(reasonOf(pageWith(line, place), line), null, line);
});

test("a run of timetable lines inside the article stays whole", () => {
  const timetable = ["10:05 会议听取了县发改局关于项目建设情况的汇报", "10:40 与会人员实地查看产业园区", "11:20 董晓航作总结讲话"];
  const record = cleanLines([HEADLINE, LEAD, ...timetable, MIDDLE, LAST]);
  for (const line of timetable) assert.ok(record.text.split("\n").includes(line), line);
});

test("the same short line goes at the edge of the page and stays between paragraphs", () => {
  const names = "周连华主持 于海田 丛锡钢出席";
  assert.equal(reasonOf([HEADLINE, names, LEAD, MIDDLE, LAST], names), null);
  assert.notEqual(reasonOf([HEADLINE, LEAD, MIDDLE, LAST, "推荐阅读 读特热榜 IN视频"], "推荐阅读 读特热榜 IN视频"), null);
});

test("the headline is the line most like the lead, not a site name above it nor the deck below it", () => {
  assert.equal(cleanLines(["通辽经济技术开发区", HEADLINE, LEAD, MIDDLE]).title, HEADLINE);
  assert.equal(cleanLines([HEADLINE, "周连华主持 于海田 丛锡钢出席", LEAD, MIDDLE]).title, HEADLINE);
  assert.equal(cleanLines([HEADLINE, "——全区一季度重点工作推进会召开 祁小青讲话 王健许勇出席", LEAD, MIDDLE]).title, HEADLINE);
  assert.equal(cleanLines(["■县融媒体中心记者组", HEADLINE, LEAD, MIDDLE]).title, HEADLINE);
  // A headline may hold a comma and an exclamation.
  const exclaimed = "秋智乡人代会胜利召开,全票选举乡长及人大主席!";
  assert.equal(cleanLines([exclaimed, "8月31日上午9时整,在庄严的国歌声中,秋智乡第十五届人民代表大会第五次会议隆重开幕。"]).title, exclaimed);
  // The lead of a wire story is no headline.
  assert.equal(cleanLines(["东北网伊春6月29日电 6月28日傍晚,大", LEAD]).title, null);
});

test("a portal's headline line fused with source and time gives the headline and the date, and stays in the text", () => {
  const fused = "上海取得重大阶段性成果!政府部署疫情防控和经济社会发展 上游新闻     2022-05-31 21:10";
  const record = cleanLines([fused, "", "6月1日开始,全市将全面恢复正常生产生活秩序,抗疫斗争将由应急性管控转向常态化防控。"]);
  assert.equal(record.title, "上海取得重大阶段性成果!政府部署疫情防控和经济社会发展");
  assert.equal(record.published, "2022-05-31");
  assert.ok(record.text.includes("上海取得重大阶段性成果"));
});

test("the publication date is read from date lines the model found", () => {
  assert.equal(cleanLines(pageWith("内容更新时间:2025-05-30 07:56:21来源:闽侯乡音报", "head")).published, "2025-05-30");
  assert.equal(cleanLines(pageWith("甘孜日报    2020年07月10日", "head")).published, "2020-07-10");
});

test("the fitted model file matches the features the code computes", () => {
  const file = lineModelWeights();
  assert.deepEqual(file.features, [...FEATURE_NAMES]);
  assert.equal(file.weights.length, FEATURE_NAMES.length);
  assert.ok(file.threshold > 0.5 && file.threshold < 1, `threshold ${file.threshold}`);
});

test("a page the model would empty has no article to place lines around: only the exact rules speak", () => {
  assert.equal(cleanLines(["第一篇。"]).text, "第一篇。");
  assert.deepEqual(cleanLines(["第一篇。"]).removed, []);
});
