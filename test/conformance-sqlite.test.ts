import { join } from "node:path";
import { openStore } from "../src/store/open.js";
import type { Backend } from "./conformance/backend.js";
import { conformance } from "./conformance/index.js";
import { tempDir } from "./store-helpers.js";

// The conformance suite over the embedded SQLite backend: each corpus a new file.

let made = 0;
const sqlite: Backend = {
  name: "sqlite",
  fresh: async () => join(tempDir(), `corpus-${++made}.db`),
  open: (target, { create = false } = {}) => openStore(target, { create }),
};

conformance(sqlite);
