import type { Record } from "../types.js";
import { extractMeeting } from "./meeting.js";
import { extractPeople } from "./people.js";

/** The facts of a cleaned record: the meeting it reports and the people in it. */
export function extract(record: Record): Record {
  const meeting = extractMeeting(record);
  const people = extractPeople(record.text);
  // Roles are what people did at the meeting reported: a page that reports none gives nobody a role.
  return { ...record, meeting, people: meeting ? people : people.map((person) => ({ ...person, roles: [] })) };
}
