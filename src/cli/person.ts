import { parseArgs } from "node:util";
import { UsageError } from "./pages-command.js";
import { DB_OPTION, openExisting } from "./store-options.js";

export const PERSON_USAGE = `用法: huiyi person 姓名 [--db FILE] [--json]
  同名的人物按地区、职务层级区分为不同的人;每人列出出现的时间线(日期、会议、职务、角色)。`;

export async function personCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...DB_OPTION, json: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    process.stdout.write(PERSON_USAGE + "\n");
    return 0;
  }
  const name = positionals.join("").trim();
  if (!name) throw new UsageError("请给出姓名");
  const store = await openExisting(values.db);
  try {
    const persons = await store.persons(name);
    if (values.json) {
      process.stdout.write(JSON.stringify(persons) + "\n");
      return 0;
    }
    if (persons.length === 0) {
      process.stdout.write(`库中没有名叫「${name}」的人物\n`);
      return 0;
    }
    const blocks = persons.map((person) => {
      const rows = person.appearances.map(
        (a) => `  ${a.date ?? "日期不详"}  ${a.meeting ?? "(未报道会议)"}  ${a.posts.join("、") || "—"}  ${a.roles.join("、") || "提及"}  [#${a.document}]`,
      );
      return [`${person.name}(人物 #${person.id}${person.region ? ` · ${person.region}` : ""})`, ...rows].join("\n");
    });
    process.stdout.write(blocks.join("\n\n") + "\n");
    return 0;
  } finally {
    await store.close();
  }
}
