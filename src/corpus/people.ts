import type { AppearanceRow, CorpusBackend, FilingBatch } from "./backend.js";
import { Namesakes, type KnownPerson } from "./namesakes.js";
import { absorb, profileOf, readSighting, type Profile, type Sighting } from "./person-match.js";
import { RecentlyUsed } from "./recently-used.js";

// Person recognition: each sighting of a name on a page is the best-fitting person of that name known
// so far (src/corpus/person-match.ts), else a new person. The people of names met lately are kept in
// memory while writing; a batch's unknown names are read from the backend in one request.

/**
 * Names whose people a writer keeps in memory (up to twice as many): the names of the last several
 * thousand pages, where most of a page's people were met before if at all.
 */
const CACHED_NAMES = 10_000;

/**
 * Ids of persons a batch adds, until the backend gives them theirs: above any stored id, in the order
 * added, so that "the person known longest wins a tie" holds for them too.
 */
const PROVISIONAL = 2 ** 50;

/** One sighting of a name on a page. */
export interface NameSighting extends Sighting {
  name: string;
}

/** A batch's people recognised: each page's persons, and what the backend must add and update. */
export interface Recognised {
  /** per page, per sighting: the person (stored, or added by this batch) */
  persons: AppearanceRow["person"][][];
  newPersons: FilingBatch["newPersons"];
  changedPersons: FilingBatch["changedPersons"];
  /** give the batch's new persons the ids the backend chose */
  settle(ids: number[]): void;
}

export class PersonRecognition {
  /**
   * People of each name met lately, as stored plus this writer's changes: valid only while no other
   * program has written the corpus since (see `forget`). Names not met for a while are forgotten (and read
   * again when met), so that memory does not grow with the corpus.
   */
  private readonly known = new RecentlyUsed<Namesakes>(CACHED_NAMES);

  /** Forget what is remembered: after another program wrote the corpus, or a transaction was abandoned. */
  forget(): void {
    this.known.clear();
  }

  async recognise(backend: CorpusBackend, pages: NameSighting[][]): Promise<Recognised> {
    const namesakes = await this.namesakesOf(backend, [...new Set(pages.flat().map((sighting) => sighting.name))]);
    const added: KnownPerson[] = [];
    const newPersons: FilingBatch["newPersons"] = [];
    const changed = new Map<number, Profile>();
    const persons = pages.map((sightings) =>
      sightings.map(({ name, ...seen }) => {
        const sighting = readSighting(seen);
        const people = namesakes.get(name)!;
        const known = people.best(sighting);
        if (!known) {
          const person = { id: PROVISIONAL + added.length, profile: profileOf(sighting) };
          people.add(person);
          added.push(person);
          newPersons.push({ name, profile: person.profile });
          return { added: added.length - 1 };
        }
        const profile = absorb(known.profile, sighting);
        if (profile !== known.profile) {
          people.update(known, profile);
          if (known.id >= PROVISIONAL) newPersons[known.id - PROVISIONAL]!.profile = profile;
          else changed.set(known.id, profile);
        }
        return known.id >= PROVISIONAL ? { added: known.id - PROVISIONAL } : { id: known.id };
      }),
    );
    return {
      persons,
      newPersons,
      changedPersons: [...changed].map(([id, profile]) => ({ id, profile })),
      settle: (ids) => added.forEach((person, i) => (person.id = ids[i]!)),
    };
  }

  /** The people of each name, from memory or (all the names not there, at once) from the backend. */
  private async namesakesOf(backend: CorpusBackend, names: string[]): Promise<Map<string, Namesakes>> {
    const found = new Map<string, Namesakes>();
    const missing: string[] = [];
    for (const name of names) {
      const people = this.known.get(name);
      if (people) found.set(name, people);
      else missing.push(name);
    }
    if (missing.length) {
      const stored = await backend.personsNamed(missing);
      for (const name of missing) {
        const people = new Namesakes();
        for (const person of stored.get(name) ?? []) people.add({ id: person.id, profile: person.profile });
        this.known.set(name, people);
        found.set(name, people);
      }
    }
    return found;
  }
}
