import { isKnownPersonName, isProperNoun, wordFrequency } from "../lexicon/char-model.js";
import { gazetteer } from "../lexicon/divisions.js";
import { postLevels, postWords, surnames, unitWords } from "../lexicon/extract-lexicons.js";
import { givenNameFit, hasMinorityPart, minorityNames, rareSurnames } from "../lexicon/name-model.js";
import { roleWords } from "../lexicon/role-words.js";
import type { Person, Role } from "../types.js";
import { clausesOf, type Clause } from "./clauses.js";
import { matchesOf } from "../matches.js";

// People named in the body, found from the grammar of the text rather than a list of known people:
// a post right before a name (西青区委书记李清), a list after a collective label (区领导唐海蛟、吕晨飞),
// a name that opens a clause with a verb of speech (朱小兵强调), a name right before its title (王君正书记),
// and later mentions of names already found. Each candidate is weighed by the name model (name-model.ts)
// and the place it stands in (weights in data/people.json).

/** Where a candidate stands; each place vouches for a name with its own weight. */
type Place = "post" | "label" | "list" | "title" | "opening";

interface Mention {
  name: string;
  posts: string[];
  start: number;
  end: number;
  rule: Rule;
}

/** Stable rule ids, with the reason a reader sees. */
const RULES = {
  "people.post-before-name": "职务+姓名",
  "people.list-after-label": "集体称谓后的姓名列表",
  "people.list-opening-clause": "句首姓名列表",
  "people.group-head": "句首姓名+等N名",
  "people.name-opening-speech": "句首姓名+讲话动词",
  "people.name-before-title": "姓名+职务称呼",
  "people.appointed": "任命/选举+姓名+为+职务",
  "people.known-name-again": "已识别姓名的再次出现",
} as const;
type Rule = keyof typeof RULES;

const MAX_CLUES = 3;
/** Characters that do not stand in a given name. */
const NOT_IN_GIVEN_NAME = /[的了们这那么着过吗呢吧啊会议在是和与及等各该本此把被]/;
/** Han characters of the basic block and of extensions A and B (rare characters in names: 𬌗, 㛃). */
function isHan(ch: string | undefined): boolean {
  const code = ch?.codePointAt(0);
  if (code === undefined) return false;
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x20000 && code <= 0x2ebef);
}
/** A frequent dictionary word (干部, 关于) counts against a candidate unless jieba knows it as a name. */
const COMMON_WORD = 50;

/** The first `count` characters (code points) at `at`, with their length in code units. */
function charsAt(text: string, at: number, count: number): string[] {
  const chars: string[] = [];
  let i = at;
  while (chars.length < count && i < text.length) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    chars.push(ch);
    i += ch.length;
  }
  return chars;
}

/** Surname length (1 or 2 characters) of a Han name, 0 when it opens with no surname; rare ones apart. */
function surnameOf(chars: string[]): { length: number; rare: boolean } {
  const { compound, single } = surnames();
  if (chars.length >= 3 && compound.has(chars[0]! + chars[1]!)) return { length: 2, rare: false };
  if (single.has(chars[0]!)) return { length: 1, rare: false };
  return rareSurnames().has(chars[0]!) ? { length: 1, rare: true } : { length: 0, rare: false };
}

/** Places where the grammar vouches enough for a name to let a rare surname (仰, 荀) open it. */
const VOUCHING_PLACES: ReadonlySet<Place> = new Set(["post", "label", "list"]);

/**
 * How strongly a Han string reads as a name in a place: the name model's fit of the given name plus the
 * place's weight, less the weight of the string as a common word. Null when its shape rules it out.
 */
function hanNameScore(name: string, place: Place): number | null {
  const evidence = nameEvidence(name);
  if (evidence === null || (evidence.rareSurname && !VOUCHING_PLACES.has(place))) return null;
  const { weights } = roleWords();
  return evidence.fit + weights[place] - weights.commonWord * evidence.commonness;
}

/** What the model says of a string, apart from the weights: its given name's fit and how common a word it is. */
interface Evidence {
  fit: number;
  /** it opens with a rare surname (仰), which only a vouching place admits */
  rareSurname: boolean;
  /** log10 of its frequency as a common word (halved when jieba also lists it as a name), 0 when rare */
  commonness: number;
}

/**
 * The same strings come back on every page (names, and the words that open with a surname): the model is asked
 * once for each. The weights are applied after the cache, so the fitting script can try weights in one process.
 */
function nameEvidence(name: string): Evidence | null {
  const cached = evidenceCache.get(name);
  if (cached !== undefined) return cached;
  if (evidenceCache.size >= EVIDENCE_CACHE_SIZE) evidenceCache.clear();
  const chars = [...name];
  const evidence = chars.length < 2 || chars.length > 4 || !chars.every(isHan) ? null : evidenceOf(chars);
  evidenceCache.set(name, evidence);
  return evidence;
}

const evidenceCache = new Map<string, Evidence | null>();
const EVIDENCE_CACHE_SIZE = 100_000;

function evidenceOf(chars: string[]): Evidence | null {
  const surname = surnameOf(chars);
  if (surname.length === 0 || chars.length - surname.length > 2 || chars.length === surname.length) return null;
  const given = chars.slice(surname.length).join("");
  if (NOT_IN_GIVEN_NAME.test(given)) return null;
  const name = chars.join("");
  if (postWords().titleAtEnd.test(name)) return null;
  // a word that may itself follow a name (应邀, 代表, 通过) is not one: 市民代表应邀列席
  if (isWordAfterName(name)) return null;
  return { fit: givenNameFit(given), rareSurname: surname.rare, commonness: commonness(name) };
}

function isWordAfterName(word: string): boolean {
  const follower = word.match(roleWords().afterName);
  return follower !== null && follower[0] === word;
}

/** How much a string's use as a common word counts against it; half as much when jieba also lists it as a name (周密, 马兰). */
function commonness(word: string): number {
  const frequency = wordFrequency(word);
  if (frequency < COMMON_WORD) return 0;
  return Math.log10(frequency) * (isKnownPersonName(word) ? 0.5 : 1);
}

interface Found {
  name: string;
  /** code units taken in the text (a spaced name 王 伟 takes more than its name) */
  length: number;
}

interface Follower {
  /** how much of the text the word after the name explains (the longer word wins) */
  weight: number;
  /** the word after it is a verb of a role (主持, 出席, 讲话): the grammar vouches for a name before it */
  verb: boolean;
}

/** What follows a name, null when nothing that may follow one does. */
function followerAt(text: string, at: number): Follower | null {
  const next = text.slice(at, at + 30);
  const follower = next.match(roleWords().afterName);
  if (!follower || roleWords().danglingWord.test(next)) return null;
  const verb = next.match(roleWords().roleVerbAtStart);
  return { weight: Math.max(1, follower[0].length, verb ? verb[0].length : 0), verb: verb !== null };
}

/** What follows a name: its weight when it may (the longer word wins), -1 when it may not. */
function followerWeight(text: string, at: number): number {
  return followerAt(text, at)?.weight ?? -1;
}

/**
 * The Han name that starts at `at`, if one does: among lengths whose next characters may follow a name, the
 * best by the word after it and the name model together (郑丽 + 关于, not 郑丽关 + 于; 马兰 + 作总结讲话, not
 * 马兰作 + 总结讲话); three characters first when they tie.
 */
function hanNameAt(text: string, at: number, place: Place, slack: number): Found | null {
  const chars = charsAt(text, at, 4);
  let best: Found | null = null;
  let bestTotal = -Infinity;
  for (const count of [3, 2, 4]) {
    if (count > chars.length) continue;
    // the candidate as a slice of the text (the name model's cache is keyed by it)
    let length = 0;
    for (let i = 0; i < count; i++) length += chars[i]!.length;
    const name = text.slice(at, at + length);
    const score = hanNameScore(name, place);
    if (score === null) continue;
    const follower = followerAt(text, at + length);
    if (!follower) continue;
    // 县委书记王测试主持会议: a post before and a role's verb after vouch for a name the model doubts
    const vouched = score + (follower.verb && place === "post" ? roleWords().weights.verbAfter : 0);
    if (vouched + slack < 0) continue;
    // the reading that explains more of the text wins (马兰 + 作总结讲话 over 马兰作 + 总结讲话), then the model
    const total = count + follower.weight + roleWords().weights.modelInChoice * score;
    if (total > bestTotal) [best, bestTotal] = [{ name, length }, total];
  }
  return best ?? spacedNameAt(text, at, place);
}

/** A two-character name written with a space between its characters to line up with longer ones: 王  伟. */
function spacedNameAt(text: string, at: number, place: Place): Found | null {
  if (place === "opening") return null;
  const gap = text.slice(at + 1, at + 4).match(/^[ \u3000]+/);
  if (!gap || !isHan(text[at]) || !isHan(text[at + 1 + gap[0].length])) return null;
  const name = text[at]! + text[at + 1 + gap[0].length]!;
  const score = hanNameScore(name, place);
  const length = 2 + gap[0].length;
  return score !== null && score >= 0 && followerWeight(text, at + length) >= 0 ? { name, length } : null;
}

/** The longest run (up to `max`) of characters the test admits, from `at`. */
function runOf(text: string, at: number, max: number, admits: (ch: string) => boolean): string[] {
  const run: string[] = [];
  for (const ch of charsAt(text, at, max)) {
    if (!admits(ch)) break;
    run.push(ch);
  }
  return run;
}

/**
 * A transliterated name in parts joined by a middle dot (亚迪卡尔·吐尔洪, 戈教·云登嘉措): the whole dotted run
 * is one person. A part holds at most one character that is not a transliteration one (戈教 but not 会主任艾合买提);
 * the last part is cut back to where a word that may follow a name begins.
 */
function dottedNameAt(text: string, at: number): Found | null {
  const { dots, transliteration } = minorityNames();
  // most places hold no dot at all: a look at the next few characters settles them
  let dot = false;
  for (let i = at + 1; i < Math.min(text.length, at + 10) && !dot; i++) dot = dots.has(text[i]!);
  if (!dot) return null;
  let i = at;
  let parts = 0;
  for (;;) {
    const part = runOf(text, i, 8, isHan);
    if (part.length === 0) return null;
    const partLength = part.join("").length;
    if (dots.has(text[i + partLength] ?? "") && part.filter((ch) => !transliteration.has(ch)).length > 1) return null;
    if (!dots.has(text[i + partLength] ?? "")) {
      if (parts === 0) return null;
      // the last part: transliteration characters only, cut where a word that may follow a name begins; failing
      // that, like the other parts, with one character that is not a transliteration one (吐尔逊)
      return lastPartAt(text, at, i, (ch) => transliteration.has(ch)) ?? lastPartAt(text, at, i, oneOtherThan(transliteration));
    }
    i += partLength + 1;
    if (++parts > 6) return null;
  }
}

/** A test admitting the characters of a set and, once, one other Han character. */
function oneOtherThan(set: ReadonlySet<string>): (ch: string) => boolean {
  let others = 0;
  return (ch) => set.has(ch) || (isHan(ch) && ++others <= 1);
}

/** The dotted name from `at` whose last part starts at `i`: its longest cut that a word may follow. */
function lastPartAt(text: string, at: number, i: number, admits: (ch: string) => boolean): Found | null {
  const last = runOf(text, i, 6, admits);
  for (let count = last.length; count >= 1; count--) {
    const end = i + last.slice(0, count).join("").length;
    if (end - at <= minorityNames().maxDotted * 2 && followerWeight(text, end) >= 0) return { name: text.slice(at, end), length: end - at };
  }
  return null;
}

/**
 * A name without a Han surname and without a dot (多吉扎西, 宝音满都呼, 拥措): a run of transliteration
 * characters where a post or a list vouches for a name. A short run needs a known name part.
 */
function undottedNameAt(text: string, at: number): Found | null {
  const { maxUndotted, transliteration } = minorityNames();
  const run = runOf(text, at, maxUndotted, (ch) => transliteration.has(ch));
  for (let count = run.length; count >= 2; count--) {
    const name = run.slice(0, count).join("");
    if (count < 4 && !hasMinorityPart(name)) continue;
    // a frequent word is no name, unless jieba lists it as a proper noun (乌云其木格, tagged as a place)
    if ((wordFrequency(name) >= COMMON_WORD && !isProperNoun(name)) || followerWeight(text, at + name.length) < 0) continue;
    return { name, length: name.length };
  }
  return null;
}

/** The name that starts at `at`, if one does; names without a Han surname only where a post or list vouches. */
function nameAt(text: string, at: number, place: Place, slack = 0): Found | null {
  const dotted = dottedNameAt(text, at);
  if (dotted) return dotted;
  const han = hanNameAt(text, at, place, slack);
  if (han) return han;
  return place === "post" || place === "label" || place === "list" ? undottedNameAt(text, at) : null;
}

/** The post that ends at `end`: back to the previous delimiter, without lead-in words (传达贯彻, 由). */
/** How far before a name a relaying verb may stand and still have the name in its object. */
const RELAYED_REACH = 80;
/** No post runs longer than this (中共某某自治州委员会常务委员会副书记 is well inside it); a longer run is prose. */
const MAX_POST = 40;
const POST_BREAK = /[、，,。；;：:“”"\s（(）)《》]/;

function postBefore(text: string, end: number): { post: string; start: number } | null {
  let start = end;
  // bounded, so a page with no punctuation for a long stretch costs no more per name than any other
  while (start > 0 && end - start < MAX_POST && !POST_BREAK.test(text[start - 1]!)) start--;
  // 副主任赵春明以及区人大常委会党组成员: the post starts after the conjunction
  let post = text.slice(start, end);
  post = post.slice(post.lastIndexOf("及") + 1);
  // 乡长惠晓明同志和人大主席江措: the post starts after the previous person
  post = post.slice(post.lastIndexOf("同志") + 1 > 0 ? post.lastIndexOf("同志") + 2 : 0).replace(/^[和与]/, "");
  // 会议传达学习了市委书记李鸿忠: the post starts after the last lead-in word in it
  let cut = 0;
  for (const m of matchesOf(postWords().leadIn, post)) if (m.index! + m[0].length < post.length) cut = m.index! + m[0].length;
  post = withoutLeadingClause(post.slice(cut).replace(/^\d+月\d+日(上午|下午|晚)?/, ""));
  return post ? { post, start: end - post.length } : null;
}

/** Shorter than this, what stands before a post's place is part of it (原县委书记, 驻村第一书记, 代县长). */
const MIN_CLAUSE = 2;
/** The longest dictionary word tried around a cut. */
const MAX_WORD = 4;

/** The level word (市, 县, 镇, 街道 …) that starts at `at`, or null. */
function levelWordAt(text: string, at: number): string | null {
  for (const word of postLevels().levelOf.keys()) if (text.startsWith(word, at)) return word;
  return null;
}

/** A division the gazetteer knows ends with the level word at `at` (麦积区, 常乐镇): the place starts before it. */
function namedPlaceEndsAt(text: string, at: number, level: string): boolean {
  const { byName } = gazetteer();
  for (let from = Math.max(0, at - MAX_WORD); from < at; from++) if (byName.has(text.slice(from, at + level.length))) return true;
  return false;
}

/** A dictionary word runs across `at` (开发区, 新区): the level word there is a piece of it. */
function wordAcross(text: string, at: number): boolean {
  for (let from = Math.max(0, at - MAX_WORD + 1); from < at; from++) {
    for (let to = at + 1; to <= Math.min(text.length, from + MAX_WORD); to++) if (wordFrequency(text.slice(from, to)) > 0) return true;
  }
  return false;
}

/** The text ends in a common word that names nothing (落实, 领会, 抓好), not a place or body the dictionary knows. */
function endsInCommonWord(text: string): boolean {
  for (let length = Math.min(MAX_WORD, text.length); length >= 2; length--) {
    const word = text.slice(text.length - length);
    if (wordFrequency(word) >= COMMON_WORD) return !isProperNoun(word);
  }
  return false;
}

/**
 * The post without the words of the sentence before it: 要全面落实市委书记, 按照省委书记, 深刻领会市长 → 市委书记,
 * 省委书记, 市长. The post's body starts at its first level word; what stands before is cut when it ends in a
 * common word, holds no unit (纪委监委驻… keeps its start), and the level word is not the end of a place the
 * gazetteer knows (麦积区委常委) nor a piece of a word (开发区党工委). No list of verbs is needed.
 */
function withoutLeadingClause(post: string): string {
  const title = post.match(postWords().titleAtEnd)?.[1];
  if (!title) return post;
  // 市长, 县长: the title's own first character may be the level word
  const searchEnd = post.length - title.length + 1;
  for (let at = 0; at < searchEnd; at++) {
    const level = levelWordAt(post, at);
    if (!level) continue;
    const before = post.slice(0, at);
    const isClause = at >= MIN_CLAUSE && !namedPlaceEndsAt(post, at, level) && !wordAcross(post, at) && !unitWords().test(before) && endsInCommonWord(before);
    return isClause ? post.slice(at) : post;
  }
  return post;
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

interface Listed {
  name: string;
  start: number;
  end: number;
}

/**
 * A post that reaches back over a person already found starts after them and the conjunction that follows:
 * 副县长…蒋道成和县政府办主任李安模 → 县政府办主任.
 */
function afterEarlierMention(found: { posts: string[]; start: number } | null, clause: string, mentions: Mention[]): { posts: string[]; start: number } | null {
  if (!found || found.posts.length !== 1) return found;
  const inside = mentions.filter((m) => m.end > found.start && m.end < found.start + found.posts[0]!.length);
  if (inside.length === 0) return found;
  let start = Math.max(...inside.map((m) => m.end));
  const conjunction = clause.slice(start).match(/^(同志)?(和|及|与|以及)/);
  if (!conjunction) return found;
  start += conjunction[0].length;
  const post = found.posts[0]!.slice(start - found.start);
  return postWords().titleAtEnd.test(post) && post.length >= 2 ? { posts: [post], start } : found;
}

/** Names in a 、-list starting at `at`: 唐海蛟、吕晨飞、高武军. */
function nameList(text: string, at: number, place: Place, slack = 0, spaced = false): Listed[] {
  const names: Listed[] = [];
  let position = at;
  for (;;) {
    const found = nameAt(text, position, names.length === 0 ? place : place === "opening" ? "opening" : "list", slack);
    if (!found) break;
    names.push({ name: found.name, start: position, end: position + found.length });
    position += found.length;
    // names are joined by 、, or in a headline by spaces (周连华主持 于海田 丛锡钢出席)
    const joint = text.slice(position, position + 3).match(spaced ? /^(、|[ \u3000]+)/ : /^、/);
    if (!joint) break;
    position += joint[0].length;
  }
  return names;
}


/** A post that ends its clause with a colon, heading the names of the next: 大会执行主席是： */
const POST_BEFORE_COLON = /([\u4e00-\u9fff]+?)(是|为)?[:：]$/;

/** A lead word between a post and its names: 执行主席是：赵小强, 拟任副区长人选赵海洋. */
const POST_TO_NAMES = /^(是|为|人选)[:：]?/;
/** What may stand right before a name that is followed by its title (传达学习王君正书记, 楚雄州人民政府程鹏副州长). */
const BEFORE_NAME_AND_TITLE = /(^|[、，,。；;：:“”"\s（(）)《》]|了|和|及|与|以及|学习|传达|政府|党委|人大|政协)$/;

function mentionsIn(clause: string, before: string, known: Map<string, Person>): Mention[] {
  const mentions: Mention[] = [];
  const taken = (start: number, end: number) => mentions.some((m) => m.start < end && start < m.end);
  const { titles, collectiveLabel } = postWords();
  // the titles of the clause, found once for the posts before names and the names before titles
  const titleMatches = matchesOf(titles, clause);

  for (const m of titleMatches) {
    const end = m.index! + m[0].length;
    const found = afterEarlierMention(postsBefore(clause, end), clause, mentions);
    if (!found) continue;
    const lead = clause.slice(end).match(POST_TO_NAMES)?.[0].length ?? 0;
    const names = nameList(clause, end + lead, "post");
    if (names.length === 0 || taken(found.start, names[names.length - 1]!.end)) continue;
    names.forEach((listed, i) => mentions.push({ name: listed.name, posts: found.posts, start: i === 0 ? found.start : listed.start, end: listed.end, rule: "people.post-before-name" }));
  }

  // 大会执行主席是：赵小强、王京生 — the post ends the clause before
  // only the tail of the sentence so far: the pattern runs once per clause
  const tailStart = Math.max(0, before.length - 40);
  const heading = before.endsWith("：") || before.endsWith(":") ? before.slice(tailStart).match(POST_BEFORE_COLON) : null;
  if (heading) {
    const found = postsBefore(before, tailStart + heading.index! + heading[1]!.length);
    for (const listed of found ? nameList(clause, 0, "post") : []) if (!taken(listed.start, listed.end)) mentions.push({ ...listed, posts: found!.posts, rule: "people.post-before-name" });
  }

  for (const label of matchesOf(collectiveLabel, clause)) {
    for (const listed of nameList(clause, label.index! + label[0].length, "label")) {
      if (!taken(listed.start, listed.end)) mentions.push({ ...listed, posts: [], rule: "people.list-after-label" });
    }
  }

  // A list of two or more names opening a clause: 徐晓东、任林及各相关单位…, 谢波、杨景宪两名同志…
  // A list of names opening the clause, or after a space in a headline (周连华主持 于海田 丛锡钢出席)
  for (const start of listStarts(clause)) {
    for (const listed of openingList(clause, start, start > 0)) if (!taken(listed.start, listed.end)) mentions.push({ ...listed, posts: [], rule: "people.list-opening-clause" });
  }

  const opening = clause.match(roleWords().openingSpeaker);
  if (opening) {
    const name = opening[1]!;
    const score = hanNameScore(name, "opening");
    if (score !== null && score >= 0 && !taken(0, name.length)) mentions.push({ name, posts: [], start: 0, end: name.length, rule: "people.name-opening-speech" });
  }

  mentions.push(...namesBeforeTitles(clause, titleMatches, taken));
  mentions.push(...appointed(clause, before, taken));

  // 李向宏等7名委员围绕…作了书面发言: one name heading a counted group vouches for itself as a list does
  // (after the appointments: 申永杰等3名同志为区监察委员会委员 is one, with its post)
  const head = groupHead(clause);
  if (head && !taken(head.start, head.end)) mentions.push({ ...head, posts: [], rule: "people.group-head" });

  for (const name of known.keys()) {
    for (let at = clause.indexOf(name); at >= 0; at = clause.indexOf(name, at + 1)) {
      if (!taken(at, at + name.length)) mentions.push({ name, posts: [], start: at, end: at + name.length, rule: "people.known-name-again" });
    }
  }
  return mentions.sort((a, b) => a.start - b.start);
}

/** Where a list of names may open: the clause's start, and after each run of spaces (most clauses have none). */
function listStarts(clause: string): number[] {
  const starts = [0];
  if (clause.indexOf(" ") < 0 && clause.indexOf("\u3000") < 0) return starts;
  for (const m of matchesOf(SPACES, clause)) starts.push(m.index! + m[0].length);
  return starts;
}
const SPACES = /[ \u3000]+/g;

/**
 * Two or more names in a row at `start`: 徐晓东、任林及各相关单位…, 谢波、杨景宪两名同志…. Three or more vouch
 * for each other, so a name the model doubts (粟多能) may stand among them. After a space, names may be joined by
 * spaces, as headlines write them.
 */
function openingList(clause: string, start: number, spaced: boolean): Listed[] {
  // a list has a joint within a name's length of its start (most clauses open with no list at all)
  const head = clause.slice(start + 1, start + 10);
  const joint = head.slice(0, 5).search(spaced ? /[、 \u3000]/ : /、/);
  if (joint < 0 && !/[·•‧・．.]/.test(head)) return [];
  const strict = nameList(clause, start, "list", 0, spaced);
  const lenient = strict.length >= 3 ? strict : nameList(clause, start, "list", roleWords().weights.listSlack, spaced);
  const list = lenient.length >= 3 ? lenient : strict.length >= 2 ? strict : [];
  // Names set apart by spaces are a byline (记者 赵超 张丁香) unless a verb of their role follows them.
  if (spaced && list.length > 0 && !roleWords().roleVerbAtStart.test(clause.slice(list[list.length - 1]!.end))) return [];
  return list;
}

/** A name opening the clause and followed by a count of the group it heads: 李向宏等7名委员. */
function groupHead(clause: string): Listed | null {
  // (the count is looked for first: few clauses hold 等 and a number within a name's length of their start)
  const at = clause.indexOf("等");
  if (at < 2 || at > 16) return null;
  const found = nameAt(clause, 0, "list");
  if (!found || found.length !== at || !roleWords().groupCount.test(clause.slice(at))) return null;
  return { name: found.name, start: 0, end: found.length };
}

/** A name placed before its title, the way a higher leader is named: 王君正书记, 吴贤德市长, 程鹏副州长. */
function namesBeforeTitles(clause: string, titleMatches: RegExpExecArray[], taken: (start: number, end: number) => boolean): Mention[] {
  const mentions: Mention[] = [];
  for (const m of titleMatches) {
    const at = m.index!;
    for (const length of [3, 2]) {
      const start = at - length;
      if (start < 0 || taken(start, at + m[0].length) || !BEFORE_NAME_AND_TITLE.test(clause.slice(Math.max(0, start - 4), start))) continue;
      const score = hanNameScore(clause.slice(start, at), "title");
      if (score === null || score < 0) continue;
      mentions.push({ name: clause.slice(start, at), posts: [m[0]], start, end: at + m[0].length, rule: "people.name-before-title" });
      break;
    }
  }
  return mentions;
}

/** After an appointing verb, names followed by 为 and the post given: 任命赵海洋、董冲为区人民政府副区长, 张东方为区教育体育局局长. */
function appointed(clause: string, before: string, taken: (start: number, end: number) => boolean): Mention[] {
  const { appointing } = roleWords();
  // the verb may stand earlier in the clause or in the sentence before it (…副区长，张东方为…局长)
  const starts = [...matchesOf(appointing, clause)].map((m) => m.index! + m[0].length);
  // (only a clause with 为 near its start can go on an appointment, so the sentence is searched for few)
  if (starts.length === 0 && clause.slice(0, 24).includes("为") && before.search(appointing) >= 0) starts.push(0);
  const mentions: Mention[] = [];
  for (const start of starts) {
    const names = nameList(clause, start, "post");
    if (names.length === 0) continue;
    const tail = clause.slice(names[names.length - 1]!.end).match(/^(同志)?(等[\d一二三四五六七八九十]+名同志)?为([^、，,。；;：:和]+)/);
    if (!tail || !postWords().titleAtEnd.test(tail[3]!)) continue;
    for (const listed of names) if (!taken(listed.start, listed.end)) mentions.push({ ...listed, posts: [tail[3]!], rule: "people.appointed" });
  }
  return mentions;
}

/** The roles a stretch of text after a name gives it; speech heard from others (听取…汇报) is not its own. */
function rolesIn(text: string): Role[] {
  const { chairing, speech, attending, heardSpeech, writtenWords, speechAsNoun } = roleWords();
  const own = text.replace(heardSpeech, "").replace(writtenWords, "").replace(speechAsNoun, "");
  const roles: Role[] = [];
  if (chairing.test(own)) roles.push("主持");
  if (speech.test(own)) roles.push("讲话");
  if (attending.test(own)) roles.push("出席");
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
    if (next && /^[、和及与\s]*$/.test(between)) return;
    // 传达学习了龚文密书记…所作的报告: a name inside what is relayed is only mentioned
    // (only the stretch just before the name is read: a relaying verb's object is a phrase, not a page)
    const before = mentions[group[0]!]!.start;
    if (roleWords().relayedObject.test(clause.text.slice(Math.max(0, before - RELAYED_REACH), before))) {
      group = [];
      return;
    }
    // 赵乐际在福建调研…时的讲话精神: what the person did is told about words relayed here, at no act of this meeting
    if (roleWords().relativeSpeech.test(between)) {
      group = [];
      return;
    }
    let found = rolesIn(between);
    // A subject whose clause says nothing of what it did takes the first verb after it in the sentence
    // (刘建中,区领导…出席; 董西成、李小平…8名委员重点围绕…,提出了…建议).
    if (found.length === 0 && !next) found = rolesIn(firstVerbPhrase(clause.rest));
    // 王红丽主持召开…会议，传达学习…，安排部署…: clauses that open with a verb go on with the same subject.
    else if (!next) found = [...found, ...serialRoles(clause.parts.slice(clause.index + 1))];
    // A list after 出席会议的还有： takes the verb of the clause that announces it.
    if (found.length === 0 && group.length > 0 && roleWords().listLead.test(clause.before)) found = rolesIn(clause.before);
    for (const member of group) roles[member] = found.length > 0 ? found : sittingRoles(mentions[member]!);
    group = [];
  });
  return roles;
}

/** 大会执行主席是：赵小强、王京生 — one who holds an office of the sitting attends it. */
function sittingRoles(mention: Mention): Role[] {
  return mention.posts.some((post) => roleWords().sittingPost.test(post)) ? ["出席"] : [];
}

/** The roles of the clauses that go on with the subject before them, up to the first that does not. */
function serialRoles(clauses: string[]): Role[] {
  const roles: Role[] = [];
  for (const clause of clauses) {
    // only the verb the clause opens with: what follows it may tell of other people (传达学习…在…参加…时的讲话精神)
    const verb = clause.match(roleWords().serialClause);
    // 主持召开…会议，传达学习…精神: the meeting relays those words, not the chair (as the pages' readers count it)
    if (!verb || roleWords().relayingClause.test(clause)) break;
    roles.push(...rolesIn(verb[0]));
  }
  return roles;
}

function firstVerbPhrase(text: string): string {
  const m = text.match(roleWords().anyRole);
  return m ? text.slice(0, m.index! + m[0].length) : "";
}

const ROLE_ORDER: Role[] = ["主持", "讲话", "出席"];

export function extractPeople(text: string): Person[] {
  const people = new Map<string, Person>();
  for (const clause of clausesOf(text)) {
    const mentions = mentionsIn(clause.text, clause.before, people);
    const roles = assignRoles(clause, mentions);
    mentions.forEach((mention, i) => {
      const person = people.get(mention.name) ?? { name: mention.name, posts: [], roles: [], clues: [] };
      for (const post of mention.posts) if (!person.posts.includes(post)) person.posts.push(post);
      for (const role of roles[i]!) if (!person.roles.includes(role)) person.roles.push(role);
      if (person.clues!.length < MAX_CLUES && !person.clues!.some((c) => c.sentence === clause.sentence)) person.clues!.push({ sentence: clause.sentence, rule: RULES[mention.rule], id: mention.rule });
      people.set(mention.name, person);
    });
  }
  return [...people.values()].map((p) => ({ ...p, roles: ROLE_ORDER.filter((r) => p.roles.includes(r)) }));
}
