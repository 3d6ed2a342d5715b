import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ingest } from "../../src/ingest/ingest.js";
import { fixtureSources } from "../fixture-pages.js";
import { freshStore, type Backend } from "./backend.js";

// The directive ledger on every backend: follow-ups are kept apart from what was extracted, filter the
// ledger, and outlive the program that wrote them.

export function ledger(backend: Backend): void {
  describe(`${backend.name}: ledger`, () => {
    test("a follow-up sets a directive's status and note, filters the ledger, and is there when the corpus is reopened", async (t) => {
      const { store, target } = await freshStore(backend);
      await ingest(store, fixtureSources(), { workers: 0 });
      const all = await store.directives({ limit: 100 });
      assert.ok(all.total > 3);
      assert.ok(all.entries.every((entry) => entry.status === "未跟进" && entry.note === "" && entry.updated === null));
      const target1 = all.entries[1]!;
      const written = await store.followUp(target1.id, "落实中", "已电话核实");
      assert.deepEqual([written!.id, written!.status, written!.note], [target1.id, "落实中", "已电话核实"]);
      assert.ok(written!.updated);
      assert.equal(await store.followUp(999_999, "已落实", ""), null);
      const following = await store.directives({ status: "落实中" });
      assert.deepEqual(following.entries.map((entry) => entry.id), [target1.id]);
      assert.equal((await store.directives({ status: "未跟进", limit: 1 })).total, all.total - 1);
      const theme = all.entries.find((entry) => entry.theme)!.theme!;
      const themed = await store.directives({ theme, limit: 100 });
      assert.ok(themed.total > 0 && themed.entries.every((entry) => entry.theme === theme));
      const paged = await store.directives({ limit: 2, offset: 2 });
      assert.deepEqual(paged.entries.map((entry) => entry.id), all.entries.slice(2, 4).map((entry) => entry.id));
      await store.close();

      const reopened = await backend.open(target);
      t.after(() => reopened.close());
      const kept = await reopened.directives({ status: "落实中" });
      assert.deepEqual(kept.entries.map((entry) => [entry.id, entry.note]), [[target1.id, "已电话核实"]]);
      // The ledger's follow-ups survive more pages stored after them.
      const again = await ingest(reopened, fixtureSources(), { workers: 0 });
      assert.equal(again.stored, 0);
      assert.equal((await reopened.directives({ status: "落实中" })).total, 1);
    });
  });
}
