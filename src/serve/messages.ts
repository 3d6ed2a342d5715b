import type { FastifyError } from "fastify";

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

type Validation = NonNullable<FastifyError["validation"]>[number];

/** A schema complaint (already localized by ajv-i18n) as one line naming where and what. */
export function validationMessage(first: Validation | undefined, context: string | undefined): string {
  const where = WHERE[context ?? "body"] ?? "";
  const field = first?.instancePath.replace(/^\//, "") ?? "";
  const limit = (first?.params as { limit?: number } | undefined)?.limit;
  if (first?.keyword === "maxLength" && QUERY_FIELDS.has(field)) return `参数无效:查询过长(${field} 至多 ${limit} 个字)`;
  if (first?.keyword === "maxLength") return `参数无效:${where} ${field} 过长(至多 ${limit} 个字)`;
  return `参数无效:${where}${field ? ` ${field}` : ""} ${first?.message ?? ""}`.trimEnd();
}

/** Node's HTTP parser gave up on the request before the framework saw it: a reason a user can act on. */
export function unparsableRequest(code: string | undefined): { status: number; error: string } {
  // Node refuses a request line and headers over 16 KB: in practice a query of thousands of characters.
  if (code === "HPE_HEADER_OVERFLOW") return { status: 431, error: "查询过长:请求的地址和请求头合计超过 16 KB(查询词至多 200 字)" };
  return { status: 400, error: "请求无法解析:地址中的中文等字符须经百分号编码(curl 可用 -G --data-urlencode)" };
}
