// Three short pages written for the person index and trend tests: two officials of one name, 王建平, told apart
// by their posts and places. One is 衡水's city secretary, seen only at a meeting in a county he visited (枣强县):
// his post, not the meeting, places him. The other is 惠东县's county head, seen twice in two years.
// Written in the shapes the corpus shows, not copied from it.

/** 衡水市委书记 王建平 chairs a meeting in 枣强县 (March 2023). */
export const CITY_SECRETARY_VISITING = [
  "首页 > 枣强要闻",
  "枣强县召开高标准农田建设推进会",
  "发布时间:2023-03-11",
  "3月10日,衡水市委书记王建平到枣强县调研,并主持召开高标准农田建设推进会。",
  "县委书记刘海涛汇报了全县高标准农田建设情况。",
  "王建平强调,要扛牢粮食安全责任,确保建设任务按期完成。",
].join("\n");

/** 惠东县's county head 王建平 chairs the county government's standing meeting (June 2023). */
export const COUNTY_HEAD_2023 = [
  "首页 > 政务动态",
  "惠东县召开县政府常务会议",
  "发布时间:2023-06-21",
  "6月20日,县委副书记、县长王建平主持召开县政府常务会议,研究部署防汛救灾和安全生产工作。",
  "副县长陈志强出席会议。",
  "王建平要求,要压实防汛责任,确保群众生命财产安全。",
].join("\n");

/** The same county head a year before (April 2022). */
export const COUNTY_HEAD_2022 = [
  "首页 > 政务动态",
  "惠东县召开防汛工作会议",
  "发布时间:2022-04-02",
  "4月1日,县委副书记、县长王建平主持召开全县防汛工作会议。",
  "王建平强调,要落实防汛责任,做好汛前准备。",
].join("\n");

/** The same city secretary at a meeting the county itself holds (May 2023): the county's page, not his. */
export const CITY_SECRETARY_AT_COUNTY_MEETING = [
  "首页 > 枣强要闻",
  "枣强县召开高标准农田建设推进会",
  "发布时间:2023-05-09",
  "5月8日,枣强县召开高标准农田建设推进会。衡水市委书记王建平出席会议并讲话,县委书记刘海涛主持会议。",
  "王建平强调,要扛牢粮食安全责任,确保建设任务按期完成。",
  "刘海涛要求,各乡镇要倒排工期,挂图作战。",
].join("\n");
