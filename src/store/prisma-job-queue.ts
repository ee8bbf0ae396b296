import { randomUUID } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { retryDelayMs } from "../engine/event-dispatcher.js";
import { createJobPollLoop, createJobSlots } from "../engine/job-slots.js";
import type { Clock, JobHandler, JobPayload, JobQueue, Logger } from "../engine/ports.js";
import type { Database } from "./prisma-client.js";
import { isUniqueViolation } from "./prisma-errors.js";

export interface JobQueueOptions {
  clock: Clock;
  logger: Logger;
  /** Names this instance in `lockedBy` (logs and inspection). */
  instanceId?: string;
  pollMs?: number;
  /** How long a leased job is this instance's; renewed while the handler runs. */
  leaseMs?: number;
  /** Runs (including runs cut short by a dead instance) before a job is dead-lettered. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Jobs this instance runs at once (each in its own promise: a slow job holds up no other). */
  concurrency?: number;
}

type JobRow = Prisma.JobGetPayload<object>;

/** How many groups with work left a claim looks at (their first jobs' ids go into its query). */
const oldestGroups = 1000;

/**
 * The durable job queue on the `Job` table, the same on SQLite and PostgreSQL: a job is leased
 * with a compare-and-set (one instance runs it), its lease is renewed while it runs, and a job
 * whose instance died is leased again once its lease has expired. Only the first unfinished job
 * of a group is ever leased (`groupKey`).
 */
export function createPrismaJobQueue(
  db: Database,
  options: JobQueueOptions,
): JobQueue & { readonly instanceId: string } {
  const instanceId = options.instanceId ?? randomUUID();
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoff = {
    baseDelayMs: options.baseDelayMs ?? 1000,
    maxDelayMs: options.maxDelayMs ?? 5 * 60_000,
    random: Math.random,
  };
  const { clock, logger } = options;
  const concurrency = options.concurrency ?? 10;
  // A freed slot is filled at once rather than at the next poll.
  const slots = createJobSlots({ concurrency, logger, onFree: () => loop.nudge() });
  const handlers = new Map<string, JobHandler>();

  const leaseFree = (now: Date): Prisma.JobWhereInput => ({
    OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
  });

  /**
   * The first unfinished job (by id: enqueue order) of each group with work left: the only job of
   * its group that may start. Its successors stay unleased until it is done or dead, so a group
   * whose job runs, or waits for a retry, takes no slot. "Done or dead" never turns back into
   * pending, so a job that was first when looked at stays first until it is claimed. The oldest
   * groups only, so the ids stay a short list however long the backlog: the few of them running or
   * waiting for a retry leave plenty to start.
   */
  async function groupHeads(names: string[]): Promise<number[]> {
    const groups = await db.job.groupBy({
      by: ["name", "groupKey"],
      where: { status: "pending", name: { in: names }, groupKey: { not: null } },
      _min: { id: true },
      orderBy: { _min: { id: "asc" } },
      take: oldestGroups,
    });
    return groups.flatMap((group) => (group._min.id === null ? [] : [group._min.id]));
  }

  async function claim(now: Date, limit: number): Promise<JobRow[]> {
    const names = [...handlers.keys()];
    const heads = await groupHeads(names);
    const due = await db.job.findMany({
      where: {
        status: "pending",
        runAfter: { lte: now },
        name: { in: names },
        AND: [leaseFree(now), { OR: [{ groupKey: null }, { id: { in: heads } }] }],
      },
      orderBy: [{ runAfter: "asc" }, { id: "asc" }],
      take: limit,
    });
    const claimed: JobRow[] = [];
    for (const job of due) {
      const taken = await db.job.updateMany({
        where: { id: job.id, status: "pending", attempts: job.attempts, ...leaseFree(now) },
        data: {
          lockedUntil: new Date(now.getTime() + leaseMs),
          lockedBy: instanceId,
          attempts: { increment: 1 },
        },
      });
      if (taken.count === 1) claimed.push({ ...job, attempts: job.attempts + 1 });
    }
    return claimed;
  }

  async function finish(job: JobRow, error: unknown): Promise<void> {
    const now = clock.now();
    const mine = { id: job.id, lockedBy: instanceId, status: "pending" };
    if (error === undefined) {
      await db.job.updateMany({
        where: mine,
        data: { status: "done", finishedAt: now, lockedUntil: null, lastError: null },
      });
      return;
    }
    const giveUp = job.attempts >= maxAttempts;
    const message = error instanceof Error ? error.message : String(error);
    await db.job.updateMany({
      where: mine,
      data: {
        status: giveUp ? "dead" : "pending",
        lockedUntil: null,
        lastError: message.slice(0, 1000),
        ...(giveUp
          ? { finishedAt: now }
          : { runAfter: new Date(now.getTime() + retryDelayMs(job.attempts, backoff)) }),
      },
    });
    logger.warn(
      {
        code: giveUp ? "JOB_DEAD_LETTERED" : "JOB_RETRY",
        job: job.name,
        jobId: job.id,
        attempt: job.attempts,
        error: message,
      },
      giveUp ? "job gave up" : "job failed; will retry",
    );
  }

  async function runJob(job: JobRow): Promise<void> {
    const handler = handlers.get(job.name);
    if (!handler) return;
    // Renews the lease while the handler runs, so a slow job is not taken over by another instance.
    const renew = setInterval(
      () => {
        void db.job
          .updateMany({
            where: { id: job.id, lockedBy: instanceId, status: "pending" },
            data: { lockedUntil: new Date(clock.now().getTime() + leaseMs) },
          })
          .catch(() => undefined);
      },
      Math.max(10, Math.floor(leaseMs / 3)),
    );
    renew.unref();
    let failure: unknown;
    try {
      if (job.attempts > maxAttempts) throw new Error(`gave up after ${job.attempts - 1} interrupted runs`);
      await handler(job.payload as JobPayload, { id: job.id, name: job.name, attempt: job.attempts });
    } catch (error) {
      failure = error ?? new Error("job failed");
    } finally {
      clearInterval(renew);
    }
    await finish(job, failure);
  }

  /** Leases what there is room for and starts it, without waiting for it to finish. */
  async function fill(): Promise<number> {
    let total = 0;
    for (;;) {
      const room = slots.room();
      if (room <= 0 || handlers.size === 0) return total;
      const claimed = await claim(clock.now(), room);
      for (const job of claimed) slots.start(job.id, () => runJob(job));
      total += claimed.length;
      if (claimed.length === 0) return total;
    }
  }

  const loop = createJobPollLoop(fill, pollMs, logger);

  return {
    instanceId,
    async enqueue(name, payload, enqueueOptions = {}) {
      try {
        await db.job.create({
          data: {
            name,
            payload: payload as Prisma.InputJsonValue,
            singletonKey: enqueueOptions.singletonKey ?? null,
            groupKey: enqueueOptions.groupKey ?? null,
            runAfter: enqueueOptions.startAfter ?? clock.now(),
            createdAt: clock.now(),
          },
        });
        return true;
      } catch (error) {
        if (enqueueOptions.singletonKey !== undefined && isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async prune(before) {
      const removed = await db.job.deleteMany({
        where: { status: { in: ["done", "dead"] }, finishedAt: { lt: before } },
      });
      return removed.count;
    },
    work(name, handler) {
      handlers.set(name, handler);
    },
    start() {
      loop.start();
    },
    async stop() {
      await loop.stop();
      await slots.settled();
    },
    nudge() {
      loop.nudge();
    },
    drain: () => slots.drain(loop),
  };
}
