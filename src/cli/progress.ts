import type { IngestCounts } from "../ingest/ingest.js";

// Progress of a long ingest on stderr: a bar redrawn in place on a terminal; a plain line every few
// seconds otherwise (a log file, CI), so the output stays readable there.

const PLAIN_EVERY_MS = 10_000;
const BAR_EVERY_MS = 200;
const BAR_WIDTH = 24;

function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, "0");
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

export interface ProgressView {
  update(counts: IngestCounts): void;
  done(): void;
}

export function progressView(totalBytes: number | null, stream: NodeJS.WriteStream = process.stderr): ProgressView {
  const started = Date.now();
  const terminal = stream.isTTY === true;
  let last = 0;
  let shown = false;

  const line = (counts: IngestCounts) => {
    const seconds = (Date.now() - started) / 1000;
    const done = counts.stored + counts.known;
    const rate = seconds > 0 ? done / seconds : 0;
    const share = totalBytes ? Math.min(1, counts.bytes / totalBytes) : null;
    const eta = share && share > 0.01 ? clock((seconds * (1 - share)) / share) : "—";
    const figures = `${done.toLocaleString("zh-CN")} 篇 · ${rate.toFixed(0)} 篇/秒 · 剩余 ${eta}` + (counts.failed ? ` · 失败 ${counts.failed}` : "");
    if (!terminal) return `huiyi ingest: ${share !== null ? `${(share * 100).toFixed(0)}% · ` : ""}${figures}`;
    const filled = share === null ? 0 : Math.round(share * BAR_WIDTH);
    const bar = share === null ? "" : `[${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}% `;
    return `${bar}${figures}`;
  };

  return {
    update(counts) {
      const now = Date.now();
      if (now - last < (terminal ? BAR_EVERY_MS : PLAIN_EVERY_MS)) return;
      last = now;
      shown = true;
      stream.write(terminal ? `\r\x1b[K${line(counts)}` : `${line(counts)}\n`);
    },
    done() {
      if (terminal && shown) stream.write("\r\x1b[K");
    },
  };
}
