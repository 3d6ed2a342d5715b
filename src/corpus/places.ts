import { placeWords } from "../lexicon/divisions.js";
import { lazy } from "../lexicon/load.js";

// Which region names name no region. A page whose jurisdiction was read as a bare level word (县, 区, 市) or a
// bare zone word (经开区, 开发区) is placed nowhere in particular: every county's page saying "县" would
// otherwise be filed under one region "县" mixing unrelated places.

/** Why such pages are listed apart, in the words the user reads. */
export const UNPLACED_REASON = "页面只写了“县”“区”“经开区”等级别字样,没有写出具体地名,无法确定是哪个地区";

/** The heading they are listed under. */
export const UNPLACED = "地点不详";

const bareWords = lazy(() => new Set([...placeWords().levelOnly, ...placeWords().zoneEnds]));

/** Whether a region name is only a level or zone word, naming no particular place. */
export function isBarePlaceWord(name: string): boolean {
  return bareWords().has(name);
}
