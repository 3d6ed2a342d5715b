import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (tests run from dist/test/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The shared corpus, tools and spec beside the repository; absent on a bare clone. */
export const SHARED = resolve(ROOT, "../shared");
export const CORPUS = resolve(SHARED, "corpus");
export const CLI = resolve(ROOT, "dist/src/cli/main.js");
