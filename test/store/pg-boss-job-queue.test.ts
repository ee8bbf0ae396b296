import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
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
import {
  expectGroupRunsInOrderAcrossInstances,
  expectSlowJobHoldsUpNoOther,
  expectWaitingGroupHoldsNoSlot,
} from "../helpers/job-queue-contract.js";
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

const adapterPath = fileURLToPath(new URL("../../src/store/pg-boss-job-queue.ts", import.meta.url));

/**
 * Another process working on the queue: it takes a "turn" job, says so on stdout and never
 * finishes it (as a turn waiting on a model) — until the test kills it.
 */
function startWorkerProcess(url: string, leaseMs: number) {
  const script = `
    import { createPgBossJobQueue } from ${JSON.stringify(adapterPath)};
    const quiet = { info() {}, warn() {}, error() {}, debug() {} };
    const queue = createPgBossJobQueue({ connectionString: process.env.WORKER_DATABASE_URL, logger: quiet, pollMs: 20, leaseMs: ${leaseMs} });
    queue.work("turn", async (_payload, job) => {
      process.stdout.write("started turn " + job.attempt + "\\n");
      await new Promise(() => {});
    });
    queue.start();
    setInterval(() => {}, 60_000);
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    env: { ...process.env, WORKER_DATABASE_URL: url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let errors = "";
  child.stderr.on("data", (chunk) => {
    errors += String(chunk);
  });
  const started = new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += String(chunk);
      const line = output.split("\n").find((entry) => entry.startsWith("started"));
      if (line) resolve(line);
    });
    child.once("exit", (code) => reject(new Error(`worker exited (${code}): ${errors.slice(0, 500)}`)));
  });
  return { process: child, started };
}

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
      const survivor = queues({ leaseMs: 1000 });
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

    it("renews a running job's lease: a job that outlasts it is not run again meanwhile", async () => {
      const { queues, jobs } = await setup();
      const runner = queues({ leaseMs: 1000 });
      const watcher = queues({ leaseMs: 1000 });
      const runs: string[] = [];
      runner.work("long", async (_payload, job) => {
        runs.push(`runner ${job.attempt}`);
        await sleep(3500);
      });
      watcher.work("long", async (_payload, job) => void runs.push(`watcher ${job.attempt}`));
      await runner.enqueue("long", {});
      runner.start();
      while (runs.length === 0) await sleep(10);
      // The watcher polls and looks for expired leases throughout the 3.5 s run (3.5 leases).
      watcher.start();
      await runner.drain();
      await sleep(1500);
      await watcher.drain();
      expect(runs).toEqual(["runner 1"]);
      expect(await jobs("long")).toMatchObject([{ state: "completed", retry_count: 0 }]);
    }, 20_000);

    it("runs a job whose worker process was killed mid-job in another worker, within the lease bound", async () => {
      const { url, queues } = await setup();
      const leaseMs = 2000;
      const renewMs = leaseMs / 3;
      const survivor = queues({ leaseMs });
      await survivor.enqueue("turn", { messageId: 11 });
      const worker = startWorkerProcess(url, leaseMs);
      cleanups.unshift(async () => void worker.process.kill("SIGKILL"));
      expect(await worker.started).toBe("started turn 1");

      let taken: { attempt: number; at: number } | undefined;
      survivor.work("turn", async (_payload, job) => {
        taken = { attempt: job.attempt, at: performance.now() };
      });
      survivor.start();
      // Alive, the worker keeps renewing: its job is not taken over, however long it runs (without
      // renewals it would be by lease + a look + the first retry delay, ≤ 4.7 s).
      await sleep(leaseMs * 2.5);
      expect(taken).toBeUndefined();

      worker.process.kill("SIGKILL");
      const killedAt = performance.now();
      await new Promise((resolve) => worker.process.once("exit", resolve));
      const deadline = Date.now() + 20_000;
      while (!taken && Date.now() < deadline) await sleep(20);
      expect(taken?.attempt).toBe(2);
      const afterKillMs = taken!.at - killedAt;
      // Its last renewal was at most a third of a lease before the kill.
      expect(afterKillMs).toBeGreaterThanOrEqual(leaseMs - renewMs - 250);
      // Lease + one look for expired leases + first retry delay (≤ 2 × 1 s) + a poll, with leeway.
      expect(afterKillMs).toBeLessThan(leaseMs + renewMs + 2000 + 1000);
    }, 40_000);

    it("runs jobs side by side: a slow job holds up no other", async () => {
      const { queues } = await setup();
      await expectSlowJobHoldsUpNoOther(queues(), 100);
    });

    it("gives no slot to a job waiting for its group: other groups' jobs run meanwhile", async () => {
      const { queues } = await setup();
      await expectWaitingGroupHoldsNoSlot(queues({ concurrency: 2 }));
    });

    it("runs a group's jobs one at a time and in order, across instances", async () => {
      const { queues, sql } = await setup();
      await expectGroupRunsInOrderAcrossInstances(queues({ concurrency: 3 }), queues({ concurrency: 3 }));
      // Both instances made sure of the index that finds a group's unfinished jobs.
      const index = await sql.query(
        `SELECT to_regclass('${defaultPgBossSchema}.qualbot_job_group') AS found`,
      );
      expect(index.rows[0].found).not.toBeNull();
    }, 30_000);

    it("holds a group's later jobs back while an earlier one waits for its retry", async () => {
      const { queues } = await setup();
      const queue = queues({ maxAttempts: 2, baseDelayMs: 1000 });
      const ran: string[] = [];
      let failures = 1;
      queue.work("step", async (payload) => {
        ran.push(String(payload.id));
        if (payload.id === "first" && failures-- > 0) throw new Error("not yet");
      });
      await queue.enqueue("step", { id: "first" }, { groupKey: "g" });
      await queue.enqueue("step", { id: "second" }, { groupKey: "g" });
      await queue.enqueue("step", { id: "other" }, { groupKey: "h" });
      await queue.drain();
      expect(ran).toEqual(["first", "other"]);
      await drainUntil(queue, () => ran.length === 4, 15_000);
      expect(ran).toEqual(["first", "other", "first", "second"]);
    }, 30_000);

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
