import type { Backend } from "./backend.js";
import { citation } from "./citation.js";
import { counts } from "./counts.js";
import { exportAndFilters } from "./export-and-filters.js";
import { ledger } from "./ledger.js";
import { nearDuplicates } from "./near-duplicates.js";
import { people } from "./people.js";
import { personIndex } from "./person-index.js";
import { searchSemantics } from "./search.js";
import { writing } from "./writing.js";

// One suite of what every store backend must do alike; a test file runs it for each backend
// (test/conformance-sqlite.test.ts).

export function conformance(backend: Backend): void {
  writing(backend);
  nearDuplicates(backend);
  searchSemantics(backend);
  people(backend);
  personIndex(backend);
  exportAndFilters(backend);
  ledger(backend);
  citation(backend);
  counts(backend);
}
