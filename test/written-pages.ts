// Short pages written for the tests that need a second report beside a fixture page (same county, another
// month; the same name in another province). Written in the shapes the corpus shows, not copied from it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** 阜城县's standing committee in January 2021, chaired by the county secretary 申文霞 (as in the March fixture). */
export const FUCHENG_JANUARY = [
  "当前位置:首页 > 阜城新闻 > 县内要闻",
  "阜城县召开县委常委(扩大)会 传达学习中央经济工作会议精神",
  "来源:阜城县融媒体中心 | 发布时间: 2021-01-06 | 浏览次数: 305",
  "      1月5日,县委书记申文霞主持召开县委常委(扩大)会,传达学习中央经济工作会议和省委经济工作会议精神,研究部署我县贯彻落实意见。",
  "      申文霞强调,今年是“十四五”开局之年,全县上下要锚定高质量发展目标,抓好冬季大气污染防治和疫情防控各项工作,确保群众温暖过冬。",
  "      会议还研究了全县重点项目谋划储备、年终岁末安全稳定等事项。",
  "版权所有:中共阜城县委宣传部 冀ICP备12345678号",
].join("\n");

/** A banner's secretary 王健 in Inner Mongolia: the name of 天衢新区's deputy commander, another person. */
export const WANGJIAN_BANNER = [
  "首页 > 旗内要闻",
  "阿鲁科尔沁旗召开旗委常委会会议",
  "发布时间:2022-05-18",
  "5月17日,旗委书记王健主持召开旗委常委会会议,研究部署春耕生产和草原防火工作。",
  "旗委副书记、旗长赵志刚,旗委副书记孟和巴特尔出席会议。",
  "王健要求,要压实草原防火责任,确保不发生重大火情。",
].join("\n");

/** Writes a written page to a folder and gives its path. */
export function writePage(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
