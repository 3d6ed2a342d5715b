import { STAGE_IDS } from "../clean/index.js";
import { pagesCommand } from "./pages-command.js";

export const CLEAN_USAGE = `用法: huiyi clean [PATH|-]... [--keep-script] [--strip-markup] [--skip STAGE[,STAGE]] [--max-page-mb N]
  读取 .txt .html .htm .jsonl .warc .warc.gz 文件、文件夹或标准输入(-),
  每篇文档输出一行 JSON 记录(正文、删除的行及原因、乱码修复、注音数)。
  --strip-markup 删去文本中残留的网页标记(<p>、</div>、&nbsp; 等;默认保留原样)
  --skip 关闭某个清洗步骤(可重复): ${STAGE_IDS.join(", ")}`;

export const cleanCommand = pagesCommand(CLEAN_USAGE, (record) => record);
