import type { Backend } from "./conformance/backend.js";
import { conformance } from "./conformance/index.js";
import { openStore } from "../src/store/open.js";
import { describePg, freshDatabase, type TestDatabase } from "./pg-helpers.js";
import { after } from "node:test";

// The conformance suite over the PostgreSQL backend, opened through openStore as commands open it: each
// corpus a new database on the test server (HUIYI_TEST_PG), all dropped when the file ends. Skipped
// without a server, failed without one under CI (test/pg-helpers.ts).

const made: TestDatabase[] = [];
const postgres: Backend = {
  name: "postgres",
  fresh: async () => {
    const database = await freshDatabase("conformance");
    made.push(database);
    return database.url;
  },
  open: (target, { create = false } = {}) => openStore(target, { create }),
};

describePg("the conformance suite on PostgreSQL", () => {
  after(async () => {
    for (const database of made) await database.drop();
  });
  conformance(postgres);
});
