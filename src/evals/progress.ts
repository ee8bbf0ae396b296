export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

const silent: Progress = { update() {}, finish() {} };

/**
 * A one-line progress bar redrawn with \r on a terminal; nothing at all otherwise (CI logs and
 * pipes stay clean). Redraws are throttled so a fast offline run is not slowed by the terminal.
 */
export function createProgress(
  stream: NodeJS.WritableStream,
  isTTY: boolean,
  label: string,
  width = 30,
): Progress {
  if (!isTTY) return silent;
  let lastDraw = 0;
  let drawn = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (done < total && now - lastDraw < 50) return;
      lastDraw = now;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      stream.write(`\r${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`);
      drawn = true;
    },
    finish() {
      // Erase the bar so the summary starts on a clean line.
      if (drawn) stream.write("\r\u001B[2K");
    },
  };
}
