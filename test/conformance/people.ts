import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ingest } from "../../src/ingest/ingest.js";
import { fixtureSource } from "../fixture-pages.js";
import { tempDir } from "../store-helpers.js";
import { FUCHENG_JANUARY, WANGJIAN_BANNER, writePage } from "../written-pages.js";
import { freshStore, type Backend } from "./backend.js";

// Person recognition on every backend: one official across the reports of his county is one person (merged);
// the same name in another province, or at a village post, is another (split).

export function people(backend: Backend): void {
  describe(`${backend.name}: people`, () => {
    test("one official in two reports of his county is one person with a dated timeline; the same name elsewhere is another", async (t) => {
      const dir = tempDir();
      const { store } = await freshStore(backend);
      t.after(() => store.close());
      const inputs = [
        fixtureSource("fucheng-changweihui-2021-03"),
        writePage(dir, "fucheng-january.txt", FUCHENG_JANUARY),
        fixtureSource("fucheng-village-liangwei-2021"),
        writePage(dir, "wangjian-banner.txt", WANGJIAN_BANNER),
        fixtureSource("tianqu-tuijinhui-glossed"),
      ];
      await ingest(store, inputs, { workers: 0 });
      const shen = await store.persons("申文霞");
      assert.equal(shen.length, 2, "the county secretary and the village secretary of one name");
      const county = shen.find((person) => person.appearances.length === 2)!;
      assert.deepEqual(
        county.appearances.map((a) => [a.date, a.meeting, a.posts, a.roles]),
        [
          ["2021-01-05", "县委常委(扩大)会", ["县委书记"], ["主持", "讲话"]],
          ["2021-03-15", "县委常委会会议", ["县委书记"], ["主持", "讲话"]],
        ],
      );
      const village = shen.find((person) => person !== county)!;
      assert.deepEqual(village.appearances.map((a) => a.posts), [["村党支部书记"]]);

      // 王健: a 旗委书记 in Inner Mongolia and a deputy commander in Shandong's 天衢新区.
      const wang = await store.persons("王健");
      assert.equal(wang.length, 2);

      const document = await store.document(county.appearances[0]!.document);
      const index = document!.record.people.findIndex((person) => person.name === "申文霞");
      assert.equal(document!.personIds[index], county.id);
      assert.deepEqual((await store.person(county.id))?.appearances.length, 2);
      assert.equal(await store.person(999_999), null);
      const companions = await store.companions(county.id, 5);
      assert.ok(companions.length > 0 && companions.every((companion) => companion.id !== county.id && companion.documents >= 1));
    });

    test("people met in one batch, in two batches, or by a writer reopened later are the same persons", async (t) => {
      const dir = tempDir();
      const inputs = [fixtureSource("fucheng-changweihui-2021-03"), writePage(dir, "fucheng-january.txt", FUCHENG_JANUARY)];
      const persons = async (split: boolean) => {
        const { store, target } = await freshStore(backend);
        if (!split) {
          await ingest(store, inputs, { workers: 0 });
          return { store, shen: await store.persons("申文霞") };
        }
        await ingest(store, inputs.slice(0, 1), { workers: 0 });
        await store.close();
        // Another program (a reopened store) meets the second report.
        const again = await backend.open(target);
        await ingest(again, inputs.slice(1), { workers: 0 });
        return { store: again, shen: await again.persons("申文霞") };
      };
      const together = await persons(false);
      const apart = await persons(true);
      t.after(() => Promise.all([together.store.close(), apart.store.close()]));
      assert.equal(together.shen.length, 1);
      assert.equal(apart.shen.length, 1);
      assert.equal(apart.shen[0]!.appearances.length, 2);
      assert.equal((await apart.store.stats()).persons, (await together.store.stats()).persons);
    });
  });
}
