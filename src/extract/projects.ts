import { factWords } from "../lexicon/fact-words.js";
import { placesIn } from "../lexicon/divisions.js";
import type { Project } from "../types.js";
import { splitSentences } from "./clauses.js";

// Named projects: "…项目" in lists such as 中北镇中国移动京津冀(天津)西青数据中心项目、张家窝镇中升挑战生物新基地项目,
// with the town or district that opens the name as its place.

const ITEM_BREAK = /[、，,。；;：:\s“”]|以及/;
const VISIT = /^.*(来到|前往|深入到|深入|走进|到)/;
/** Where a project's name stands: in a list of projects, or after a visit (来到…项目现场). */
const LISTED = /项目[、]|[、]$|以及$/;
const LEADING_PLACE = /^([\u4e00-\u9fff]{2,8}?(?:镇|乡|街道|开发区|高新区|经开区|园区|新区))(?=[\u4e00-\u9fff])/;

export function extractProjects(text: string): Project[] {
  const { genericProject, notInProjectName } = factWords();
  const found = new Map<string, Project>();
  for (const sentence of splitSentences(text)) {
    const items = sentence.split(ITEM_BREAK);
    items.forEach((item, i) => {
      const end = item.indexOf("项目");
      if (end < 0) return;
      const visited = VISIT.test(item);
      const listed = /项目/.test(items[i - 1] ?? "") || /项目/.test(items[i + 1] ?? "");
      if (!visited && !listed && !LISTED.test(item)) return;
      let name = item.slice(0, end + 2).replace(VISIT, "");
      const stem = name.slice(0, -2);
      if (stem.length < 3 || stem.length > 24 || genericProject.test(stem) || notInProjectName.test(stem)) return;
      const place = name.match(LEADING_PLACE)?.[1] ?? placesIn(name).find((p) => p.at === 0)?.name ?? null;
      if (place && name.length - place.length >= 6) name = name.slice(place.length);
      if (!found.has(name)) found.set(name, { name, place, clue: { sentence: sentence.trim(), rule: "列举或考察中以“项目”结尾的名称" } });
    });
  }
  return [...found.values()];
}
