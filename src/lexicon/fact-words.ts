import { lazy, readDataJson } from "./load.js";
import { roleWords } from "./role-words.js";
import { alternation } from "./alternation.js";


/** Words that open directives (after a verb of saying from data/people.json), and that name measures, units and periods of figures (data/facts.json). */
export const factWords = lazy(() => {
  const file = readDataJson<{
    directiveMarkers: string[];
    genericProjectWords: string[];
    notInProjectNames: string[];
    measures: string[];
    units: string[];
    periods: string[];
  }>("facts.json");
  return {
    directiveMarker: new RegExp(`^(${alternation(file.directiveMarkers)})`),
    /** after a speaker: a few words, then a verb of speech (…在讲话中强调：) */
    speech: new RegExp(`^[^，,。]{0,12}?(${alternation(roleWords().saying)})[,，:：]?`),
    genericProject: new RegExp(`^(${alternation(file.genericProjectWords)})+$`),
    notInProjectName: new RegExp(alternation(file.notInProjectNames)),
    indicator: new RegExp(`([\\u4e00-\\u9fff]{2,14}?)(${alternation(file.measures)})(-?\\d+(?:\\.\\d+)?)(${alternation(file.units)})`, "g"),
    period: new RegExp(alternation(file.periods), "g"),
  };
});
