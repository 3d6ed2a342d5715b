import type { PersonIndexEntry } from "../store/store.js";
import type { PersonIndexRow } from "./backend.js";
import { placeOfPerson, placesSeen } from "./people-place.js";

// A person as the index and a namesake list show them: enough to tell two people of one name apart (where
// their post is, where they were seen, their posts, their years) without opening either.

export function indexEntryOf(row: PersonIndexRow): PersonIndexEntry {
  return {
    id: row.id,
    name: row.name,
    place: placeOfPerson(row.posts, row.codes, row.jurisdiction),
    places: placesSeen(row.codes, row.jurisdiction),
    posts: row.posts,
    documents: row.documents,
    first: row.first,
    last: row.last,
  };
}
