// A fixture page as another site would repost it, for the near-duplicate tests.
import * as OpenCC from "opencc-js";
import { cleanFixture } from "./helpers.js";
import { FUCHENG_JANUARY } from "./written-pages.js";

export const SEED = "xiqing-changweihui";

/** The 西青 fixture page as another site would repost it: its article in traditional script, one sentence cut, another site's header and footer around it. */
export function repostOfSeed(): string {
  const article = cleanFixture(SEED).text.split("\n");
  const last = article.length - 1;
  article[last] = article[last]!.replace(/[^。]*。$/, "");
  const otherSite = FUCHENG_JANUARY.split("\n");
  const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });
  return [...otherSite.slice(0, 2), "來源:轉載 | 發布時間: 2021-07-27 | 分享到:", ...article.map(toTraditional), "版權所有:某某縣融媒體中心 備案號:冀ICP備00000000號"].join("\n");
}

