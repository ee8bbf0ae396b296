import { afterEach, describe, expect, it } from "vitest";
import { createEventDispatcher, retryDelayMs } from "../../src/engine/event-dispatcher.js";
import type { LeadEvent, LeadEventSink } from "../../src/engine/ports.js";
import { silentLogger } from "../../src/logging/logger.js";
import type { DatabaseKind } from "../../src/store/database-url.js";
import { createPrismaClient } from "../../src/store/prisma-client.js";
import { createPrismaEventOutbox } from "../../src/store/prisma-event-outbox.js";
import { describeEachDatabase } from "../helpers/database.js";
import { sampleLeadRecord } from "../helpers/lead-record.js";
import { migratedDatabase } from "../helpers/temp-database.js";

const lead = sampleLeadRecord("sql");

const cleanups: (() => Promise<void> | void)[] = [];
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
  return { db, clock, url: database.url };
}

function recordingSink(failures = 0): LeadEventSink & { seen: LeadEvent[] } {
  const seen: LeadEvent[] = [];
  let remaining = failures;
  return {
    seen,
    async publish(event) {
      seen.push(event);
      if (remaining-- > 0) throw new Error("receiver down");
    },
  };
}

describeEachDatabase("event dispatcher", (kind) => {
  it("delivers each event to each target, with a stable id and the recorded lead", async () => {
    const { db, clock } = await setup(kind);
    const crm = recordingSink();
    const slack = recordingSink();
    const sinks = new Map([
      ["crm", crm],
      ["slack", slack],
    ]);
    const outbox = createPrismaEventOutbox(db, () => [...sinks.keys()]);
    const [id] = await outbox.append([{ type: "lead.qualified", lead }], clock.now());
    const dispatcher = createEventDispatcher({ outbox, sinks, clock, logger: silentLogger });
    expect(await dispatcher.drain()).toBe(2);
    expect(crm.seen).toEqual([
      {
        id,
        type: "lead.qualified",
        createdAt: clock.now().toISOString(),
        lead,
        handoffId: undefined,
        reason: undefined,
      },
    ]);
    expect(slack.seen.map((event) => event.id)).toEqual([id]);
    expect(await dispatcher.drain()).toBe(0);
  });

  it("retries a failed delivery with backoff, same id, until it succeeds", async () => {
    const { db, clock } = await setup(kind);
    const crm = recordingSink(2);
    const sinks = new Map([["crm", crm]]);
    const outbox = createPrismaEventOutbox(db, () => ["crm"]);
    await outbox.append([{ type: "handoff.approved", lead }], clock.now());
    const dispatcher = createEventDispatcher({
      outbox,
      sinks,
      clock,
      logger: silentLogger,
      baseDelayMs: 1000,
      random: () => 1,
    });
    await dispatcher.drain();
    expect(await dispatcher.drain()).toBe(0); // not due yet
    clock.advance(1000);
    await dispatcher.drain();
    clock.advance(1999);
    expect(await dispatcher.drain()).toBe(0);
    clock.advance(1);
    await dispatcher.drain();
    expect(crm.seen).toHaveLength(3);
    expect(new Set(crm.seen.map((event) => event.id)).size).toBe(1);
    expect(await outbox.counts()).toEqual({ delivered: 1 });
  });

  it("dead-letters after the last attempt and keeps the error", async () => {
    const { db, clock } = await setup(kind);
    const sinks = new Map([["crm", recordingSink(99)]]);
    const outbox = createPrismaEventOutbox(db, () => ["crm"]);
    await outbox.append([{ type: "lead.qualified", lead }], clock.now());
    const dispatcher = createEventDispatcher({
      outbox,
      sinks,
      clock,
      logger: silentLogger,
      maxAttempts: 3,
      baseDelayMs: 10,
      random: () => 1,
    });
    for (let pass = 0; pass < 5; pass++) {
      await dispatcher.drain();
      clock.advance(60_000);
    }
    const delivery = await db.eventDelivery.findFirstOrThrow();
    expect(delivery).toMatchObject({ status: "dead", attempts: 3, lastError: "receiver down" });
  });

  it("survives a restart: a pending delivery is sent by the next process", async () => {
    const { db, clock, url } = await setup(kind);
    const outbox = createPrismaEventOutbox(db, () => ["crm"]);
    await outbox.append([{ type: "lead.qualified", lead }], clock.now());
    await db.$disconnect();

    const reopened = createPrismaClient(url);
    cleanups.push(() => reopened.$disconnect());
    const crm = recordingSink();
    const dispatcher = createEventDispatcher({
      outbox: createPrismaEventOutbox(reopened, () => ["crm"]),
      sinks: new Map([["crm", crm]]),
      clock,
      logger: silentLogger,
    });
    await dispatcher.drain();
    expect(crm.seen).toHaveLength(1);
  });

  // Two dispatchers racing over one database: the lease compare-and-set gives each delivery to one.
  // On PostgreSQL each has its own client (connection pool), as two instances would; SQLite is the
  // single-instance store, so there they share one client.
  it("lets only one of two dispatchers send a delivery", async () => {
    const { db, clock, url } = await setup(kind);
    const other = kind === "postgresql" ? createPrismaClient(url) : db;
    if (other !== db) cleanups.unshift(() => other.$disconnect());
    const outbox = createPrismaEventOutbox(db, () => ["crm"]);
    for (let index = 0; index < 10; index++)
      await outbox.append([{ type: "lead.qualified", lead }], clock.now());
    const crm = recordingSink();
    const sinks = new Map([["crm", crm]]);
    const one = createEventDispatcher({ outbox, sinks, clock, logger: silentLogger, batchSize: 3 });
    const two = createEventDispatcher({
      outbox: createPrismaEventOutbox(other, () => ["crm"]),
      sinks,
      clock,
      logger: silentLogger,
      batchSize: 3,
    });
    await Promise.all([one.drain(), two.drain()]);
    expect(crm.seen).toHaveLength(10);
    expect(new Set(crm.seen.map((event) => event.id)).size).toBe(10);
  });
});

describe("retryDelayMs", () => {
  it.each([
    [1, 1, 1000],
    [2, 1, 2000],
    [3, 0, 2000],
    [20, 1, 60_000],
  ])("attempt %i with jitter %f → %i ms", (attempt, random, expected) => {
    expect(retryDelayMs(attempt, { baseDelayMs: 1000, maxDelayMs: 60_000, random: () => random })).toBe(
      expected,
    );
  });
});
