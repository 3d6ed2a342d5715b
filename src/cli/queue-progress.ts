import type { QueueProgress } from "../ingest/shared-queue.js";

// Progress of an ingest that shares a queue with other processes (PostgreSQL): the whole queue, every
// worker's pages, not this process's share. Redrawn in place on a terminal; a plain line every few seconds
// otherwise (a log file, CI).

const PLAIN_EVERY_MS = 10_000;
const BAR_WIDTH = 24;

/** The queue in one line of figures. */
export function queueFigures(queue: QueueProgress): string {
  const n = (value: number) => value.toLocaleString("zh-CN");
  return (
    `队列 共 ${n(queue.total)} 篇 · 已完成 ${n(queue.done - queue.failed)} · 处理中 ${n(queue.claimed)}(${queue.workers} 个进程)· 等待 ${n(queue.waiting)}` +
    (queue.failed ? ` · 失败 ${n(queue.failed)}` : "")
  );
}

export interface QueueProgressView {
  update(queue: QueueProgress): void;
  done(): void;
}

export function queueProgressView(stream: NodeJS.WriteStream = process.stderr): QueueProgressView {
  const terminal = stream.isTTY === true;
  let last = 0;
  let shown = false;
  return {
    update(queue) {
      const now = Date.now();
      if (!terminal && now - last < PLAIN_EVERY_MS) return;
      last = now;
      shown = true;
      if (!terminal) {
        stream.write(`huiyi ingest: ${queueFigures(queue)}\n`);
        return;
      }
      const share = queue.total ? queue.done / queue.total : 0;
      const filled = Math.round(share * BAR_WIDTH);
      stream.write(`\r\x1b[K[${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${queueFigures(queue)}`);
    },
    done() {
      if (terminal && shown) stream.write("\r\x1b[K");
    },
  };
}
