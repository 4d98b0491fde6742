/** Reading progress on stderr: a single self-overwriting line, only where a person is watching. */

/** A progress callback for ingest plus `done()` to clear the line. */
export interface Progress {
  readonly onProgress?: (fraction: number, bytesRead: number) => void;
  done(): void;
}

/**
 * Progress for reading `label`: shown when `force` is set or stderr is a TTY and the input is large
 * (at least `minBytes`); otherwise a no-op.
 */
export function progressFor(label: string, totalBytes: number, force: boolean, minBytes = 4 << 20): Progress {
  const stderr = process.stderr;
  if (!force && !(stderr.isTTY && totalBytes >= minBytes)) return { done() {} };
  let shown = -1;
  let drawn = false;
  return {
    onProgress(fraction, bytesRead) {
      const share = Number.isFinite(fraction) ? fraction : bytesRead / totalBytes;
      const step = stderr.isTTY ? 1 : 10;
      const percent = Math.min(100, Math.floor((share * 100) / step) * step);
      if (percent === shown) return;
      shown = percent;
      drawn = true;
      stderr.write(stderr.isTTY ? `\rreading ${label} ${percent}%` : `reading ${label} ${percent}%\n`);
    },
    done() {
      if (drawn && stderr.isTTY) stderr.write('\r\x1b[K');
    },
  };
}
