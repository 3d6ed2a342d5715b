import { execFileSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// The PostgreSQL server a bench runs against: the one HUIYI_TEST_PG names, else a throwaway cluster started
// with scripts/pg-test-cluster.sh and stopped (its folder deleted) when the bench ends, however it ends.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SCRIPT = join(ROOT, "scripts/pg-test-cluster.sh");

export interface BenchServer {
  url: string;
  /** whether the bench started it (and will stop it) */
  throwaway: boolean;
  stop(): void;
}

export function benchServer(): BenchServer {
  const given = process.env.HUIYI_TEST_PG;
  if (given) return { url: given, throwaway: false, stop: () => {} };
  console.log("HUIYI_TEST_PG is not set: starting a throwaway cluster (scripts/pg-test-cluster.sh) …");
  const lines = execFileSync(SCRIPT, ["start"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const value = (name: string) => lines.match(new RegExp(`^export ${name}=(.*)$`, "m"))?.[1];
  const url = value("HUIYI_TEST_PG");
  const dir = value("HUIYI_TEST_PG_DIR");
  if (!url || !dir) throw new Error(`pg-test-cluster.sh start said nothing usable: ${lines}`);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    execFileSync(SCRIPT, ["stop", dir], { stdio: "inherit" });
  };
  process.once("exit", stop);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      stop();
      process.exit(130);
    });
  }
  return { url, throwaway: true, stop };
}
