import { lazy, readDataJson } from "./load.js";
import { alternation } from "./alternation.js";

// The words that frame a person (data/people.json), each list kept once and used by every extractor:
// the verbs of speech, chairing and attendance, and the words that may follow a name.


export type PeopleWeights = { post: number; label: number; list: number; title: number; opening: number; commonWord: number; listSlack: number; modelInChoice: number; verbAfter: number };

interface PeopleFile {
  saying: string[];
  speechActs: string[];
  chairing: string[];
  attending: string[];
  relayed: string[];
  heardBy: string[];
  afterName: string[];
  madeSpeech: string[];
  weights: PeopleWeights;
  listLead: string[];
  written: string[];
  appointing: string[];
  needsObject: string[];
  relaying: string[];
  serialLead: string[];
  sittingPosts: string[];
  groupCounters: string[];
  speechNouns: string[];
}

/** Weights given in HUIYI_PEOPLE_WEIGHTS (JSON) replace the shipped ones: how the fitting script tries them. */
function weightOverrides(): Partial<PeopleFile["weights"]> {
  const given = process.env.HUIYI_PEOPLE_WEIGHTS;
  if (!given) return {};
  try {
    return JSON.parse(given) as Partial<PeopleFile["weights"]>;
  } catch {
    throw new Error("HUIYI_PEOPLE_WEIGHTS 不是有效的 JSON");
  }
}

export const roleWords = lazy(() => {
  const file = readDataJson<PeopleFile>("people.json");
  for (const [key, words] of Object.entries(file)) {
    if (key !== "about" && key !== "weights" && (!Array.isArray(words) || words.some((w) => typeof w !== "string" || w === ""))) throw new Error(`data/people.json: ${key} 应为非空词语列表`);
  }
  // 作… first: an alternation takes its first match, and 作总结讲话 should be read whole, not as 作总结
  const speech = `作[^，,。；;]{0,24}?(?:${alternation(file.madeSpeech)})+|${alternation([...file.saying, ...file.speechActs])}`;
  return {
    /** verbs that introduce what a speaker said: 强调, 指出 */
    saying: file.saying,
    /** any verb of speech, not when the words are relayed from elsewhere (讲话精神) */
    speech: new RegExp(`(${speech})(?!${alternation(file.relayed)})`),
    chairing: new RegExp(alternation(file.chairing)),
    attending: new RegExp(alternation(file.attending)),
    /** 听取…汇报: the speech belongs to someone else; up to the verb of speech it governs */
    heardSpeech: new RegExp(`(${alternation(file.heardBy)})[^，,。；;]{0,30}?(${speech})`, "g"),
    /** a clause opened by a name and a verb of saying or chairing: 朱小兵强调, 李清在会上指出, 马兰同志主持 */
    openingSpeaker: new RegExp(`^([\\u4e00-\\u9fff]{2,4}?)(同志)?(在[^，,。]{0,20}?)?(${alternation([...file.saying, ...file.chairing])})`),
    /** the first verb of any role */
    anyRole: new RegExp(alternation([...file.chairing, ...file.attending, ...file.saying, ...file.speechActs])),
    /** what may follow a name: punctuation, a count of people (两名同志), or a word that starts the predicate */
    weights: { ...file.weights, ...weightOverrides() },
    /** a post held in the sitting itself: 大会执行主席 */
    sittingPost: new RegExp(`(${alternation(file.sittingPosts)})$`),
    /** the text before a name ends inside the object of a relaying verb: 传达学习全国两会、省委书记 */
    relayedObject: new RegExp(`(${alternation(file.relaying)})[^，,。；;：:]*$`),
    /** a clause that goes on with the subject before it: (并)讲话, 传达…, 部署… */
    serialClause: new RegExp(`^(${alternation(file.serialLead)})?(${speech}|${alternation([...file.chairing, ...file.attending])})`),
    /** a word after a name that cannot end a clause (来, 作, 和): before punctuation it belongs to the name */
    danglingWord: new RegExp(`^(${alternation(file.needsObject)})(?=$|[、，,。；;：:）)])`),
    /** at the start of what follows a name: a verb of a role, so 马兰 + 作总结讲话 beats 马兰作 + 总结 */
    roleVerbAtStart: new RegExp(`^(${speech}|${alternation([...file.chairing, ...file.attending])})`),
    /** 批示要求, 指示精神: words given in writing, not spoken at this meeting */
    writtenWords: new RegExp(`(${alternation(file.written)})[^，,。；;]{0,4}?(${alternation([...file.saying, ...file.relayed])})`, "g"),
    /** what a person is said to have done in a relative clause ending in their relayed words (…在闽调研时的讲话精神) */
    /** a speech named as a thing, not done here: 石玉华在开幕上的致辞, 调研讲话要求, 讲话精神 */
    speechAsNoun: new RegExp(`的(重要)?(${alternation(file.speechNouns)})|(调研)?(${alternation(file.speechActs)})(${alternation(file.relayed)})`, "g"),
    /** a clause that opens by relaying words from elsewhere: 传达学习… */
    relayingClause: new RegExp(`^(${alternation(file.relaying)}|传达)`),
    relativeSpeech: new RegExp(`^[^，,。；;]*的(重要)?(${alternation([...file.speechActs, ...file.written])})[^，,。；;]{0,6}?(${alternation(file.relayed)})`),
    /** names followed by 为 and a post: 任命赵海洋、董冲为区人民政府副区长 */
    appointing: new RegExp(alternation(file.appointing), "g"),
    /** after a name, a count of the group it heads: 李向宏等7名委员, 申永杰等3名同志 */
    groupCount: new RegExp(`^等[0-9两二三四五六七八九十百]+(${alternation(file.groupCounters)})`),
    /** a clause ending in 出席会议的还有： hands its verb to the list that follows */
    listLead: new RegExp(`(${alternation(file.listLead)})[:：]$`),
    afterName: new RegExp(`^($|[、，,。；;：:（()）“”"\\s!！?？\\d]|[两二三四五六七八九十]+(名|位)|${alternation(file.afterName)})`),
  };
});

/**
 * Replace weights for the rest of this process: how the fitting script tries weights without a process per
 * trial. Only weights it names change; the name model's cache holds no weight, so the next page sees them all.
 */
export function usePeopleWeights(weights: Partial<PeopleWeights>): void {
  Object.assign(roleWords().weights, weights);
}
