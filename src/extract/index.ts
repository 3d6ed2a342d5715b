import type { Record } from "../types.js";
import { extractDirectives } from "./directives.js";
import { extractIndicators } from "./indicators.js";
import { extractMeeting } from "./meeting.js";
import { extractPeople } from "./people.js";
import { extractProjects } from "./projects.js";

/** The facts of a cleaned record: the meeting it reports, its people, their directives, projects, figures. */
export function extract(record: Record): Record {
  const meeting = extractMeeting(record);
  const people = extractPeople(record.text);
  return {
    ...record,
    meeting,
    // Roles are what people did at the meeting reported: a page that reports none gives nobody a role.
    people: meeting ? people : people.map((person) => ({ ...person, roles: [] })),
    directives: extractDirectives(record.text, people),
    projects: extractProjects(record.text),
    indicators: extractIndicators(record.text),
  };
}
