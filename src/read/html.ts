import { Parser } from "htmlparser2";
import { reasonOf } from "../lexicon/reasons.js";
import type { Removed } from "../types.js";

// HTML to the lines a reader sees: block elements end lines; scripts, styles and form controls are not
// text; <nav>, <footer> and <aside> are site furniture and go to `removed` with their reason; a line that
// is nothing but link text (a menu, a list of other articles) goes too.
//
// The reader follows htmlparser2's events, which are balanced: every element opened is closed exactly
// once — void elements (<input>, <br>, <img>) at once, unclosed ones when their parent closes or at the
// end. So a depth counter raised on open and lowered on close always returns to where it was, whatever
// the markup; nothing here keeps its own idea of which elements are void.

/** Elements whose content is not article text: code, styles, embedded objects, form controls. */
const SKIPPED = new Set(["script", "style", "noscript", "template", "svg", "iframe", "object", "select", "button", "textarea", "head"]);
/** Furniture elements by the rule id their lines are set aside under (reasons in data/clean-reasons.json). */
const FURNITURE: Record<string, string> = { nav: "html.nav", footer: "html.footer", aside: "html.aside" };
const setAside = (line: string, rule: string): Removed => ({ line, reason: reasonOf(rule), rule });
const BLOCK = new Set([
  "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr", "td", "th", "table",
  "section", "article", "header", "main", "blockquote", "pre", "hr", "center", "form", "figure", "figcaption", "title", "body",
  "input",
]);
/**
 * Elements nested deeper than this are not a page's structure (real pages nest 20 to 60 deep) but damage
 * or an attack; they are dropped as elements and their text kept in the element that holds them.
 */
const MAX_DEPTH = 256;
/** A line at least this much link text, and without a sentence in it, is navigation. */
const LINK_SHARE = 0.8;
/** The headline captured from <title> or <h1> stops growing here: a page that never closes its <title> is not a headline. */
const MAX_HEADLINE = 300;

export interface HtmlPage {
  text: string;
  title: string | null;
  removed: Removed[];
  /** for each line of `text`, the share of its characters that are link text (0–1) */
  linkShare: number[];
}

interface Furniture {
  depth: number;
  /** the rule id its lines are set aside under */
  rule: string;
  lines: string[];
}

function visibleLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x20) n++;
  return n;
}

/** The parser's own fields this reader bounds: htmlparser2 keeps open elements in an array it inserts at the front. */
interface ParserInternals {
  stack: string[];
  tagname: string;
  openTagStart: number;
  startIndex: number;
  endIndex: number;
  getSlice?: (start: number, end: number) => string;
}

/** Elements whose content the tokenizer reads as raw text, whatever the parser makes of the element. */
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "noembed", "noframes"]);

/**
 * htmlparser2's parser with a bound on nesting. Each element it opens is inserted at the front of an array
 * and each end tag searched for in it, so a million unclosed elements cost a million squared steps; past
 * MAX_DEPTH an element is ignored the way the parser ignores a second <form>, keeping every step bounded.
 * The reader is told of each ignored element (a block still ends a line), and the raw text of an ignored
 * <script> or <style> is marked so that it is not taken for article text.
 */
class BoundedParser extends Parser {
  /** the raw-text element ignored for depth whose content is being read, until its end tag */
  droppedRaw: string | null = null;
  onTooDeep: (name: string) => void = () => {};

  override onopentagname(start: number, endIndex: number): void {
    const self = this as unknown as ParserInternals;
    if (self.stack.length >= MAX_DEPTH && self.getSlice) {
      const name = self.getSlice(start, endIndex).toLowerCase();
      if (!this.isVoidElement(name)) {
        self.endIndex = endIndex;
        self.openTagStart = self.startIndex;
        self.tagname = "";
        if (RAW_TEXT.has(name)) this.droppedRaw = name;
        this.onTooDeep(name);
        return;
      }
    }
    super.onopentagname(start, endIndex);
  }

  override onclosetag(start: number, endIndex: number): void {
    const self = this as unknown as ParserInternals;
    if (this.droppedRaw && self.getSlice && self.getSlice(start, endIndex).toLowerCase() === this.droppedRaw) this.droppedRaw = null;
    super.onclosetag(start, endIndex);
  }
}

export function readHtml(html: string): HtmlPage {
  const lines: string[] = [];
  const linkShares: number[] = [];
  const removed: Removed[] = [];
  let depth = 0;
  let skipDepth = 0;
  let furniture: Furniture | null = null;
  let parts: string[] = [];
  let linkChars = 0;
  let inLink = 0;
  const heads: { title: string | null; h1: string | null } = { title: null, h1: null };
  let capture: { tag: "title" | "h1"; text: string } | null = null;

  const endLine = () => {
    if (parts.length === 0) return;
    const text = parts.join("").replace(/\s+/g, " ").trim();
    const visible = visibleLength(text);
    const linkShare = visible ? Math.min(1, linkChars / visible) : 0;
    parts = [];
    linkChars = 0;
    if (!text) return;
    if (furniture) furniture.lines.push(text);
    else if (linkShare >= LINK_SHARE && !/[。，,；]/.test(text)) removed.push(setAside(text, "html.link-line"));
    else {
      lines.push(text);
      linkShares.push(Math.round(linkShare * 100) / 100);
    }
  };

  const parser = new BoundedParser(
    {
      onopentag(name) {
        depth++;
        if (SKIPPED.has(name)) skipDepth++;
        if (name === "title" || (name === "h1" && heads.h1 === null)) capture = { tag: name, text: "" };
        if (BLOCK.has(name)) endLine();
        if (FURNITURE[name] && !furniture && skipDepth === 0) furniture = { depth, rule: FURNITURE[name]!, lines: [] };
        if (name === "a") inLink++;
      },
      ontext(data) {
        if (parser.droppedRaw) return;
        if (capture && capture.text.length < MAX_HEADLINE) capture.text += data;
        if (skipDepth > 0) return;
        parts.push(data);
        if (inLink > 0) linkChars += visibleLength(data);
      },
      onclosetag(name) {
        if (capture && capture.tag === name) {
          const text = capture.text.replace(/\s+/g, " ").trim().slice(0, MAX_HEADLINE);
          if (name === "title") heads.title ??= text || null;
          else heads.h1 = text || null;
          capture = null;
        }
        if (name === "a" && inLink > 0) inLink--;
        if (BLOCK.has(name)) endLine();
        if (furniture && furniture.depth === depth && FURNITURE[name]) {
          endLine();
          for (const text of furniture.lines) removed.push(setAside(text, furniture.rule));
          furniture = null;
        }
        if (SKIPPED.has(name) && skipDepth > 0) skipDepth--;
        depth--;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.onTooDeep = (name) => {
    if (BLOCK.has(name)) endLine();
  };
  parser.write(html);
  parser.end();
  endLine();
  const unclosed = furniture as Furniture | null;
  if (unclosed) for (const text of unclosed.lines) removed.push(setAside(text, unclosed.rule));
  const headline = heads.h1 ?? (heads.title ? heads.title.split(/\s*[-_|–—]\s*/)[0]! : null);
  return { text: lines.join("\n"), title: headline || null, removed, linkShare: linkShares };
}

/** Markup a page may begin with before its first element: a doctype, an XML declaration, comments (a browser's "saved from url"). */
const LEADING_MARKUP = /^(?:\s*(?:<!--[^]{0,400}?-->|<\?xml[^>]{0,200}>))*/;

export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2048);
  const rest = head.slice(head.match(LEADING_MARKUP)?.[0].length ?? 0);
  return /^\s*(<!doctype html|<html|<head|<body|<meta|<title|<div|<table|<p[\s>])/i.test(rest);
}
