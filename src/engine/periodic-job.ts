import type { Clock, JobQueue, Logger } from "./ports.js";

export interface PeriodicJob {
  /** Enqueues this period's run now (what the timer does). */
  enqueue(): Promise<boolean>;
  stop(): void;
}

/**
 * A timer that runs through the job queue: every instance enqueues the job for the current
 * period, under a singleton key naming that period, so one instance (whichever leases it) runs
 * each period's check, and a check whose instance died is run by another.
 */
export function startPeriodicJob(
  deps: { jobs: JobQueue; clock: Clock; logger: Logger },
  name: string,
  options: { intervalMs: number },
): PeriodicJob {
  const enqueue = async () => {
    const period = Math.floor(deps.clock.now().getTime() / options.intervalMs);
    try {
      const added = await deps.jobs.enqueue(name, {}, { singletonKey: `period:${period}` });
      if (added) deps.jobs.nudge();
      return added;
    } catch (error) {
      deps.logger.warn(
        { code: "PERIODIC_ENQUEUE_FAILED", job: name, error: (error as Error).message },
        "could not schedule a periodic job",
      );
      return false;
    }
  };
  const timer = setInterval(() => void enqueue(), options.intervalMs);
  timer.unref();
  return { enqueue, stop: () => clearInterval(timer) };
}
