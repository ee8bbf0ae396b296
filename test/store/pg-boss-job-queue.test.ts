import pg from "pg";
import PgBoss from "pg-boss";
import { afterEach, describe, expect, it } from "vitest";
import type { JobPayload, JobQueue } from "../../src/engine/ports.js";
import { silentLogger } from "../../src/logging/logger.js";
import {
  createPgBossJobQueue,
  defaultPgBossSchema,
  type PgBossJobQueueOptions,
  singletonJobId,
} from "../../src/store/pg-boss-job-queue.js";
import { freshPostgresUrl, postgresSkipReason, testPostgresUrl } from "../helpers/temp-database.js";

// pg-boss keeps time with the database's clock, so these tests wait for real (briefly) where the
// table-backed queue's tests advance a fake clock.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup() {
  const database = await freshPostgresUrl();
  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  cleanups.push(async () => {
    await sql.end();
    await database.cleanup();
  });
  const queues = (overrides: Partial<PgBossJobQueueOptions> = {}): JobQueue => {
    const queue = createPgBossJobQueue({
      connectionString: database.url,
      logger: silentLogger,
      pollMs: 20,
      ...overrides,
    });
    cleanups.unshift(() => queue.stop());
    return queue;
  };
  const jobs = async (name: string) =>
    (
      await sql.query<{ state: string; retry_count: number; output: { message?: string } | null }>(
        `SELECT state, retry_count, output FROM ${defaultPgBossSchema}.job WHERE name = $1`,
        [name],
      )
    ).rows;
  return { url: database.url, sql, queues, jobs };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function drainUntil(queue: JobQueue, done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error("timed out draining");
    await queue.drain();
    await sleep(100);
  }
}

describe.skipIf(!testPostgresUrl)(
  `pg-boss job queue${testPostgresUrl ? "" : ` — ${postgresSkipReason}`}`,
  () => {
    it("runs an enqueued job once, and a singleton key makes a second enqueue a no-op", async () => {
      const { queues, jobs } = await setup();
      const queue = queues();
      const seen: JobPayload[] = [];
      queue.work("greet", async (payload) => void seen.push(payload));
      expect(await queue.enqueue("greet", { to: "ada", nested: { n: 1 } }, { singletonKey: "a" })).toBe(true);
      expect(await queue.enqueue("greet", { to: "someone else" }, { singletonKey: "a" })).toBe(false);
      expect(await queue.enqueue("greet", { to: "bob" })).toBe(true);
      expect(await queue.drain()).toBe(2);
      expect(await queue.drain()).toBe(0);
      expect(seen).toEqual([{ to: "ada", nested: { n: 1 } }, { to: "bob" }]);
      // Still a no-op once the first job has finished: a Slack retry arrives after the answer.
      expect(await queue.enqueue("greet", { to: "late duplicate" }, { singletonKey: "a" })).toBe(false);
      expect((await jobs("greet")).map((job) => job.state)).toEqual(["completed", "completed"]);

      // Pruned once finished before the cut-off; the singleton key is then free again.
      await queue.enqueue("greet", { to: "pending" });
      expect(await queue.prune(new Date(Date.now() - 60_000))).toBe(0);
      await sleep(5);
      expect(await queue.prune(new Date())).toBe(2);
      expect(await jobs("greet")).toHaveLength(1);
      expect(await queue.enqueue("greet", { to: "ada again" }, { singletonKey: "a" })).toBe(true);
    });

    it("keeps singleton keys per job name", () => {
      expect(singletonJobId("a", "k")).toBe(singletonJobId("a", "k"));
      expect(singletonJobId("a", "k")).not.toBe(singletonJobId("b", "k"));
      expect(singletonJobId("a", "k")).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    });

    it("waits for startAfter", async () => {
      const { queues } = await setup();
      const queue = queues();
      let runs = 0;
      queue.work("later", async () => void runs++);
      await queue.enqueue("later", {}, { startAfter: new Date(Date.now() + 1500) });
      expect(await queue.drain()).toBe(0);
      await drainUntil(queue, () => runs === 1, 10_000);
      expect(runs).toBe(1);
    });

    it("retries a failing job with backoff, then leaves it failed with the error", async () => {
      const { queues, jobs } = await setup();
      const queue = queues({ maxAttempts: 3, baseDelayMs: 1000 });
      const attempts: { attempt: number; at: number }[] = [];
      queue.work("flaky", async (_payload, job) => {
        attempts.push({ attempt: job.attempt, at: Date.now() });
        throw new Error("downstream unavailable");
      });
      await queue.enqueue("flaky", {});
      await drainUntil(queue, () => attempts.length === 3, 20_000);
      await sleep(300);
      await queue.drain();
      expect(attempts.map((run) => run.attempt)).toEqual([1, 2, 3]);
      // Backoff: each retry waited at least the base delay.
      expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(900);
      expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(900);
      expect(await jobs("flaky")).toEqual([
        { state: "failed", retry_count: 2, output: { message: "downstream unavailable" } },
      ]);
    }, 30_000);

    it("gives a job whose instance died to another instance once its lease has expired", async () => {
      const { url, queues } = await setup();
      const survivor = queues({ leaseMs: 1000, maintenanceIntervalSeconds: 1 });
      const ran: number[] = [];
      survivor.work("turn", async (payload, job) => void ran.push(Number(payload.messageId), job.attempt));
      await survivor.enqueue("turn", { messageId: 7 });
      // What an instance killed mid-job leaves behind: a job it fetched (leased) and never finished.
      const doomed = new PgBoss({
        connectionString: url,
        schema: defaultPgBossSchema,
        supervise: false,
        schedule: false,
      });
      doomed.on("error", () => undefined);
      await doomed.start();
      expect(await doomed.fetch("turn")).toHaveLength(1);
      await doomed.stop({ graceful: false, wait: true });

      expect(await survivor.drain()).toBe(0);
      await drainUntil(survivor, () => ran.length > 0, 15_000);
      expect(ran).toEqual([7, 2]);
    }, 30_000);

    it("runs jobs side by side: a slow job holds up no other", async () => {
      const { queues } = await setup();
      const queue = queues();
      let releaseSlow!: () => void;
      const slowDone = new Promise<void>((resolve) => {
        releaseSlow = resolve;
      });
      const order: string[] = [];
      queue.work("slow", async () => {
        await slowDone;
        order.push("slow");
      });
      let quickRan!: () => void;
      const quick = new Promise<void>((resolve) => {
        quickRan = resolve;
      });
      queue.work("quick", async () => {
        order.push("quick");
        quickRan();
      });
      queue.start();
      await queue.enqueue("slow", {});
      queue.nudge();
      await sleep(100);
      await queue.enqueue("quick", {});
      queue.nudge();
      await quick;
      releaseSlow();
      await queue.drain();
      expect(order).toEqual(["quick", "slow"]);
    });

    it("lets two instances starting together share the work without running any job twice", async () => {
      const { queues } = await setup();
      const one = queues({ concurrency: 3 });
      const two = queues({ concurrency: 3 });
      const runs: number[] = [];
      const handler = async (payload: JobPayload) => {
        await sleep(2);
        runs.push(Number(payload.index));
      };
      one.work("task", handler);
      two.work("task", handler);
      // Both create pg-boss's schema and the queue at once.
      await Promise.all([one.enqueue("task", { index: 0 }), two.enqueue("task", { index: 1 })]);
      for (let index = 2; index < 30; index++) await one.enqueue("task", { index });
      await Promise.all([one.drain(), two.drain()]);
      expect(runs.sort((a, b) => a - b)).toEqual([...Array(30).keys()]);
    });
  },
);
