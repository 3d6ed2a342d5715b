import { factWords } from "../lexicon/fact-words.js";
import type { Indicator } from "../types.js";
import { matchesOf } from "../matches.js";
import { splitSentences } from "./clauses.js";

// Figures: 地区生产总值同比增长90.2% → name 地区生产总值, measure 同比增长, value 90.2, unit %, and the period
// the sentence gives before it (上半年).

const LEADING_NOISE = /^(其中|全区|全县|全市|全旗|我区|我县|我市|完成|实现|共|累计|分别|同比|比|主要|经济|指标)+/;

const HAS_DIGIT = /\d/;

export function extractIndicators(text: string): Indicator[] {
  const { indicator, period } = factWords();
  const found: Indicator[] = [];
  for (const sentence of splitSentences(text)) {
    // a figure is written in digits: most sentences hold none, and the pattern is costly to try at every character
    if (!HAS_DIGIT.test(sentence)) continue;
    for (const m of matchesOf(indicator, sentence)) {
      const name = m[1]!.split(/[，,、]/).pop()!.replace(LEADING_NOISE, "");
      if (name.length < 2) continue;
      const periods = matchesOf(period, sentence.slice(0, m.index!));
      found.push({
        name,
        measure: m[2]!,
        value: Number(m[3]),
        unit: m[4]!,
        period: periods.length ? periods[periods.length - 1]![0] : null,
        clue: { sentence: sentence.trim(), rule: "指标名+增减动词+数值+单位" },
      });
    }
  }
  return found;
}
