import type { Backend } from "./backend.js";
import { searchSemantics } from "./search.js";

// One suite of what every store backend must do alike; a test file runs it for each backend.

export function conformance(backend: Backend): void {
  searchSemantics(backend);
}
