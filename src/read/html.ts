import { Parser } from "htmlparser2";
import { htmlElements } from "../lexicon/html-elements.js";
import { reasonOf } from "../lexicon/reasons.js";
import type { Removed } from "../types.js";
import { chooseArticle, type BlockLine } from "./article.js";

// HTML to the lines a reader sees: block elements end lines; scripts, styles and form controls are not
// text. Every line of text is a line of the page as read, so the raw view shows each where it stood; the
// lines that are not the article — <nav>, <footer> and <aside> furniture, the blocks around the article
// that article.ts finds with the line model and link density, lines of links alone — are listed in
// `removed` with their line number and rule id, and cleaning sets them aside there.
//
// The reader follows htmlparser2's events, which are balanced: every element opened is closed exactly
// once — void elements (<input>, <br>, <img>) at once, unclosed ones when their parent closes or at the
// end. So a depth counter raised on open and lowered on close always returns to where it was, whatever
// the markup; nothing here keeps its own idea of which elements are void.

/** Furniture elements by the rule id their lines are set aside under (reasons in data/clean-reasons.json). */
const FURNITURE: Record<string, string> = { nav: "html.nav", footer: "html.footer", aside: "html.aside" };
/** The page's <title>, shown as the first line of the page as read: the headline's source, not article text. */
const TITLE_RULE = "html.title";
const setAside = (line: string, rule: string, n: number): Removed => ({ line, reason: reasonOf(rule), n, rule });
/**
 * Elements nested deeper than this are not a page's structure (real pages nest 20 to 60 deep) but damage
 * or an attack; they are dropped as elements and their text kept in the element that holds them.
 */
const MAX_DEPTH = 256;
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
  // block elements end a line; skipped ones hold no article text (code, styles, embedded objects, form controls)
  const { block, skipped } = htmlElements();
  const lines: BlockLine[] = [];
  /** for each block element opened, the block element holding it (-1: none) */
  const parents: number[] = [];
  /** the block elements open now, innermost last */
  const blocks: number[] = [];
  let depth = 0;
  let skipDepth = 0;
  let furniture: Furniture | null = null;
  let parts: string[] = [];
  let linkChars = 0;
  let inLink = 0;
  /** the block the current line's first text stood in */
  let lineBlock = -1;
  /** some of the current line's text stood in the page's first <h1> */
  let lineHeadline = false;
  const heads: { title: string | null; titleInHead: boolean; h1: string | null } = { title: null, titleInHead: false, h1: null };
  let capture: { tag: "title" | "h1"; text: string; skipped: boolean } | null = null;

  const endLine = () => {
    if (parts.length === 0) return;
    const text = parts.join("").replace(/\s+/g, " ").trim();
    const visible = visibleLength(text);
    const linkShare = visible ? Math.min(1, linkChars / visible) : 0;
    parts = [];
    linkChars = 0;
    if (!text) {
      lineHeadline = false;
      return;
    }
    lines.push({ text, linkShare: Math.round(linkShare * 100) / 100, block: lineBlock, furniture: furniture?.rule ?? null, headline: lineHeadline });
    lineHeadline = false;
  };

  const parser = new BoundedParser(
    {
      onopentag(name) {
        depth++;
        if (skipped.has(name)) skipDepth++;
        if (name === "title" || (name === "h1" && heads.h1 === null)) capture = { tag: name, text: "", skipped: skipDepth > 0 };
        if (block.has(name)) {
          endLine();
          parents.push(blocks.at(-1) ?? -1);
          blocks.push(parents.length - 1);
        }
        if (FURNITURE[name] && !furniture && skipDepth === 0) furniture = { depth, rule: FURNITURE[name]! };
        if (name === "a") inLink++;
      },
      ontext(data) {
        if (parser.droppedRaw) return;
        if (capture && capture.text.length < MAX_HEADLINE) capture.text += data;
        if (skipDepth > 0) return;
        if (parts.length === 0) lineBlock = blocks.at(-1) ?? -1;
        if (capture?.tag === "h1") lineHeadline = true;
        parts.push(data);
        if (inLink > 0) linkChars += visibleLength(data);
      },
      onclosetag(name) {
        if (capture && capture.tag === name) {
          const text = capture.text.replace(/\s+/g, " ").trim().slice(0, MAX_HEADLINE);
          if (name === "title" && heads.title === null) {
            heads.title = text || null;
            heads.titleInHead = capture.skipped;
          } else if (name === "h1") heads.h1 = text || null;
          capture = null;
        }
        if (name === "a" && inLink > 0) inLink--;
        if (block.has(name)) {
          endLine();
          blocks.pop();
        }
        if (furniture && furniture.depth === depth && FURNITURE[name]) {
          endLine();
          furniture = null;
        }
        if (skipped.has(name) && skipDepth > 0) skipDepth--;
        depth--;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.onTooDeep = (name) => {
    if (block.has(name)) endLine();
  };
  parser.write(html);
  parser.end();
  endLine();
  return pageOf(lines, parents, heads);
}

/**
 * The page as read: the <title> (when it stood in <head>, where no line shows it) as its first line, set
 * aside under html.title so the raw view shows the words the record's title was cleaned from, then every
 * line of the body in order; the lines outside the article are set aside with their line numbers.
 */
function pageOf(body: BlockLine[], parents: number[], heads: { title: string | null; titleInHead: boolean; h1: string | null }): HtmlPage {
  const verdicts = chooseArticle(body, parents);
  const titleLine = heads.title && heads.titleInHead ? heads.title : null;
  const texts: string[] = titleLine ? [titleLine] : [];
  const linkShare: number[] = titleLine ? [0] : [];
  const removed: Removed[] = titleLine ? [setAside(titleLine, TITLE_RULE, 1)] : [];
  body.forEach((line, i) => {
    texts.push(line.text);
    linkShare.push(line.linkShare);
    const rule = verdicts[i];
    if (rule) removed.push(setAside(line.text, rule, texts.length));
  });
  const headline = heads.h1 ?? (heads.title ? withoutSiteName(heads.title) : null);
  return { text: texts.join("\n"), title: headline || null, removed, linkShare };
}

/**
 * Where a <title> joins the headline to the site's name: _ or | (either width), or a single dash that is no
 * range of numbers (2021-2025年) and no half of the doubled dash that opens a headline's subtitle (——).
 */
const SITE_SEPARATOR = /\s*(?:[_＿|｜]|(?<![\d—])[-－–—](?![\d—]))\s*/;

/** The headline part of a <title>: what stands before the site's name (…召开_西青信息港, … - 北京市东城区人民政府). */
export function withoutSiteName(title: string): string {
  return title.split(SITE_SEPARATOR)[0]!;
}

/** Markup a page may begin with before its first element: a doctype, an XML declaration, comments (a browser's "saved from url"). */
const LEADING_MARKUP = /^(?:\s*(?:<!--[^]{0,400}?-->|<\?xml[^>]{0,200}>))*/;

export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2048);
  const rest = head.slice(head.match(LEADING_MARKUP)?.[0].length ?? 0);
  return /^\s*(<!doctype html|<html|<head|<body|<meta|<title|<div|<table|<p[\s>])/i.test(rest);
}
