import { lazy, readDataFile } from "./load.js";

// The words that frame a person (data/people.json), each list kept once and used by every extractor:
// the verbs of speech, chairing and attendance, and the words that may follow a name.

const longestFirst = (words: string[]) => [...new Set(words)].sort((a, b) => b.length - a.length);
const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const alternation = (words: string[]) => longestFirst(words).map(escape).join("|");

interface PeopleFile {
  saying: string[];
  speechActs: string[];
  chairing: string[];
  attending: string[];
  relayed: string[];
  heardBy: string[];
  afterName: string[];
  madeSpeech: string[];
  contextWeights: { [context: string]: number };
  listLead: string[];
}

export const roleWords = lazy(() => {
  const file = JSON.parse(readDataFile("people.json")) as PeopleFile;
  for (const [key, words] of Object.entries(file)) {
    if (key !== "about" && key !== "contextWeights" && (!Array.isArray(words) || words.some((w) => typeof w !== "string" || w === ""))) throw new Error(`data/people.json: ${key} 应为非空词语列表`);
  }
  const speech = `${alternation([...file.saying, ...file.speechActs])}|作[^，,。；;]{0,24}?(?:${alternation(file.madeSpeech)})`;
  return {
    /** verbs that introduce what a speaker said: 强调, 指出 */
    saying: file.saying,
    /** any verb of speech, not when the words are relayed from elsewhere (讲话精神) */
    speech: new RegExp(`(${speech})(?!${alternation(file.relayed)})`),
    chairing: new RegExp(alternation(file.chairing)),
    attending: new RegExp(alternation(file.attending)),
    /** 听取…汇报: the speech belongs to someone else; up to the verb of speech it governs */
    heardSpeech: new RegExp(`(${alternation(file.heardBy)})[^，,。；;]{0,30}?(${speech})`, "g"),
    /** the first verb of any role */
    anyRole: new RegExp(alternation([...file.chairing, ...file.attending, ...file.saying, ...file.speechActs])),
    /** what may follow a name: punctuation, a count of people (两名同志), or a word that starts the predicate */
    contextWeights: file.contextWeights,
    /** a clause ending in 出席会议的还有： hands its verb to the list that follows */
    listLead: new RegExp(`(${alternation(file.listLead)})[:：]$`),
    afterName: new RegExp(`^($|[、，,。；;：:（()）“”"\\s!！?？\\d]|[两二三四五六七八九十]+(名|位)|${alternation(file.afterName)})`),
  };
});
