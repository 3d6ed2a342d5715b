import type { FastifyError } from "fastify";
import { dateProblem } from "./date-range.js";

// What the API says, in Chinese, about a request it refuses before any route runs: the framework's own
// errors (body not JSON, wrong media type, too large …) and the schema's complaints, each about its real cause.

const FRAMEWORK: { [code: string]: string } = {
  FST_ERR_CTP_INVALID_JSON_BODY: "请求体不是有效的 JSON",
  FST_ERR_CTP_EMPTY_JSON_BODY: "请求体为空:声明了 application/json 就须带上 JSON 内容",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "不支持这种请求体类型,请用 application/json",
  FST_ERR_CTP_BODY_TOO_LARGE: "请求体过大",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "请求体长度与 Content-Length 不符",
  FST_ERR_BAD_URL: "请求地址无法解析",
  FST_ERR_NOT_FOUND: "没有这个地址",
};

/** The framework's refusal in Chinese; a code it does not know still gets a Chinese line with the status. */
export function frameworkMessage(error: FastifyError): string {
  return FRAMEWORK[error.code] ?? `请求无效(${error.statusCode ?? 400})`;
}

const WHERE: { [context: string]: string } = { querystring: "查询参数", params: "路径参数", body: "请求体", headers: "请求头" };
/** Fields that hold words to look for: too long, they are a query too long, not a bad parameter. */
const QUERY_FIELDS = new Set(["q", "terms"]);
const DATE_FIELDS = new Set(["from", "to"]);

type Validation = NonNullable<FastifyError["validation"]>[number];

/** ajv-i18n leaves the schema's type names in English ("应当是 integer 类型"). */
const TYPES: { [type: string]: string } = { integer: "整数", number: "数字", string: "字符串", boolean: "true 或 false", object: "对象", array: "数组" };

/**
 * A schema complaint (already localized by ajv-i18n) as one line naming where and what. The schema is validated
 * with ajv's `verbose`, so a complaint carries the value it refused, for the messages that quote it.
 */
export function validationMessage(first: Validation | undefined, context: string | undefined): string {
  const where = WHERE[context ?? "body"] ?? "";
  const field = first?.instancePath.replace(/^\//, "") ?? "";
  const params = (first?.params ?? {}) as { limit?: number; allowedValues?: unknown[]; type?: string };
  const data = (first as { data?: unknown } | undefined)?.data;
  const named = `参数无效:${where}${field ? ` ${field}` : ""}`;
  switch (first?.keyword) {
    case "maxLength":
      return QUERY_FIELDS.has(field) ? `参数无效:查询过长(${field} 至多 ${params.limit} 个字)` : `${named} 过长(至多 ${params.limit} 个字)`;
    case "pattern":
      // Only the date filters have a pattern: say what a date looks like, not the regular expression.
      if (DATE_FIELDS.has(field) && typeof data === "string") return `参数无效:${dateProblem(data, field) ?? `${field} 不是日期`}`;
      break;
    case "enum":
      return `${named} 只能是 ${(params.allowedValues ?? []).join("、")} 之一${typeof data === "string" ? `,收到 "${data}"` : ""}`;
    case "type":
      if (params.type && TYPES[params.type]) return `${named} 应当是${TYPES[params.type]}${typeof data === "string" ? `,收到 "${data}"` : ""}`;
      break;
  }
  return `${named} ${first?.message ?? ""}`.trimEnd();
}

/** Node's HTTP parser gave up on the request before the framework saw it: a reason a user can act on. */
export function unparsableRequest(code: string | undefined): { status: number; error: string } {
  // Node refuses a request line and headers over 16 KB: in practice a query of thousands of characters.
  if (code === "HPE_HEADER_OVERFLOW") return { status: 431, error: "查询过长:请求的地址和请求头合计超过 16 KB(查询词至多 200 字)" };
  return { status: 400, error: "请求无法解析:地址中的中文等字符须经百分号编码(curl 可用 -G --data-urlencode)" };
}
