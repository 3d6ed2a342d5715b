import type { RawDoc } from "../types.js";
import { declaredCharset, decodeBytes, ReadError } from "./decode.js";
import { looksLikeHtml, readHtml } from "./html.js";

// One page's bytes or text to a RawDoc, whichever reader found it.

/** One page's bytes to a RawDoc: HTML is recognised by name or content and reduced to its text lines. */
export function pageFromBytes(bytes: Uint8Array, path: string | null, url: string | null, hint: "html" | "text" | null): RawDoc {
  if (bytes.byteLength === 0) throw new ReadError("空文件");
  const charset = hint !== "text" ? declaredCharset(bytes) : null;
  const { text, encoding } = decodeBytes(bytes, charset);
  return pageFromText(text, path, url, hint, encoding);
}

/** One page's text to a RawDoc: HTML reduced to its text lines, with its headline and the lines set aside. */
export function pageFromText(text: string, path: string | null, url: string | null, hint: "html" | "text" | null, encoding = "utf-8"): RawDoc {
  if (text.trim() === "") throw new ReadError("没有文字内容");
  if (hint === "html" || (hint === null && looksLikeHtml(text))) {
    const page = readHtml(text);
    return { path, url, text: page.text, encoding, htmlTitle: page.title, htmlRemoved: page.removed, htmlLinkShare: page.linkShare };
  }
  return { path, url, text, encoding };
}

/** The page with its capture time, when the input named one (a page without one keeps no field). */
export function withCaptured(doc: RawDoc, captured: string | null): RawDoc {
  return captured ? { ...doc, captured } : doc;
}
