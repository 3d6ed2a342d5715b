import type { Record } from "../types.js";
import { EXTRACT_STAGES } from "./stages.js";

export { EXTRACT_STAGES, EXTRACT_STAGE_IDS, type ExtractStage } from "./stages.js";

export interface ExtractOptions {
  /** extractors not to run (their facts stay empty): ids from EXTRACT_STAGE_IDS */
  skip?: readonly string[];
}

/** The facts of a cleaned record: the meeting it reports, its people, their directives, projects, figures. */
export function extract(record: Record, options: ExtractOptions = {}): Record {
  const start: Record = { ...record, meeting: null, people: [], directives: [], projects: [], indicators: [] };
  return EXTRACT_STAGES.reduce((current, stage) => (options.skip?.includes(stage.id) ? current : stage.run(current)), start);
}
