import assert from "node:assert/strict";
import { test } from "node:test";
import { lineRuleReason } from "../src/clean/boilerplate.js";
import { cleanBatch } from "../src/clean/index.js";
import { fixturePage } from "./helpers.js";

/** A short page cleaned on its own. */
const cleanLines = (lines: string[]) => cleanBatch([{ path: "page.txt", url: null, text: lines.join("\n"), encoding: "utf-8" }])[0]!;

// Two paragraphs quoted from a real page: a related-article summary cut off mid-sentence, and finished prose.
const SUMMARY = "8月5日,县政府召开第九次全体(扩大)会议,总结上半年各项目标任务完成情况,部署安排下半年各项重点工作。县长朱小兵,副县长陈时彪、李加生、鲁伟文、汪从永出席会议。朱小兵强调,一要认清发展...";
const PROSE = "3月25日,县十五届人大常委会召开第36次会议。县人大常委会主任张达华,副主任王旺来、施爱枝、潘泽忠、吴朝良及县人大常委会其他组成人员出席会议。";

// Lines as they reach the classifier: glosses dropped, simplified, trimmed.
const BOILERPLATE: [string, string][] = [
  ["发布日期:2021-07-26 来源:西青信息港", "日期/来源行"],
  ["来源:阜城宣传 | 作者:ance | 发布时间: 2021-01-06 | 668 次浏览: | 分享到:", "日期/来源行"],
  ["时间:2019-08-26 来源:党群工作部 点击:", "日期/来源行"],
  ["21.12.2015 10:55", "日期/来源行"],
  ["2016年12月26日 00:00:00tz2浏览量:180次", "日期/来源行"],
  ["- 2022年02月10日来源:新闻中心", "日期/来源行"],
  ["当前位置: 首页 -> 县长 -> 重要讲话 -> 正文", "导航:当前位置"],
  ["首页 > 首页头条 > 正文", "导航:栏目路径"],
  ["> 政府动态 > 镇街动态", "导航:栏目路径"],
  ["简体版 | 繁体版", "导航:版本切换"],
  ["首页 新闻中心 政务要闻", "导航:栏目菜单"],
  ["字号: 打印本页", "字号/打印"],
  ["打印本页 关闭窗口", "字号/打印"],
  ["分享到:", "分享组件"],
  ["扫一扫在手机打开当前页", "分享组件"],
  ["主办单位: 天津市西青区人民政府 版权所有 备案单位: 天津市西青区人民政府办公室", "页脚:主办/版权"],
  ["网站标识码:1201110001 津ICP备12005437号-1", "页脚:备案号"],
  ["蒙公网安备15042202000014号", "页脚:备案号"],
  ["地址: 天津市西青区杨柳青府前街2号 邮编: 300380 联系我们", "页脚:联系方式"],
  ["违法和不良信息举报电话:27392579 邮箱: xiqingxxgk@126.com", "页脚:联系方式"],
  ["wzalogo_06.png", "图片文件名"],
  ["![](/Files237/BeyondPic/2013-2/20/13022015043b4c631c4fe7d69b.jpg)", "图片文件名"],
  ["天气预报:", "天气预报"],
  ["西青区气象台2024年3月29日07时发布:今天白天晴间多云有扬沙,北风4-5级阵风6-7级转东南风3-4级;今天夜间晴间多云,东南风转东北风2-3级;气温19℃至6℃。", "天气预报"],
  ["相关文章:", "相关文章列表"],
  ["①凡本网注明“来源:德州新闻网”的所有作品,版权均属于德州新闻网,未经本网授权不得转载、摘编或利用其它方式使用上述作品。", "版权声明"],
  ["德州新闻网版权与免责声明:", "版权声明"],
  ["声明:绵阳市场信息网内容版权所有,未经许可不得转载。", "页脚:主办/版权"],
  ["(天水在线编辑:陶静) |", "编辑署名"],
  ["(编辑:徐微 编审:唐成)", "编辑署名"],
  ["责任编辑:蔡媛媛", "编辑署名"],
  ["(会议现场 何卓恒 摄)", "图片说明署名"],
  ["网友评论文明上网,理性发言", "评论组件"],
  ["本篇文章524字,读完约1分钟", "阅读提示"],
  ["信息索引号 014032126/2024-02911 生成日期 2024-11-12 公开日期 2024-11-12", "公开目录元数据"],
  ["Notice: The content above (including the pictures and videos if any) is uploaded and posted by a user", "非中文行"],
  ["|", "仅符号"],
  ["【字体：大 中 小】【打印本页】【关闭窗口】", "字号/打印"],
  ["【我要纠错】 【收藏本页】", "字号/打印"],
  ["主办：城关区人民政府办公室 承办：城关区大数据中心", "页脚:主办/版权"],
];

test("each kind of boilerplate line gets its reason", () => {
  for (const [line, reason] of BOILERPLATE) assert.equal(lineRuleReason(line), reason, line);
});

test("article lines are content, including the short and the credit-like ones", () => {
  for (const line of [
    "区委书记蔺雪峰主持会议并讲话。",
    "记者:郭敏 赵辉",
    "(本报记者 陈振伟)",
    "董晓航主持会议",
    "会议以视频形式召开。",
    "——全区一季度重点工作推进会召开 祁小青讲话 王健许勇出席",
    "会议时间定于2024年3月,各单位要提前准备。",
    "白凤祥要求,要突出重点,突破难点,确保完成全年目标任务。",
  ]) {
    assert.equal(lineRuleReason(line), null, line);
  }
});

test("menu items before the headline and after the last paragraph go, with the related-article block", () => {
  const menu = ["网站首页", "走进左旗", "政务公开", "网上服务", "政民互动"];
  const record = cleanLines([
    ...menu,
    "旗级要闻",
    "阿鲁科尔沁旗召开旗委常委会会议",
    "5月17日,旗委书记王健主持召开旗委常委会会议,研究部署春耕生产和草原防火工作。",
    "王健要求,要压实草原防火责任,确保不发生重大火情。",
    "(本报记者 陈振伟)",
    "新闻推荐",
    SUMMARY,
    ...menu,
  ]);
  assert.equal(record.removed.find((r) => r.line === "旗级要闻")?.reason, "导航:栏目菜单");
  for (const item of menu) assert.ok(!record.text.split("\n").includes(item), item);
  assert.ok(!record.text.includes("新闻推荐"));
  assert.ok(!record.text.includes("朱小兵"));
  assert.ok(record.text.includes("(本报记者 陈振伟)"));
  assert.ok(record.text.includes("王健要求"));
});

test("a line on most pages of one site is that site's boilerplate, on two pages it is not", () => {
  // A slogan written as a sentence, so only its recurrence across the site's pages marks it (the line model
  // drops a short slogan after the last paragraph on any one page).
  const slogan = "西青信息港是西青人自己的网站,记录西青的每一天。";
  const pages = ["xiqing-changweihui", "fucheng-changweihui-2021-03", "shawan-diaoyan-no-meeting", "gaoling-renda-zhuxituan"].map((name, i) => ({
    path: `${name}.txt`,
    url: `http://www.xq.gov.cn/news/${i}.html`,
    text: `${fixturePage(name)}\n${slogan}`,
    encoding: "utf-8",
  }));
  for (const record of cleanBatch(pages)) {
    assert.ok(!record.text.includes(slogan), record.source.path ?? "");
    assert.equal(record.removed.find((r) => r.line === slogan)?.reason, "站内重复:同站多页共有");
  }
  for (const record of cleanBatch(pages.slice(0, 2))) assert.ok(record.text.includes(slogan));
  const otherSites = cleanBatch(pages.map((page, i) => ({ ...page, url: `http://site${i}.gov.cn/1.html` })));
  for (const record of otherSites) assert.ok(record.text.includes(slogan));
});

test("a related-articles block holds headlines and cut-off summaries; a paragraph of finished prose after it is the article", () => {
  const summary = SUMMARY; // cut mid-sentence
  const prose = PROSE;
  // The block is dropped as a related list up to the summary; the prose line after it stays.
  const record = cleanBatch([{ path: "c007-reordered.txt", url: null, text: ["会议报道", "新闻推荐", summary, prose].join("\n"), encoding: "utf-8" }])[0]!;
  assert.ok(record.removed.some((r) => r.line === summary.trim() && r.reason === "相关文章列表"));
  assert.ok(record.text.includes(prose.trim().slice(0, 30)));
});
