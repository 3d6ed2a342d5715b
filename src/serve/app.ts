import fastifyCompress from "@fastify/compress";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import zh from "ajv-i18n/localize/zh/index.js";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { timingSafeEqual } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../errors.js";
import { FOLLOW_UP_STATUSES, SEARCH_SORTS, type FollowUpStatus, type SearchSort, type Store } from "../store/store.js";
import { BusyError } from "../store/busy.js";
import { dateRangeProblem } from "./date-range.js";
import { hostCheck, portOf } from "./host-check.js";
import { frameworkMessage, unparsableRequest, validationMessage } from "./messages.js";
import { EXPORT_FORMATS, type ExportFormat } from "./export-format.js";
import { APPEARANCE_TABLE, DOCUMENT_TABLE, documentJson, filteredDocuments, LEDGER_TABLE, ledgerEntries, SEARCH_EXPORT_LIMIT, searchDocuments, sendExport, TREND_TABLE, trendPoints } from "./export.js";
import { postsOverTime } from "./posts-over-time.js";
import { rawViewOf } from "./raw-view.js";
import { cacheControlOf } from "./static-cache.js";

// The JSON API over a corpus (described at /api/openapi.json) and the web app built from web/. Every route
// declares its parameters, so bad input is answered 400 before it reaches the store; only the directive
// follow-up writes, and only with the token.

export interface AppOptions {
  store: Store;
  /** what a write must carry as `Authorization: Bearer …` */
  token: string;
  /** the built web app (web/dist); absent, / explains how to build it */
  webRoot: string | null;
  /** the address the server listens on (--host): requests must name it, or a loopback name, as their Host */
  host?: string;
}

/** The query language (src/search/query.ts), as the API documents it. */
const QUERY_LANGUAGE =
  "查询词;空则按日期列出。多个词须同时出现;\"加引号\" 的短语须连续出现;招商 OR 引资 两者有其一即可(OR 须大写);" +
  "-引资 表示不得出现(减号紧贴词、短语或括号);(招商 OR 引资) 项目 用括号分组。繁体、全角与简体同样有效。";
const DATE = "^\\d{4}(-\\d{2}(-\\d{2})?)?$";
const text = (maxLength: number, description: string) => ({ type: "string", minLength: 1, maxLength, description }) as const;
const FILTERS = {
  region: text(40, "省、市、县名或行政区划代码"),
  from: { type: "string", pattern: DATE, description: "起始日期 YYYY、YYYY-MM 或 YYYY-MM-DD" },
  to: { type: "string", pattern: DATE, description: "截止日期,同上" },
} as const;
/** The fields given, without the ones left out: a request names only what the user asked for. */
const defined = <T extends object>(fields: T) => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
const PAGE = (largest: number) =>
  ({
    limit: { type: "integer", minimum: 1, maximum: largest, default: Math.min(20, largest) },
    offset: { type: "integer", minimum: 0, maximum: 10000, default: 0 },
  }) as const;
const ID = { type: "object", required: ["id"], properties: { id: { type: "integer", minimum: 1 } } } as const;
const object = { type: "object", additionalProperties: true } as const;
const answer = (description: string) => ({ 200: { description, ...object }, 400: { description: "参数无效", ...object } });

/** Equal tokens, compared in constant time. */
function sameToken(given: string, token: string): boolean {
  const [a, b] = [Buffer.from(given), Buffer.from(token)];
  return a.length === b.length && timingSafeEqual(a, b);
}

// A CommonJS module whose export is the function itself (its typings describe an ES default export).
const localizeZh = zh as unknown as (errors: NonNullable<FastifyError["validation"]>) => void;

const fail = (reply: FastifyReply, status: number, error: string) => reply.code(status).send({ error });

export async function buildApp({ store, token, webRoot, host = "127.0.0.1" }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    // verbose: a complaint carries the refused value, which the Chinese messages quote (see messages.ts).
    ajv: { customOptions: { removeAdditional: false, verbose: true } },
    // A request Node cannot parse at all: Chinese in the address not percent-encoded (as curl sends it), or an
    // address longer than Node reads.
    clientErrorHandler: (error, socket) => {
      const { status, error: message } = unparsableRequest((error as NodeJS.ErrnoException).code);
      const body = JSON.stringify({ error: message });
      const reason = status === 431 ? "Request Header Fields Too Large" : "Bad Request";
      if (socket.writable) socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      else socket.destroy();
    },
  });
  // br or gzip, whichever the client takes, for the API's JSON as for the app's files.
  await app.register(fastifyCompress, { global: true, encodings: ["br", "gzip"] });
  app.addHook("onRequest", hostCheck(host, () => (app.server.listening ? portOf(app.server.address()) : null)));
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.0.3",
      info: { title: "huiyi API", version: "1", description: "地方政府会议新闻语料库:检索、文档、人物、地区、词频趋势与指示台账。写操作需要启动时打印的令牌(Authorization: Bearer …)。" },
      components: { securitySchemes: { token: { type: "http", scheme: "bearer" } } },
    },
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      localizeZh(error.validation);
      return fail(reply, 400, validationMessage(error.validation[0], error.validationContext));
    }
    // Another program held the corpus's write lock for longer than a write waits: try again, not a fault.
    if (error instanceof BusyError) return fail(reply.header("retry-after", "1"), 503, error.message);
    if (error instanceof UserError) return fail(reply, 400, error.message);
    if (error.statusCode && error.statusCode < 500) return fail(reply, error.statusCode, frameworkMessage(error));
    request.log.error(error);
    process.stderr.write(`huiyi serve: ${request.method} ${request.url}: ${error.message}\n`);
    return fail(reply, 500, "服务器内部错误");
  });

  // Dates are checked against the calendar (the schema checks only their form): 2020-02-31 is refused, not read as March.
  app.addHook("preHandler", async (request) => {
    const { from, to } = (request.query ?? {}) as { from?: unknown; to?: unknown };
    const problem = dateRangeProblem(typeof from === "string" ? from : undefined, typeof to === "string" ? to : undefined, (key) => key);
    if (problem) throw new UserError(`参数无效:${problem}`);
  });
  app.setNotFoundHandler(async (request, reply) => fail(reply, 404, `没有这个地址:${request.method} ${request.url.split("?")[0]}`));

  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  app.get(
    "/api/search",
    {
      schema: {
        summary: "全文检索(或按条件浏览),附分面统计",
        querystring: {
          type: "object",
          properties: {
            q: { type: "string", maxLength: 200, default: "", description: QUERY_LANGUAGE },
            ...FILTERS,
            person: text(20, "人物姓名(同名者都算)"),
            personId: { type: "integer", minimum: 1, description: "人物编号(只算此人,不算同名者;见 /api/persons)" },
            kind: text(20, "会议类别"),
            sort: { type: "string", enum: [...SEARCH_SORTS], default: "relevance", description: "relevance 按相关度(BM25;无查询词时按日期);date 按日期,新的在前" },
            ...PAGE(50),
          },
        },
        response: answer("命中的文档(每组近似重复一篇)、总数与分面"),
      },
    },
    async (request) => {
      // Only the declared parameters reach the store: an unknown one (facets=false) must not override a field.
      const { q, limit, offset, sort, region, person, personId, kind, from, to } = request.query as { q: string; limit: number; offset: number; sort: SearchSort; region?: string; person?: string; personId?: number; kind?: string; from?: string; to?: string };
      return store.search({ query: q, limit, offset, sort, facets: true, ...defined({ region, person, personId, kind, from, to }) });
    },
  );

  app.get(
    "/api/documents/:id",
    { schema: { summary: "一篇文档:干净正文、抽取结果、删除行及原因、转载", params: ID, response: { ...answer("文档"), 404: { description: "没有这篇文档", ...object } } } },
    async (request, reply) => {
      const { id } = request.params as { id: number };
      const stored = await store.document(id);
      if (!stored) return fail(reply, 404, `没有编号为 ${id} 的文档`);
      return { ...stored, people: stored.record.people.map((person, i) => ({ ...person, id: stored.personIds[i] ?? null })) };
    },
  );

  app.get(
    "/api/documents/:id/raw",
    {
      schema: {
        summary: "原始页面:逐行标出删除的行及原因、去掉的拼音注音、修复的乱码",
        params: ID,
        response: { ...answer("原始页面的各行"), 404: { description: "没有这篇文档,或存入时未保留原始页面", ...object } },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: number };
      const [stored, raw] = await Promise.all([store.document(id), store.rawText(id)]);
      if (!stored) return fail(reply, 404, `没有编号为 ${id} 的文档`);
      if (raw === null) return fail(reply, 404, `文档 ${id} 存入时没有保留原始页面`);
      return rawViewOf(raw, stored.record);
    },
  );

  app.get(
    "/api/persons",
    {
      schema: {
        summary: "人物索引与检索:姓名含 q 的人物(q 为空时列出全部),同名者分列;给 name 时返回该姓名各人的时间线",
        querystring: {
          type: "object",
          properties: { q: { type: "string", maxLength: 20, default: "", description: "姓名中的字(为空则列出全部)" }, name: text(20, "完整姓名:返回同名各人的时间线"), ...PAGE(100) },
        },
        response: answer("人物(地点按职务所在地,其次会议地点)、任职、年份、出现篇数(每组近似重复计一次)"),
      },
    },
    async (request) => {
      const { q, name, limit, offset } = request.query as { q: string; name?: string; limit: number; offset: number };
      if (name !== undefined) return { persons: await store.persons(name) };
      return store.personIndex(q, limit, offset);
    },
  );

  app.get(
    "/api/persons/:id",
    { schema: { summary: "人物:出现时间线、任职变化、常同场者、按职务所定的地点、同名的其他人物", params: ID, response: { ...answer("人物"), 404: { description: "没有此人", ...object } } } },
    async (request, reply) => {
      const { id } = request.params as { id: number };
      const timeline = await store.person(id);
      if (!timeline) return fail(reply, 404, `没有编号为 ${id} 的人物`);
      return { ...timeline, posts: postsOverTime(timeline.appearances), companions: await store.companions(id, 10) };
    },
  );

  app.get(
    "/api/regions/:name",
    {
      schema: {
        summary: "地区:每月会议数、下级地区、常见人物、指示主题",
        params: { type: "object", required: ["name"], properties: { name: text(40, "省、市、县名") } },
        response: { ...answer("地区概况"), 404: { description: "库中没有这个地区的文档", ...object } },
      },
    },
    async (request, reply) => {
      const { name } = request.params as { name: string };
      return (await store.region(name)) ?? fail(reply, 404, `库中没有"${name}"的文档`);
    },
  );

  app.get(
    "/api/trends",
    {
      schema: {
        summary: "词语随时间的文档数与占比(该期含此词的文档 / 该期全部文档,每组近似重复计一次)",
        querystring: {
          type: "object",
          required: ["terms"],
          properties: { terms: { type: "string", minLength: 1, maxLength: 200, description: "以逗号或顿号分隔的词,至多 6 个" }, ...FILTERS, by: { type: "string", enum: ["month", "year"], default: "month" } },
        },
        response: answer("每个词的时间序列"),
      },
    },
    async (request, reply) => {
      const { terms, by, region, from, to } = request.query as { terms: string; by: "month" | "year"; region?: string; from?: string; to?: string };
      const filters = defined({ region, from, to });
      const list = [...new Set(terms.split(/[,，、]/).map((term) => term.trim()).filter(Boolean))];
      if (list.length === 0 || list.length > 6) return fail(reply, 400, "请给出 1 至 6 个词");
      return { by, series: await store.trends({ terms: list, by, ...filters }) };
    },
  );

  app.get(
    "/api/directives",
    {
      schema: {
        summary: "指示台账:可按地区、讲话人、主题、跟进状态、日期筛选",
        querystring: {
          type: "object",
          properties: { ...FILTERS, speaker: text(20, "讲话人"), theme: text(20, "主题"), status: { type: "string", enum: [...FOLLOW_UP_STATUSES] }, ...PAGE(100) },
        },
        response: answer("指示及其跟进"),
      },
    },
    async (request) => {
      const { region, from, to, speaker, theme, status, limit, offset } = request.query as Parameters<Store["directives"]>[0];
      return store.directives(defined({ region, from, to, speaker, theme, status, limit, offset }));
    },
  );

  app.put(
    "/api/directives/:id",
    {
      schema: {
        summary: "设定一条指示的跟进状态与备注(需要令牌)",
        security: [{ token: [] }],
        params: ID,
        body: {
          type: "object",
          required: ["status"],
          additionalProperties: false,
          properties: { status: { type: "string", enum: [...FOLLOW_UP_STATUSES] }, note: { type: "string", maxLength: 2000, default: "" } },
        },
        response: { ...answer("更新后的指示"), 401: { description: "缺少或错误的令牌", ...object }, 404: { description: "没有这条指示", ...object } },
      },
      // The token is checked before the body is read: without it, nothing about the request matters.
      onRequest: async (request: FastifyRequest, reply: FastifyReply) => {
        const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
        if (!given || !sameToken(given, token)) return fail(reply, 401, "写操作需要启动时打印的令牌(Authorization: Bearer …)");
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: number };
      const { status, note } = request.body as { status: FollowUpStatus; note: string };
      return (await store.followUp(id, status, note)) ?? fail(reply, 404, `没有编号为 ${id} 的指示`);
    },
  );

  app.get(
    "/api/permalinks/:key",
    {
      schema: {
        summary: "永久链接:按页面键(原网址与原文的散列,重新导入同一页面不变)找到文档",
        params: { type: "object", required: ["key"], properties: { key: { type: "string", pattern: "^[0-9a-f]{64}$", description: "页面键,64 位十六进制" } } },
        response: { ...answer("文档编号"), 404: { description: "库中没有这个页面", ...object } },
      },
    },
    async (request, reply) => {
      const { key } = request.params as { key: string };
      const id = await store.documentByPageKey(key);
      return id === null ? fail(reply, 404, "库中没有这个页面(永久链接所指的页面未导入此库)") : { id };
    },
  );

  // Exports: every view's rows as a download, CSV (UTF-8 with BOM, headers in Chinese) or JSON lines,
  // streamed as they are read.
  const FORMAT = { format: { type: "string", enum: [...EXPORT_FORMATS], default: "csv", description: "csv(UTF-8,带 BOM,中文表头)或 jsonl(每行一个对象)" } } as const;
  const exported = (description: string) => ({ 200: { description, content: { "text/csv": { schema: { type: "string" } }, "application/x-ndjson": { schema: { type: "string" } } } }, 400: { description: "参数无效", ...object } });

  app.get(
    "/api/export/search",
    {
      schema: {
        summary: `导出检索结果(与检索页相同的条件与顺序,每组近似重复一篇,含正文;至多 ${SEARCH_EXPORT_LIMIT} 篇)`,
        querystring: {
          type: "object",
          properties: {
            q: { type: "string", maxLength: 200, default: "", description: QUERY_LANGUAGE },
            ...FILTERS,
            person: text(20, "人物姓名"),
            kind: text(20, "会议类别"),
            sort: { type: "string", enum: [...SEARCH_SORTS], default: "relevance" },
            ...FORMAT,
          },
        },
        response: exported("每篇文档一行:编号、标题、日期、会议、地区、人物、网址、采集时间、正文等"),
      },
    },
    async (request, reply) => {
      const { q, sort, region, person, kind, from, to, format } = request.query as { q: string; sort: SearchSort; region?: string; person?: string; kind?: string; from?: string; to?: string; format: ExportFormat };
      return sendExport(reply, "search", format, searchDocuments(store, { query: q, sort, ...defined({ region, person, kind, from, to }) }), DOCUMENT_TABLE, documentJson);
    },
  );

  app.get(
    "/api/export/persons/:id",
    { schema: { summary: "导出人物的出现时间线", params: ID, querystring: { type: "object", properties: { ...FORMAT } }, response: { ...exported("每次出现一行:文档、日期、会议、地区、职务、角色"), 404: { description: "没有此人", ...object } } } },
    async (request, reply) => {
      const { id } = request.params as { id: number };
      const { format } = request.query as { format: ExportFormat };
      const person = await store.person(id);
      if (!person) return fail(reply, 404, `没有编号为 ${id} 的人物`);
      return sendExport(reply, `person-${id}`, format, person.appearances, APPEARANCE_TABLE, (item) => ({ person: id, name: person.name, ...item }));
    },
  );

  app.get(
    "/api/export/regions/:name",
    {
      schema: {
        summary: "导出一个地区的会议文档(含转载,每篇注明近似重复组;含正文)",
        params: { type: "object", required: ["name"], properties: { name: text(40, "省、市、县名或行政区划代码") } },
        querystring: { type: "object", properties: { from: FILTERS.from, to: FILTERS.to, ...FORMAT } },
        response: exported("每篇文档一行"),
      },
    },
    async (request, reply) => {
      const { name } = request.params as { name: string };
      const { from, to, format } = request.query as { from?: string; to?: string; format: ExportFormat };
      return sendExport(reply, "region", format, filteredDocuments(store, { region: name, ...defined({ from, to }) }), DOCUMENT_TABLE, documentJson);
    },
  );

  app.get(
    "/api/export/trends",
    {
      schema: {
        summary: "导出词语趋势的时间序列",
        querystring: {
          type: "object",
          required: ["terms"],
          properties: { terms: { type: "string", minLength: 1, maxLength: 200, description: "以逗号或顿号分隔的词,至多 6 个" }, ...FILTERS, by: { type: "string", enum: ["month", "year"], default: "month" }, ...FORMAT },
        },
        response: exported("每个词每个时期一行:词语、时期、文档数"),
      },
    },
    async (request, reply) => {
      const { terms, by, region, from, to, format } = request.query as { terms: string; by: "month" | "year"; region?: string; from?: string; to?: string; format: ExportFormat };
      const list = [...new Set(terms.split(/[,，、]/).map((term) => term.trim()).filter(Boolean))];
      if (list.length === 0 || list.length > 6) return fail(reply, 400, "请给出 1 至 6 个词");
      const series = await store.trends({ terms: list, by, ...defined({ region, from, to }) });
      return sendExport(reply, "trends", format, trendPoints(series), TREND_TABLE);
    },
  );

  app.get(
    "/api/export/directives",
    {
      schema: {
        summary: "导出指示台账(与台账页相同的筛选)",
        querystring: { type: "object", properties: { ...FILTERS, speaker: text(20, "讲话人"), theme: text(20, "主题"), status: { type: "string", enum: [...FOLLOW_UP_STATUSES] }, ...FORMAT } },
        response: exported("每条指示一行,含跟进状态与备注"),
      },
    },
    async (request, reply) => {
      const { region, from, to, speaker, theme, status, format } = request.query as { region?: string; from?: string; to?: string; speaker?: string; theme?: string; status?: FollowUpStatus; format: ExportFormat };
      return sendExport(reply, "directives", format, ledgerEntries(store, defined({ region, from, to, speaker, theme, status })), LEDGER_TABLE);
    },
  );

  app.get("/api/stats", { schema: { summary: "库的概况", response: answer("文档、人物、指示等的数量") } }, async () => store.stats());

  app.all("/api/*", { schema: { hide: true } }, async (request, reply) => fail(reply, 404, `没有这个接口:${request.method} ${request.url.split("?")[0]}`));

  if (webRoot && existsSync(webRoot)) {
    // The web app routes in the browser: any page address that is not a file gets its index.html, except under
    // /assets/, where a missing file (an old fingerprint after a rebuild) is a 404, not a page parsed as script.
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      cacheControl: false,
      setHeaders: (reply, path) => void reply.header("cache-control", cacheControlOf(path)),
    });
    app.get("/*", { schema: { hide: true } }, async (request, reply) => {
      if (!request.url.startsWith("/assets/")) return reply.sendFile("index.html");
      // The static routes are the files found at start: a build made while the server runs has new fingerprints,
      // which its index.html (read on every load) names. Such a file is sent if it is there.
      const name = builtAsset(webRoot, request.url);
      return name ? reply.sendFile(`assets/${name}`) : fail(reply, 404, "没有这个文件:网页可能已更新,请刷新");
    });
  } else {
    app.get("/*", { schema: { hide: true } }, async (_request, reply) =>
      reply.type("text/plain; charset=utf-8").send("huiyi 的接口在 /api/(说明见 /api/openapi.json)。网页尚未构建:在 huiyi 目录里运行 npm run build:web。\n"),
    );
  }
  return app;
}

/** The file an /assets/ address names when it is a plain file name present in the build's assets folder, else null. */
function builtAsset(webRoot: string, url: string): string | null {
  let name: string;
  try {
    name = decodeURIComponent(url.split("?")[0]!.slice("/assets/".length));
  } catch {
    return null;
  }
  // A bare file name only: no folder, no way out of the assets folder.
  return /^[\w.-]+$/.test(name) && !name.startsWith(".") && existsSync(join(webRoot, "assets", name)) ? name : null;
}
