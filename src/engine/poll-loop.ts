/**
 * Runs `pass` now and then: at start, every `pollMs`, and at once when nudged. Passes never
 * overlap; a nudge during a pass queues exactly one more. The background workers (event
 * dispatcher, job queues) share it so their scheduling behaves the same.
 */
export interface PollLoop {
  start(): void;
  /** No more passes are scheduled; resolves when the pass in flight is done. */
  stop(): Promise<void>;
  nudge(): void;
  /** A pass now, or the one in flight (followed by one more). Resolves with what the pass did. */
  run(): Promise<number>;
  /** Resolves when no pass is in flight. */
  settled(): Promise<void>;
  readonly started: boolean;
}

export function createPollLoop(options: {
  pass: () => Promise<number>;
  pollMs: number;
  onError: (error: unknown) => void;
}): PollLoop {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let again = false;
  let started = false;

  function run(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = options
      .pass()
      .catch((error: unknown) => {
        options.onError(error);
        return 0;
      })
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          void run();
        }
      });
    return running;
  }

  function schedule(delay: number) {
    if (!started) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      void run().finally(() => schedule(options.pollMs));
    }, delay);
    timer.unref();
  }

  return {
    start() {
      started = true;
      schedule(0);
    },
    async stop() {
      started = false;
      clearTimeout(timer);
      await running;
    },
    nudge() {
      schedule(0);
    },
    run,
    async settled() {
      await running;
    },
    get started() {
      return started;
    },
  };
}
