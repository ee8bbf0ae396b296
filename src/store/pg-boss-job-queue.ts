import { createHash } from "node:crypto";
import PgBoss from "pg-boss";
import { createJobPollLoop, createJobSlots } from "../engine/job-slots.js";
import type { JobHandler, JobQueue, Logger } from "../engine/ports.js";
import { ensureGroupIndex, type FetchedJob, fetchGroupedJobs } from "./pg-boss-job-groups.js";

export interface PgBossJobQueueOptions {
  connectionString: string;
  logger: Logger;
  /** pg-boss's own schema in the application's database. */
  schema?: string;
  pollMs?: number;
  /**
   * How long a started job stays this instance's without a renewal. It is renewed every third of
   * it while the handler runs, so a slow job keeps it however long it takes, and the job of an
   * instance that died is run again by another about `leaseMs` × 4/3 later (plus the first retry
   * delay and a poll). Handlers are idempotent: a lease lost anyway (a renewal that could not
   * reach the database) costs a second run, not a wrong answer.
   */
  leaseMs?: number;
  /** Runs (including runs cut short by a dead instance) before a job is left failed (dead). */
  maxAttempts?: number;
  /** First retry delay; pg-boss doubles it per attempt, with jitter, in whole seconds. */
  baseDelayMs?: number;
  /** Jobs this instance runs at once (each in its own promise: a slow job holds up no other). */
  concurrency?: number;
  /** How often pg-boss archives and drops finished jobs (by one instance at a time). */
  maintenanceIntervalSeconds?: number;
}

export const defaultPgBossSchema = "qualbot_jobs";

/** Turns take seconds (an LLM call, a few writes); renewals keep longer jobs leased. */
export const defaultLeaseMs = 30_000;

/**
 * A pg-boss job id for (name, singletonKey): the same key always gives the same id, and pg-boss
 * inserts with ON CONFLICT DO NOTHING, so a second enqueue is a no-op for as long as the first job
 * is kept — pg-boss's own singleton options only dedupe while a job is queued or in a time slot.
 */
export function singletonJobId(name: string, singletonKey: string): string {
  const hex = createHash("sha256").update(`${name}\u0000${singletonKey}`).digest("hex");
  // Shaped as a version-5-style UUID so the uuid column accepts it.
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The durable job queue on PostgreSQL, through pg-boss: pg-boss stores, leases (SKIP LOCKED),
 * retries with backoff, expires the leases of dead instances and fails jobs past their retry
 * limit; this adapter keeps the port's shape (several names share one pool of `concurrency`
 * slots, `drain` for tests and short-lived commands, `nudge` after an enqueue) and adds what
 * pg-boss 10 lacks: renewing a running job's lease, so that leases can be short (pg-boss 12's
 * `heartbeatSeconds` needs Node 22), and job groups (see pg-boss-job-groups.ts; pg-boss 12's
 * `key_strict_fifo`).
 */
export function createPgBossJobQueue(options: PgBossJobQueueOptions): JobQueue {
  const { logger } = options;
  const pollMs = options.pollMs ?? 1000;
  const expireInSeconds = Math.max(1, Math.ceil((options.leaseMs ?? defaultLeaseMs) / 1000));
  // Renewals and the look for expired leases, each every third of a lease.
  const renewMs = Math.max(100, Math.floor((expireInSeconds * 1000) / 3));
  const retry = {
    retryLimit: Math.max(0, (options.maxAttempts ?? 8) - 1),
    retryDelay: Math.max(0, Math.ceil((options.baseDelayMs ?? 1000) / 1000)),
    retryBackoff: true,
    expireInSeconds,
  };
  const concurrency = options.concurrency ?? 10;
  const schema = options.schema ?? defaultPgBossSchema;
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema,
    // Cron is not used; supervision archives finished jobs (and expires leases, as `fill` does).
    schedule: false,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
    // Beside Prisma's pool: fetches are sequential; completions of side-by-side jobs share these.
    max: 5,
  });
  boss.on("error", (error) =>
    logger.warn({ code: "JOB_QUEUE_ERROR", error: error.message }, "pg-boss reported an error"),
  );
  const handlers = new Map<string, JobHandler>();
  const queues = new Map<string, Promise<void>>();
  // A freed slot is filled at once rather than at the next poll.
  const slots = createJobSlots({ concurrency, logger, onFree: () => loop.nudge() });
  let ready: Promise<unknown> | undefined;

  // pg-boss migrates its schema under an advisory lock, so instances may start together.
  const open = () => {
    ready ??= boss
      .start()
      .then(() => ensureGroupIndex(boss.getDb(), schema))
      .catch((error: unknown) => {
        // The database may be back on the next call.
        ready = undefined;
        throw error;
      });
    return ready;
  };

  /** pg-boss needs a queue before a job is sent to or fetched from it; made once per name. */
  function queue(name: string): Promise<void> {
    let created = queues.get(name);
    if (!created) {
      created = open().then(() => createQueue(name));
      created.catch(() => queues.delete(name));
      queues.set(name, created);
    }
    return created;
  }

  /**
   * Instances starting together may create the same queue at once; pg-boss's create_queue then
   * deadlocks on its partition, and the loser, rolled back, finds the queue on its next try.
   */
  async function createQueue(name: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (await boss.getQueue(name)) return;
      try {
        await boss.createQueue(name, { name, policy: "standard", ...retry });
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== "40P01" || attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt * Math.random()));
      }
    }
  }

  async function finish(job: FetchedJob, error: unknown): Promise<void> {
    if (error === undefined) {
      await boss.complete(job.name, job.id);
      return;
    }
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    await boss.fail(job.name, job.id, { message });
    const giveUp = job.retryCount >= job.retryLimit;
    logger.warn(
      {
        code: giveUp ? "JOB_DEAD_LETTERED" : "JOB_RETRY",
        job: job.name,
        jobId: job.id,
        attempt: job.retryCount + 1,
        error: message,
      },
      giveUp ? "job gave up" : "job failed; will retry",
    );
  }

  /**
   * pg-boss 10 expires a job once `started_on + expire_in` has passed; moving `started_on` on
   * renews the lease. The retry count fences it: a job that expired and started again (here or in
   * another instance) is no longer this run's.
   */
  function keepLeased(job: FetchedJob): () => void {
    let renewing = false;
    const timer = setInterval(() => {
      if (renewing) return;
      renewing = true;
      boss
        .getDb()
        .executeSql(
          `UPDATE ${schema}.job SET started_on = now()
           WHERE name = $1 AND id = $2 AND state = 'active' AND retry_count = $3`,
          [job.name, job.id, job.retryCount],
        )
        .then((result) => {
          if (rowCount(result) > 0) return;
          clearInterval(timer);
          logger.warn(
            { code: "JOB_LEASE_LOST", job: job.name, jobId: job.id, attempt: job.retryCount + 1 },
            "job lease expired while it ran; it may run again",
          );
        })
        // The next renewal tries again; the lease outlasts two misses.
        .catch(() => undefined)
        .finally(() => {
          renewing = false;
        });
    }, renewMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  async function runJob(job: FetchedJob): Promise<void> {
    const handler = handlers.get(job.name);
    if (!handler) return;
    const release = keepLeased(job);
    let failure: unknown;
    try {
      await handler(job.data ?? {}, {
        // The port's id is numeric (log correlation only); pg-boss's is a UUID.
        id: Number.parseInt(job.id.replaceAll("-", "").slice(0, 12), 16),
        name: job.name,
        attempt: job.retryCount + 1,
      });
    } catch (error) {
      failure = error ?? new Error("job failed");
    } finally {
      release();
    }
    await finish(job, failure);
  }

  let expiredLooked = 0;
  /** Jobs whose lease ran out (their instance died) go back to be retried: pg-boss's own query. */
  async function expireLeases(): Promise<void> {
    if (Date.now() - expiredLooked < renewMs) return;
    expiredLooked = Date.now();
    await open();
    await boss.expire().catch((error: unknown) => {
      // Instances look at the same time now and then: the one that won is retrying those jobs.
      if ((error as { code?: string }).code !== "40P01") throw error;
    });
  }

  /** Fetches what there is room for and starts it, without waiting for it to finish. */
  async function fill(): Promise<number> {
    let total = 0;
    if (handlers.size > 0) await expireLeases();
    for (;;) {
      let claimed = 0;
      for (const name of handlers.keys()) {
        const room = slots.room();
        if (room <= 0) return total;
        await queue(name);
        const jobs = await fetchGroupedJobs(boss.getDb(), schema, name, room);
        // UPDATE … RETURNING does not keep the fetch's order: start the oldest first.
        jobs.sort((a, b) => a.createdOn.getTime() - b.createdOn.getTime());
        for (const job of jobs) slots.start(job.id, () => runJob(job));
        claimed += jobs.length;
      }
      total += claimed;
      if (claimed === 0) return total;
    }
  }

  const loop = createJobPollLoop(fill, pollMs, logger);

  return {
    async enqueue(name, payload, enqueueOptions = {}) {
      await queue(name);
      const { singletonKey, startAfter, groupKey } = enqueueOptions;
      const id = singletonKey === undefined ? undefined : singletonJobId(name, singletonKey);
      if (id !== undefined && (await archived(name, id))) return false;
      const sent = await boss.send(name, payload, {
        ...retry,
        ...(id === undefined ? {} : { id }),
        // The group fetch reads it; on a standard queue pg-boss itself gives it no meaning.
        ...(groupKey === undefined ? {} : { singletonKey: groupKey }),
        ...(startAfter === undefined ? {} : { startAfter }),
      });
      return sent !== null;
    },
    async prune(before) {
      await open();
      const finished = `state IN ('completed', 'failed', 'cancelled') AND completed_on < $1`;
      const db = boss.getDb();
      const live = await db.executeSql(`DELETE FROM ${schema}.job WHERE ${finished}`, [before]);
      const old = await db.executeSql(`DELETE FROM ${schema}.archive WHERE ${finished}`, [before]);
      return rowCount(live) + rowCount(old);
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
      if (ready)
        await ready.then(
          () => boss.stop({ graceful: true, wait: true }),
          () => undefined,
        );
    },
    nudge() {
      loop.nudge();
    },
    drain: () => slots.drain(loop),
  };

  /** pg-boss moves finished jobs to its archive after a while; their keys stay taken until pruned. */
  async function archived(name: string, id: string): Promise<boolean> {
    const found = await boss
      .getDb()
      .executeSql(`SELECT 1 FROM ${schema}.archive WHERE name = $1 AND id = $2`, [name, id]);
    return found.rows.length > 0;
  }
}

function rowCount(result: unknown): number {
  return (result as { rowCount?: number | null }).rowCount ?? 0;
}
