import type { Record } from "../types.js";
import { extractDirectives } from "./directives.js";
import { extractIndicators } from "./indicators.js";
import { extractMeeting } from "./meeting.js";
import { extractPeople } from "./people.js";
import { extractProjects } from "./projects.js";

/** One extractor: it reads the cleaned record (and what earlier extractors found) and fills in its own fact. */
export interface ExtractStage {
  readonly id: string;
  run(record: Record): Record;
}

/**
 * Every extractor, in the order they run: the meeting first, since roles are what people did at it; people
 * before directives, which are laid down by the speakers found. Adding an extractor: its own file, and an entry
 * here; its clues carry rule ids that start with its id (meeting.held-object, people.post-before-name).
 */
export const EXTRACT_STAGES: readonly ExtractStage[] = [
  { id: "meeting", run: (record) => ({ ...record, meeting: extractMeeting(record) }) },
  {
    id: "people",
    run(record) {
      const people = extractPeople(record.text);
      // Roles are what people did at the meeting reported: a page that reports none gives nobody a role.
      return { ...record, people: record.meeting ? people : people.map((person) => ({ ...person, roles: [] })) };
    },
  },
  { id: "directives", run: (record) => ({ ...record, directives: extractDirectives(record.text, record.people) }) },
  { id: "projects", run: (record) => ({ ...record, projects: extractProjects(record.text) }) },
  { id: "indicators", run: (record) => ({ ...record, indicators: extractIndicators(record.text) }) },
];

export const EXTRACT_STAGE_IDS: readonly string[] = EXTRACT_STAGES.map((stage) => stage.id);
