// When `huiyi serve` should stop. SIGINT and SIGTERM, whoever sends them. And one case no signal reaches it:
// started by a package runner (npx huiyi serve, npm run …), the server runs under `sh -c`, and stopping the
// runner by its pid kills that shell, not the server: the runner forwards SIGTERM to its child, the shell,
// which dies without passing it on. The server, orphaned, would keep its port until the machine restarts. So
// under a runner it watches its parent and stops when the parent is gone. Started any other way it does not:
// a server left running on purpose (nohup, setsid) outlives the shell that started it.

const PARENT_CHECK_MS = 500;

export interface StopWatch {
  /** resolves with why the server stops */
  stopped: Promise<string>;
  /** removes the listeners and the timer */
  dispose: () => void;
}

/** Whether a package runner started this process: npm, yarn and pnpm all set npm_lifecycle_event. */
export const underPackageRunner = (env: NodeJS.ProcessEnv = process.env) => env.npm_lifecycle_event !== undefined;

/** Whether a process is still there (signal 0 checks without sending anything; EPERM: there, but not ours). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function watchForStop(): StopWatch {
  let stop!: (why: string) => void;
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  const onSignal = (signal: NodeJS.Signals) => stop(`收到 ${signal}`);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  // process.ppid is read once at start in Node 20, so the parent is asked after directly.
  const parent = process.ppid;
  const timer = underPackageRunner() && parent > 1
    ? setInterval(() => {
        if (!isAlive(parent)) stop("启动它的进程已退出");
      }, PARENT_CHECK_MS).unref()
    : null;
  return {
    stopped,
    dispose: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      if (timer) clearInterval(timer);
    },
  };
}
