import { afterEach, expect, it } from "vitest";
import type { JobPayload } from "../../src/engine/ports.js";
import { silentLogger } from "../../src/logging/logger.js";
import type { DatabaseKind } from "../../src/store/database-url.js";
import { createPrismaClient } from "../../src/store/prisma-client.js";
import { createPrismaJobQueue } from "../../src/store/prisma-job-queue.js";
import { describeEachDatabase } from "../helpers/database.js";
import {
  expectGroupRunsInOrderAcrossInstances,
  expectSlowJobHoldsUpNoOther,
  expectWaitingGroupHoldsNoSlot,
} from "../helpers/job-queue-contract.js";
import { migratedDatabase } from "../helpers/temp-database.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(kind: DatabaseKind) {
  const database = await migratedDatabase(kind);
  const db = createPrismaClient(database.url);
  cleanups.push(async () => {
    await db.$disconnect();
    await database.cleanup();
  });
  let now = new Date("2026-11-23T10:00:00Z");
  const clock = { now: () => now, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
  /** Another instance: its own client (connection pool) on PostgreSQL; SQLite is single-instance. */
  const otherClient = () => {
    if (kind === "sqlite") return db;
    const other = createPrismaClient(database.url);
    cleanups.unshift(() => other.$disconnect());
    return other;
  };
  return { db, clock, otherClient };
}

describeEachDatabase("Prisma job queue", (kind) => {
  it("runs an enqueued job once, and a singleton key makes a second enqueue a no-op", async () => {
    const { db, clock } = await setup(kind);
    const queue = createPrismaJobQueue(db, { clock, logger: silentLogger });
    const seen: JobPayload[] = [];
    queue.work("greet", async (payload) => void seen.push(payload));
    expect(await queue.enqueue("greet", { to: "ada", nested: { n: 1 } }, { singletonKey: "a" })).toBe(true);
    expect(await queue.enqueue("greet", { to: "someone else" }, { singletonKey: "a" })).toBe(false);
    expect(await queue.enqueue("greet", { to: "bob" })).toBe(true);
    expect(await queue.drain()).toBe(2);
    expect(await queue.drain()).toBe(0);
    expect(seen).toEqual([{ to: "ada", nested: { n: 1 } }, { to: "bob" }]);
    expect(await db.job.count({ where: { status: "done" } })).toBe(2);

    // Pruned once finished long enough ago; the singleton key is then free again.
    await queue.enqueue("greet", { to: "pending" });
    expect(await queue.prune(clock.now())).toBe(0);
    clock.advance(1);
    expect(await queue.prune(clock.now())).toBe(2);
    expect(await db.job.count()).toBe(1);
    expect(await queue.enqueue("greet", { to: "ada again" }, { singletonKey: "a" })).toBe(true);
  });

  it("waits for startAfter", async () => {
    const { db, clock } = await setup(kind);
    const queue = createPrismaJobQueue(db, { clock, logger: silentLogger });
    let runs = 0;
    queue.work("later", async () => void runs++);
    await queue.enqueue("later", {}, { startAfter: new Date(clock.now().getTime() + 60_000) });
    expect(await queue.drain()).toBe(0);
    clock.advance(60_000);
    expect(await queue.drain()).toBe(1);
    expect(runs).toBe(1);
  });

  it("retries a failing job with backoff, then dead-letters it with the error", async () => {
    const { db, clock } = await setup(kind);
    const queue = createPrismaJobQueue(db, {
      clock,
      logger: silentLogger,
      maxAttempts: 3,
      baseDelayMs: 1000,
    });
    const attempts: number[] = [];
    queue.work("flaky", async (_payload, job) => {
      attempts.push(job.attempt);
      throw new Error("downstream unavailable");
    });
    await queue.enqueue("flaky", {});
    for (let pass = 0; pass < 6; pass++) {
      await queue.drain();
      clock.advance(10_000);
    }
    expect(attempts).toEqual([1, 2, 3]);
    expect(await db.job.findFirstOrThrow()).toMatchObject({
      status: "dead",
      attempts: 3,
      lastError: "downstream unavailable",
    });
  });

  it("gives a job whose instance died to another instance once the lease has expired", async () => {
    const { db, clock, otherClient } = await setup(kind);
    await createPrismaJobQueue(db, { clock, logger: silentLogger }).enqueue("turn", { messageId: 7 });
    // What an instance killed mid-job leaves behind: a leased, unfinished job.
    await db.job.updateMany({
      data: { lockedBy: "dead-instance", lockedUntil: new Date(clock.now().getTime() + 30_000), attempts: 1 },
    });
    const survivor = createPrismaJobQueue(otherClient(), { clock, logger: silentLogger, leaseMs: 30_000 });
    const ran: number[] = [];
    survivor.work("turn", async (payload, job) => void ran.push(Number(payload.messageId), job.attempt));
    expect(await survivor.drain()).toBe(0);
    clock.advance(30_001);
    expect(await survivor.drain()).toBe(1);
    expect(ran).toEqual([7, 2]);
    expect(await db.job.findFirstOrThrow()).toMatchObject({ status: "done", lockedBy: survivor.instanceId });
  });

  it("runs jobs side by side: a slow job holds up no other", async () => {
    const { db, clock } = await setup(kind);
    const queue = createPrismaJobQueue(db, { clock, logger: silentLogger, pollMs: 5 });
    cleanups.unshift(() => queue.stop());
    await expectSlowJobHoldsUpNoOther(queue, 50);
  });

  it("gives no slot to a job waiting for its group: other groups' jobs run meanwhile", async () => {
    const { db, clock } = await setup(kind);
    const queue = createPrismaJobQueue(db, { clock, logger: silentLogger, pollMs: 5, concurrency: 2 });
    cleanups.unshift(() => queue.stop());
    await expectWaitingGroupHoldsNoSlot(queue);
  });

  it("runs a group's jobs one at a time and in order, across instances", async () => {
    const { db, clock, otherClient } = await setup(kind);
    const one = createPrismaJobQueue(db, { clock, logger: silentLogger, pollMs: 5, concurrency: 3 });
    const two = createPrismaJobQueue(otherClient(), {
      clock,
      logger: silentLogger,
      pollMs: 5,
      concurrency: 3,
    });
    cleanups.unshift(
      () => one.stop(),
      () => two.stop(),
    );
    await expectGroupRunsInOrderAcrossInstances(one, two);
  });

  it("holds a group's later jobs back while an earlier one waits for its retry, but not once it is dead", async () => {
    const { db, clock } = await setup(kind);
    const queue = createPrismaJobQueue(db, {
      clock,
      logger: silentLogger,
      maxAttempts: 2,
      baseDelayMs: 1000,
    });
    const ran: string[] = [];
    let failures = 1;
    queue.work("step", async (payload) => {
      ran.push(String(payload.id));
      if (payload.id === "first" && failures-- > 0) throw new Error("not yet");
      if (payload.id === "doomed") throw new Error("never");
    });
    await queue.enqueue("step", { id: "first" }, { groupKey: "g" });
    await queue.enqueue("step", { id: "second" }, { groupKey: "g" });
    await queue.enqueue("step", { id: "other" }, { groupKey: "h" });
    await queue.drain();
    expect(ran).toEqual(["first", "other"]);
    clock.advance(60_000);
    await queue.drain();
    expect(ran).toEqual(["first", "other", "first", "second"]);

    await queue.enqueue("step", { id: "doomed" }, { groupKey: "g" });
    await queue.enqueue("step", { id: "after" }, { groupKey: "g" });
    for (let pass = 0; pass < 3; pass++) {
      await queue.drain();
      clock.advance(60_000);
    }
    expect(ran.slice(4)).toEqual(["doomed", "doomed", "after"]);
  });

  it("lets two instances share the work without running any job twice", async () => {
    const { db, clock, otherClient } = await setup(kind);
    const one = createPrismaJobQueue(db, { clock, logger: silentLogger, concurrency: 3 });
    const two = createPrismaJobQueue(otherClient(), { clock, logger: silentLogger, concurrency: 3 });
    const runs: number[] = [];
    const handler = async (payload: JobPayload) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      runs.push(Number(payload.index));
    };
    one.work("task", handler);
    two.work("task", handler);
    for (let index = 0; index < 30; index++) await one.enqueue("task", { index });
    await Promise.all([one.drain(), two.drain()]);
    expect(runs.sort((a, b) => a - b)).toEqual([...Array(30).keys()]);
  });
});
