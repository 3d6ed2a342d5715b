// Meeting reports made up for the store's tests, in the shape of the county and district pages huiyi
// reads (headline, date line, who chaired, who attended, what was asked): many different pages with a few
// hundred people among them — namesakes in several districts — built here so that the tests need no
// corpus beside the repository.

const DISTRICTS = ["西青区", "滨海新区", "海淀区", "朝阳区", "浦东新区", "余杭区", "武侯区", "南山区", "江宁区", "历下区"];
const SURNAMES = [..."李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"];
const GIVEN = ["建国", "明远", "丽萍", "志强", "清华", "海涛", "晓东", "文静", "国庆", "春梅", "志刚", "玉兰"];
const TOPICS = [
  "传达学习全国两会精神，研究部署我区重点工作",
  "听取今年以来经济运行情况汇报，分析当前形势",
  "专题研究安全生产和防汛工作",
  "研究部署优化营商环境有关工作",
  "听取乡村振兴工作进展情况汇报",
  "研究推进重大项目建设有关事项",
];
const ASKS = [
  "要坚持稳中求进工作总基调，扎实推进高质量发展，确保全年目标任务圆满完成。",
  "要压实各级责任，抓好安全生产各项工作，坚决遏制重特大事故发生。",
  "要持续优化营商环境，积极帮助企业解决实际困难。",
  "要加快项目建设进度，确保重点项目按期投产见效。",
  "要扎实做好防汛准备，确保人民群众生命财产安全。",
  "要统筹推进乡村振兴，不断增加农民收入。",
  "要加强干部队伍建设，切实改进工作作风。",
  "要做好民生保障工作，办好群众急难愁盼的实事。",
];

/** A small seeded generator: the same pages every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` meeting reports as JSONL lines ({id, url, text}), one a line. */
export function meetingPages(count: number, seed = 7): string[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const person = () => pick(SURNAMES) + pick(GIVEN);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const district = pick(DISTRICTS);
    const month = 1 + (i % 12);
    const day = 1 + (i % 28);
    const asks = [...ASKS].sort(() => next() - 0.5).slice(0, 3);
    const text = [
      `${district}召开区委常委会会议`,
      `2021-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")} 来源:${district}融媒体中心`,
      `${month}月${day}日，区委书记${person()}主持召开区委常委会会议，${pick(TOPICS)}。区长${person()}，区委副书记${person()}出席会议。`,
      ...asks.map((ask, n) => `会议${n === 0 ? "指出" : "强调"}，${ask}`),
      `区领导${person()}、${person()}参加会议。`,
    ].join("\n");
    lines.push(JSON.stringify({ id: `page-${seed}-${i}`, url: `http://www.example.gov.cn/${seed}/${i}.html`, text }));
  }
  return lines;
}
