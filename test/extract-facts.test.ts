import assert from "node:assert/strict";
import { test } from "node:test";
import { extractDirectives } from "../src/extract/directives.js";
import { extractIndicators } from "../src/extract/indicators.js";
import { extractProjects } from "../src/extract/projects.js";

test("directives: each 要… a speaker laid down, split at ；, with the speaker; 会议强调 speaks for nobody", () => {
  const text = [
    "李清要求,要统筹产业升级和项目引建两个重点,持续提高发展质效;要统筹深化改革和科技创新两个动力,持续增强发展动能。",
    "会议强调,要紧盯岁末年初关键节点,确保安全生产形势稳定。",
  ].join("\n");
  const directives = extractDirectives(text, [{ name: "李清", posts: [], roles: [] }]);
  assert.deepEqual(
    directives.map((d) => [d.speaker, d.text]),
    [
      ["李清", "要统筹产业升级和项目引建两个重点,持续提高发展质效"],
      ["李清", "要统筹深化改革和科技创新两个动力,持续增强发展动能"],
      [null, "要紧盯岁末年初关键节点,确保安全生产形势稳定"],
    ],
  );
  assert.equal(directives[0]!.clue?.sentence.startsWith("要统筹产业升级"), true);
});

test("projects: named projects in a list of visits, with the town that opens each name", () => {
  const text = "西青区领导一行先后来到中北镇中国移动京津冀(天津)西青数据中心项目、张家窝镇中升挑战生物新基地项目、精武镇正威新材料项目以及经开集团瑞能电气项目现场进行考察调研。要抓好市级重点项目。";
  assert.deepEqual(
    extractProjects(text).map((p) => [p.name, p.place]),
    [
      ["中国移动京津冀(天津)西青数据中心项目", "中北镇"],
      ["中升挑战生物新基地项目", "张家窝镇"],
      ["正威新材料项目", "精武镇"],
      ["经开集团瑞能电气项目", null],
    ],
  );
});

test("indicators: name, measure, value, unit and the period the sentence gives", () => {
  const text = "上半年,地区生产总值同比增长90.2%,规上工业增加值同比增长156.1%,港口吞吐量同比增长61.8%,主要经济指标大幅增长。";
  assert.deepEqual(
    extractIndicators(text).map(({ name, measure, value, unit, period }) => ({ name, measure, value, unit, period })),
    [
      { name: "地区生产总值", measure: "同比增长", value: 90.2, unit: "%", period: "上半年" },
      { name: "规上工业增加值", measure: "同比增长", value: 156.1, unit: "%", period: "上半年" },
      { name: "港口吞吐量", measure: "同比增长", value: 61.8, unit: "%", period: "上半年" },
    ],
  );
});
