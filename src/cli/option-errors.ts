// Node's option parser (util.parseArgs) refuses a command line in English; a user of huiyi is told in Chinese,
// naming the option and what to write instead. Its errors carry a code but not the option, so the option is
// read from the quoted part of the message ("Option '--limit <value>' argument missing").

const OPTION = /--?[\w-]+/g;

/** The option a parser message names: the long form when both are given ("-h, --help"). */
function optionNamed(message: string): string | null {
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? "";
  return quoted.match(OPTION)?.at(-1) ?? null;
}

/** The argument that followed an option on the command line, as the user typed it. */
function valueAfter(option: string, args: string[]): string | undefined {
  const at = args.indexOf(option);
  return at >= 0 ? args[at + 1] : undefined;
}

/** Whether an error comes from Node's option parser. */
export function isOptionError(error: unknown): error is Error & { code: string } {
  return typeof (error as { code?: unknown })?.code === "string" && (error as { code: string }).code.startsWith("ERR_PARSE_ARGS");
}

/** One Chinese line for a refusal of Node's option parser, for `huiyi COMMAND` run with `args`. */
export function optionErrorMessage(error: Error & { code: string }, command: string, args: string[]): string {
  const option = optionNamed(error.message);
  const help = `(huiyi ${command} --help 列出可用的选项)`;
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `没有 ${option ?? "这个"} 选项${help}`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `多余的参数 "${/'([^']*)'/.exec(error.message)?.[1] ?? ""}":这个命令不接受路径或查询词${help}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      if (!option) break;
      if (/does not take an argument/.test(error.message)) return `${option} 是开关,不带值`;
      // "--limit -5": a value that starts with a dash is read as another option, so the value is missing.
      const next = valueAfter(option, args);
      if (/ambiguous/.test(error.message) && next?.startsWith("--")) return `${option} 缺少值(紧跟其后的 ${next} 是另一个选项)`;
      if (/ambiguous/.test(error.message) && next !== undefined) return `${option} 缺少值:"${next}" 以 - 开头,会被当作选项;确是这个值请写成 ${option}=${next}`;
      return `${option} 缺少值`;
    }
  }
  return `命令行有误${option ? `:${option}` : ""}${help}`;
}
