import { extract } from "../extract/index.js";
import { pagesCommand } from "./pages-command.js";

export const EXTRACT_USAGE = `用法: huiyi extract [PATH|-]... [--keep-script] [--strip-markup] [--skip STAGE[,STAGE]] [--max-page-mb N]
  读取与 clean 相同的输入,每篇文档输出一行完整记录:会议(名称、日期、地区、行政区划、类别)、人物(职务、角色)。`;

export const extractCommand = pagesCommand(EXTRACT_USAGE, extract);
