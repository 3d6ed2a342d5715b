import { Parser } from "htmlparser2";
import { reasonOf } from "../lexicon/reasons.js";
import type { Removed } from "../types.js";

// HTML to the lines a reader sees: block elements end lines; scripts, styles and hidden parts are not
// text; <nav>, <footer> and <aside> are site furniture and go to `removed` with their reason; a line that
// is nothing but link text (a menu, a list of other articles) goes too.

const SKIPPED = new Set(["script", "style", "noscript", "template", "svg", "iframe", "object", "select", "button", "input", "textarea", "head"]);
/** Furniture elements by the rule id their lines are set aside under (reasons in data/clean-reasons.json). */
const FURNITURE: Record<string, string> = { nav: "html.nav", footer: "html.footer", aside: "html.aside" };
const setAside = (line: string, rule: string): Removed => ({ line, reason: reasonOf(rule), rule });
const BLOCK = new Set([
  "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr", "td", "th", "table",
  "section", "article", "header", "main", "blockquote", "pre", "hr", "center", "form", "figure", "figcaption", "title", "body",
]);
const VOID = new Set(["br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"]);
/** A line at least this much link text, and without a sentence in it, is navigation. */
const LINK_SHARE = 0.8;

export interface HtmlPage {
  text: string;
  title: string | null;
  removed: Removed[];
}

export function readHtml(html: string): HtmlPage {
  const lines: string[] = [];
  const removed: Removed[] = [];
  const stack: string[] = [];
  let skipDepth = 0;
  let furniture: { depth: number; rule: string; lines: string[] } | null = null;
  let line = "";
  let linkChars = 0;
  let inLink = 0;
  const heads: { title: string | null; h1: string | null } = { title: null, h1: null };
  let capture: { tag: "title" | "h1"; text: string } | null = null;

  const endLine = () => {
    const text = line.replace(/\s+/g, " ").trim();
    const linkShare = text.length ? linkChars / text.replace(/\s/g, "").length : 0;
    line = "";
    linkChars = 0;
    if (!text) return;
    if (furniture) furniture.lines.push(text);
    else if (linkShare >= LINK_SHARE && !/[。，,；]/.test(text)) removed.push(setAside(text, "html.link-line"));
    else lines.push(text);
  };

  const parser = new Parser(
    {
      onopentag(name) {
        if (!VOID.has(name)) stack.push(name);
        // A void element (input) has no content and no closing tag to end the skip, so it opens none.
        if (SKIPPED.has(name) && !VOID.has(name)) skipDepth++;
        if (name === "title" || (name === "h1" && heads.h1 === null)) capture = { tag: name, text: "" };
        if (BLOCK.has(name)) endLine();
        if (FURNITURE[name] && !furniture && skipDepth === 0) furniture = { depth: stack.length, rule: FURNITURE[name]!, lines: [] };
        if (name === "a") inLink++;
      },
      ontext(data) {
        if (capture) capture.text += data;
        if (skipDepth > 0) return;
        line += data;
        if (inLink > 0) linkChars += data.replace(/\s/g, "").length;
      },
      onclosetag(name) {
        if (VOID.has(name)) return;
        if (capture && capture.tag === name) {
          const text = capture.text.replace(/\s+/g, " ").trim();
          if (name === "title") heads.title ??= text || null;
          else heads.h1 = text || null;
          capture = null;
        }
        if (name === "a" && inLink > 0) inLink--;
        if (BLOCK.has(name)) endLine();
        if (furniture && furniture.depth === stack.length && FURNITURE[name]) {
          endLine();
          for (const text of furniture.lines) removed.push(setAside(text, furniture.rule));
          furniture = null;
        }
        if (SKIPPED.has(name) && skipDepth > 0) skipDepth--;
        stack.pop();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  endLine();
  const unclosed = furniture as { rule: string; lines: string[] } | null;
  if (unclosed) for (const text of unclosed.lines) removed.push(setAside(text, unclosed.rule));
  const headline = heads.h1 ?? (heads.title ? heads.title.split(/\s*[-_|–—]\s*/)[0]! : null);
  return { text: lines.join("\n"), title: headline || null, removed };
}

export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html|<head|<body|<meta|<div|<p[\s>])/i.test(text.slice(0, 1024));
}
