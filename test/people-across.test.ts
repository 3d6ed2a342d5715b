import assert from "node:assert/strict";
import { test } from "node:test";
import { random } from "../bench/pages.js";
import { Namesakes, type KnownPerson } from "../src/corpus/namesakes.js";
import { absorb, fit as fitRead, postLevel, profileOf as profileOfRead, readSighting, type Profile, type Sighting } from "../src/corpus/person-match.js";

// Whether two sightings of a name can be one person, and the index that finds the candidates; persons
// recognised by a store are in test/conformance/people.ts.

const fit = (sighting: Sighting, profile: Profile) => fitRead(readSighting(sighting), profile);
const profileOf = (sighting: Sighting) => profileOfRead(readSighting(sighting));

test("post levels and places decide whether two sightings of a name can be one person", () => {
  assert.equal(postLevel("区委书记"), "县级");
  assert.equal(postLevel("镇党委书记"), "乡级");
  assert.equal(postLevel("市委常委"), "市级");
  assert.equal(postLevel("党组书记"), null);
  const countySecretary = profileOf({ code: "131128", jurisdiction: "阜城县", posts: ["县委书记"] });
  // At a city meeting of the city that holds the county: the same person.
  assert.ok(fit({ code: "131100", jurisdiction: "衡水市", posts: [] }, countySecretary) !== null);
  // Promoted within the county (县长 → 县委书记): same level, same place.
  assert.ok(fit({ code: "131128", jurisdiction: "阜城县", posts: ["县长"] }, countySecretary) !== null);
  // Another county of that city, or the same county's village: another person.
  assert.equal(fit({ code: "131127", jurisdiction: "景县", posts: ["县委书记"] }, countySecretary), null);
  assert.equal(fit({ code: "131128", jurisdiction: "阜城县", posts: ["村党支部书记"] }, countySecretary), null);
  // Nothing known of the place: only an identical post vouches.
  assert.equal(fit({ code: null, jurisdiction: null, posts: ["县长"] }, countySecretary), null);
  assert.ok(fit({ code: null, jurisdiction: null, posts: ["县委书记"] }, countySecretary) !== null);
});

test("filing people by place, jurisdiction and post finds the same best fit as comparing with every namesake", () => {
  // Thousands of sightings of one name over a few counties of two provinces, some without a division,
  // jurisdiction or post: each must be matched as a full comparison would, ties to the earliest person.
  const codes = [null, "130000", "131100", "131127", "131128", "131200", "131221", "410000", "410100", "410102"];
  const jurisdictions = [null, "河北省", "衡水市", "景县", "阜城县", "保定市", "郑州市", "中原区", "某开发区"];
  const posts = ["县委书记", "县长", "市长", "市委书记", "副县长", "村党支部书记", "镇党委书记", "党组书记"];
  const next = random(7);
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)]!;
  const everyone: KnownPerson[] = [];
  const namesakes = new Namesakes();
  for (let i = 0; i < 3000; i++) {
    const sighting = readSighting({ code: pick(codes), jurisdiction: pick(jurisdictions), posts: next() < 0.2 ? [] : [pick(posts)] });
    let expected: { person: KnownPerson; score: number } | null = null;
    for (const person of everyone) {
      const score = fitRead(sighting, person.profile);
      if (score !== null && (!expected || score > expected.score)) expected = { person, score };
    }
    const found = namesakes.best(sighting);
    assert.equal(found?.id ?? null, expected?.person.id ?? null, `sighting ${i}: ${JSON.stringify(sighting)}`);
    if (found) namesakes.update(found, absorb(found.profile, sighting));
    else {
      const person = { id: everyone.length + 1, profile: profileOfRead(sighting) };
      everyone.push(person);
      namesakes.add(person);
    }
  }
  // Both outcomes were met many times: sightings of someone known, and new people.
  assert.ok(everyone.length >= 20 && everyone.length <= 2900, `${everyone.length} people`);
});
