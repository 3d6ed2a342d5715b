import type { Record } from "../types.js";
import { extractMeeting } from "./meeting.js";
import { extractPeople } from "./people.js";

/** The facts of a cleaned record: the meeting it reports and the people in it. */
export function extract(record: Record): Record {
  return {
    ...record,
    meeting: extractMeeting(record),
    people: extractPeople(record.text),
  };
}
