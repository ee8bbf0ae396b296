import type { Prisma } from "@prisma/client";
import type { LeadRecord } from "../core/lead-record.js";
import type { ClaimedDelivery, EventOutbox, LeadEventType, NewLeadEvent } from "../engine/ports.js";
import type { Database } from "./prisma-client.js";

type Transaction = Prisma.TransactionClient;

/** Appends events and their deliveries (one per target) inside the caller's transaction. */
export async function appendLeadEvents(
  tx: Transaction,
  events: readonly (NewLeadEvent & { lead: LeadRecord })[],
  targets: readonly string[],
  now: Date,
): Promise<string[]> {
  const ids: string[] = [];
  for (const event of events) {
    const row = await tx.leadEventLog.create({
      data: {
        type: event.type,
        leadId: event.lead.id,
        handoffId: event.handoffId ?? null,
        reason: event.reason ?? null,
        lead: event.lead as unknown as Prisma.InputJsonValue,
        createdAt: now,
      },
    });
    ids.push(row.id);
    if (targets.length > 0)
      await tx.eventDelivery.createMany({
        data: targets.map((target) => ({ eventId: row.id, target, nextAttemptAt: now, createdAt: now })),
      });
  }
  return ids;
}

export function createPrismaEventOutbox(db: Database, targets: () => readonly string[]): EventOutbox {
  return {
    targets,

    async append(events, now) {
      return db.$transaction((tx) => appendLeadEvents(tx, events, targets(), now));
    },

    async claimDue(now, limit, leaseMs) {
      const due = await db.eventDelivery.findMany({
        where: {
          status: "pending",
          nextAttemptAt: { lte: now },
          target: { in: [...targets()] },
          OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
        },
        orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
        take: limit,
      });
      const claimed: ClaimedDelivery[] = [];
      for (const delivery of due) {
        // Compare-and-set on the lease: another instance that claimed it first wins.
        const taken = await db.eventDelivery.updateMany({
          where: {
            id: delivery.id,
            status: "pending",
            OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
          },
          data: { lockedUntil: new Date(now.getTime() + leaseMs) },
        });
        if (taken.count !== 1) continue;
        const event = await db.leadEventLog.findUniqueOrThrow({ where: { id: delivery.eventId } });
        claimed.push({
          deliveryId: delivery.id,
          target: delivery.target,
          attempts: delivery.attempts,
          event: {
            id: event.id,
            type: event.type as LeadEventType,
            createdAt: event.createdAt.toISOString(),
            lead: event.lead as unknown as LeadRecord,
            handoffId: event.handoffId ?? undefined,
            reason: event.reason ?? undefined,
          },
        });
      }
      return claimed;
    },

    async markDelivered(deliveryId, now) {
      await db.eventDelivery.update({
        where: { id: deliveryId },
        data: {
          status: "delivered",
          deliveredAt: now,
          lockedUntil: null,
          attempts: { increment: 1 },
          lastError: null,
        },
      });
    },

    async markFailed(deliveryId, error, retryAt) {
      await db.eventDelivery.update({
        where: { id: deliveryId },
        data: {
          status: retryAt ? "pending" : "dead",
          attempts: { increment: 1 },
          lastError: error.slice(0, 1000),
          lockedUntil: null,
          ...(retryAt ? { nextAttemptAt: retryAt } : {}),
        },
      });
    },

    async counts() {
      const groups = await db.eventDelivery.groupBy({ by: ["status"], _count: { _all: true } });
      return Object.fromEntries(groups.map((group) => [group.status, group._count._all]));
    },
  };
}
