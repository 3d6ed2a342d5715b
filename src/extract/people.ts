import { isKnownPersonName, wordFrequency } from "../lexicon/char-model.js";
import { postWords, surnames } from "../lexicon/extract-lexicons.js";
import type { Person, Role } from "../types.js";
import { clausesOf, type Clause } from "./clauses.js";
import { matchesOf } from "../matches.js";

// People named in the body, found from the grammar of the text rather than a list of known people:
// a post right before a name (西青区委书记李清), a list after a collective label (区领导唐海蛟、吕晨飞),
// a name that opens a clause with a verb of speech (朱小兵强调), and later mentions of names already found.

/** What may follow a name: punctuation, or the words that start the predicate. */
const AFTER_NAME =
  /^($|[、，,。；;：:（()）“”"\s!！?？\d]|的|来|赴|莅临|关于|主持|出席|讲话|指出|强调|要求|参加|列席|传达|部署|表示|说|在|代表|就|对|作|向|等|同志|一行|带队|带领|率|通报|汇报|宣读|介绍|和|及|与|陪同|调研|到|深入|先后|分别|主讲|致辞|总结|发言|也|还|结合|围绕|宣布|看望|会见|检查|听取|提出|进行|为|以|于|是|从|将|则|首先|最后|同时|主要|任|兼|当选|希望|认为|代|作了|通过)/;
/** Characters that do not stand in a given name. */
const NOT_IN_GIVEN_NAME = /[的了们这那么着过吗呢吧啊会议在是和与及等各该本此其把被]/;
const SPEECH = /(讲话|指出|强调|要求|部署|传达|表示|说|提出|发言|主讲|作.{0,8}(讲话|报告|部署|总结))(?!精神)/;
const CHAIR = /主持/;
const ATTEND = /出席|参加|列席|参会|与会/;

interface Mention {
  name: string;
  posts: string[];
  start: number;
  end: number;
  rule: string;
}

const MAX_CLUES = 3;

function isName(candidate: string): boolean {
  if (candidate.length < 2 || candidate.length > 4 || !/^[\u4e00-\u9fff]+$/.test(candidate)) return false;
  if (postWords().titleAtEnd.test(candidate)) return false;
  const { compound, single } = surnames();
  const surname = compound.has(candidate.slice(0, 2)) ? 2 : single.has(candidate[0]!) ? 1 : 0;
  if (surname === 0 || candidate.length - surname < 1 || candidate.length - surname > 2) return false;
  return !NOT_IN_GIVEN_NAME.test(candidate.slice(surname));
}

/**
 * The name that starts at `at`, if one does: a length whose next characters may follow a name. When two
 * lengths fit, the one followed by the longer word wins (郑丽 + 关于, not 郑丽关 + 于).
 */
function nameAt(text: string, at: number): string | null {
  let best: string | null = null;
  let bestFollower = -1;
  for (const length of [3, 2, 4]) {
    const candidate = text.slice(at, at + length);
    if (candidate.length !== length || !isName(candidate)) continue;
    const follower = text.slice(at + length).match(AFTER_NAME);
    if (!follower) continue;
    const weight = follower[0].length === 0 ? 1 : follower[0].length;
    if (weight > bestFollower) [best, bestFollower] = [candidate, weight];
  }
  return best;
}

/** Common words that begin with a surname character (干部, 班子, 强调) are not names unless a post vouches. */
function isCommonWord(candidate: string): boolean {
  return wordFrequency(candidate) >= COMMON_WORD && !isKnownPersonName(candidate);
}
const COMMON_WORD = 50;

/** The post that ends at `end`: back to the previous delimiter, without lead-in words (传达贯彻, 由). */
function postBefore(text: string, end: number): { post: string; start: number } | null {
  let start = end;
  while (start > 0 && !/[、，,。；;：:“”"\s（(）)《》]/.test(text[start - 1]!)) start--;
  // 副主任赵春明以及区人大常委会党组成员: the post starts after the conjunction
  let post = text.slice(start, end);
  post = post.slice(post.lastIndexOf("及") + 1);
  // 会议传达学习了市委书记李鸿忠: the post starts after the last lead-in word in it
  let cut = 0;
  for (const m of matchesOf(postWords().leadIn, post)) if (m.index! + m[0].length < post.length) cut = m.index! + m[0].length;
  post = post.slice(cut).replace(/^\d+月\d+日(上午|下午|晚)?/, "");
  return post ? { post, start: end - post.length } : null;
}

/** Posts joined by 、 before a name: 区委副书记、区长白凤祥 → [区委副书记, 区长]. */
function postsBefore(text: string, end: number): { posts: string[]; start: number } | null {
  const { titleAtEnd } = postWords();
  const last = postBefore(text, end);
  if (!last || !titleAtEnd.test(last.post)) return null;
  const posts = [last.post];
  let start = last.start;
  // A stretch that holds a name (主任王洪茹、区政协主席…) does not end in a title, so it stops the walk.
  while (text[start - 1] === "、") {
    const previous = postBefore(text, start - 1);
    if (!previous || !titleAtEnd.test(previous.post)) break;
    posts.unshift(previous.post);
    start = previous.start;
  }
  return { posts, start };
}

/** Names in a 、-list starting at `at`: 唐海蛟、吕晨飞、高武军. */
function nameList(text: string, at: number): { names: string[]; end: number } {
  const names: string[] = [];
  let position = at;
  for (;;) {
    const name = nameAt(text, position);
    if (!name) break;
    names.push(name);
    position += name.length;
    if (text[position] !== "、") break;
    position++;
  }
  return { names, end: position };
}

function mentionsIn(clause: string, known: Map<string, Person>): Mention[] {
  const mentions: Mention[] = [];
  const taken = (start: number, end: number) => mentions.some((m) => m.start < end && start < m.end);
  const { titles, collectiveLabel } = postWords();

  for (const m of matchesOf(titles, clause)) {
    const end = m.index! + m[0].length;
    const found = postsBefore(clause, end);
    if (!found) continue;
    // 大会执行主席是:赵小强、王京生 — the post heads the list after 是:
    const copula = clause.slice(end).match(/^(是|为)[:：]?/)?.[0].length ?? 0;
    const { names, end: listEnd } = nameList(clause, end + copula);
    if (names.length === 0 || taken(found.start, listEnd)) continue;
    let at = end + copula;
    for (const name of names) {
      mentions.push({ name, posts: found.posts, start: at === end + copula ? found.start : at, end: at + name.length, rule: "职务+姓名" });
      at += name.length + 1;
    }
  }

  for (const label of matchesOf(collectiveLabel, clause)) {
    const i = label.index! + label[0].length;
    const { names } = nameList(clause, i);
    let at = i;
    for (const name of names) {
      if (!taken(at, at + name.length) && !isCommonWord(name)) mentions.push({ name, posts: [], start: at, end: at + name.length, rule: "集体称谓后的姓名列表" });
      at += name.length + 1;
    }
  }

  // A list of two or more names opening a clause: 徐晓东、任林及各相关单位…, 董西成、李小平…8名委员
  const bare = nameList(clause, 0);
  if (bare.names.length >= 2 && !bare.names.some(isCommonWord)) {
    let at = 0;
    for (const name of bare.names) {
      if (!taken(at, at + name.length)) mentions.push({ name, posts: [], start: at, end: at + name.length, rule: "句首姓名列表" });
      at += name.length + 1;
    }
  }

  const opening = clause.match(/^([\u4e00-\u9fff]{2,4}?)(在[^，,。]{0,20}?)?(指出|强调|要求|表示|主持|说)/);
  if (opening && isName(opening[1]!) && !isCommonWord(opening[1]!) && !taken(0, opening[1]!.length)) mentions.push({ name: opening[1]!, posts: [], start: 0, end: opening[1]!.length, rule: "句首姓名+讲话动词" });

  for (const name of known.keys()) {
    for (let at = clause.indexOf(name); at >= 0; at = clause.indexOf(name, at + 1)) {
      if (!taken(at, at + name.length)) mentions.push({ name, posts: [], start: at, end: at + name.length, rule: "已识别姓名的再次出现" });
    }
  }
  return mentions.sort((a, b) => a.start - b.start);
}

function rolesIn(text: string): Role[] {
  const roles: Role[] = [];
  if (CHAIR.test(text)) roles.push("主持");
  if (SPEECH.test(text.replace(/的(重要)?讲话|讲话(精神|要求)|调研讲话/g, ""))) roles.push("讲话");
  if (ATTEND.test(text)) roles.push("出席");
  return roles;
}

/** Roles of each mention: what its clause says after it, shared by names listed together (王洪茹、苑树发出席). */
function assignRoles(clause: Clause, mentions: Mention[]): Role[][] {
  const roles: Role[][] = mentions.map(() => []);
  let group: number[] = [];
  mentions.forEach((mention, i) => {
    group.push(i);
    const next = mentions[i + 1];
    const between = clause.text.slice(mention.end, next ? next.start : clause.text.length);
    if (next && /^[、和及与]?$/.test(between)) return;
    // A subject whose clause says nothing of what it did takes the first verb after it in the sentence
    // (刘建中,区领导…出席; 董西成、李小平…8名委员重点围绕…,提出了…建议).
    let found = rolesIn(between);
    if (found.length === 0 && !next) found = rolesIn(firstVerbPhrase(clause.rest));
    for (const member of group) roles[member] = found;
    group = [];
  });
  return roles;
}

function firstVerbPhrase(text: string): string {
  const m = text.match(/主持|出席|参加|列席|讲话|指出|强调|要求|提出|发言/);
  return m ? text.slice(0, m.index! + m[0].length) : "";
}

const ROLE_ORDER: Role[] = ["主持", "讲话", "出席"];

export function extractPeople(text: string): Person[] {
  const people = new Map<string, Person>();
  for (const clause of clausesOf(text)) {
    const mentions = mentionsIn(clause.text, people);
    const roles = assignRoles(clause, mentions);
    mentions.forEach((mention, i) => {
      const person = people.get(mention.name) ?? { name: mention.name, posts: [], roles: [], clues: [] };
      for (const post of mention.posts) if (!person.posts.includes(post)) person.posts.push(post);
      for (const role of roles[i]!) if (!person.roles.includes(role)) person.roles.push(role);
      if (person.clues!.length < MAX_CLUES && !person.clues!.some((c) => c.sentence === clause.sentence)) person.clues!.push({ sentence: clause.sentence, rule: mention.rule });
      people.set(mention.name, person);
    });
  }
  return [...people.values()].map((p) => ({ ...p, roles: ROLE_ORDER.filter((r) => p.roles.includes(r)) }));
}
