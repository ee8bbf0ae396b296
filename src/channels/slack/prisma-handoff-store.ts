import type { Prisma } from "@prisma/client";
import type { HandoffStatus } from "../../core/handoff.js";
import {
  CorrectedQualification,
  type HandoffCardRef,
  type HandoffStore,
  type StoredCorrection,
} from "../../engine/handoff-decisions.js";
import type { HandoffSlaStore, SlaHandoff } from "../../engine/handoff-sla.js";
import type { Takeover, TakeoverStore } from "../../engine/rep-takeover.js";
import type { Database } from "../../store/prisma-client.js";
import { toConversationRef, toStoredHandoff } from "../../store/row-mappers.js";

// Prisma implementation of the handoff ports used by decisions, the SLA and rep takeover.
// It lives next to its only user for now; it speaks no Slack and can move to src/store as is.

const openStatuses: HandoffStatus[] = ["pending", "reassigned"];

/** A stored card reference, or null when the column holds something else. */
export function cardRefOf(value: unknown): HandoffCardRef | null {
  if (typeof value !== "object" || value === null) return null;
  const { channel, ts } = value as Record<string, unknown>;
  return typeof channel === "string" && typeof ts === "string" ? { channel, ts } : null;
}

export type PrismaHandoffStore = HandoffStore & HandoffSlaStore & TakeoverStore;

export function createPrismaHandoffStore(db: Database): PrismaHandoffStore {
  async function takeoversWhere(where: Prisma.HandoffWhereInput): Promise<Takeover[]> {
    const rows = await db.handoff.findMany({
      where: { ...where, status: "approved" },
      include: {
        lead: {
          include: {
            conversations: { where: { humanOwner: { not: null } }, orderBy: { createdAt: "asc" }, take: 1 },
          },
        },
      },
      orderBy: { createdAt: "desc" },
    });
    const seen = new Set<string>();
    const takeovers: Takeover[] = [];
    for (const row of rows) {
      const conversation = row.lead.conversations[0];
      // Only the newest approved handoff of a lead drives its takeover.
      if (!conversation?.humanOwner || seen.has(row.leadId)) continue;
      seen.add(row.leadId);
      takeovers.push({
        handoff: toStoredHandoff(row),
        conversationId: conversation.id,
        owner: conversation.humanOwner,
      });
    }
    return takeovers;
  }

  return {
    async getHandoff(handoffId) {
      const row = await db.handoff.findUnique({ where: { id: handoffId } });
      return row ? toStoredHandoff(row) : null;
    },

    async commitDecision(commit) {
      return db.$transaction(async (tx) => {
        const updated = await tx.handoff.updateMany({
          where: { id: commit.handoffId, version: commit.expectedVersion, status: { in: openStatuses } },
          data: {
            status: commit.next.status,
            version: commit.next.version,
            assignee: commit.next.assignee ?? null,
            decidedBy: commit.next.decidedBy ?? null,
            decidedAt: commit.next.decidedAt ? new Date(commit.next.decidedAt) : null,
            reason: commit.next.reason ?? null,
            ...(commit.restartSla ? { remindedAt: null, escalatedAt: null } : {}),
          },
        });
        if (updated.count !== 1) return false;
        // The version bump makes a turn computed concurrently on the old stage retry.
        if (commit.stage)
          await tx.lead.update({
            where: { id: commit.leadId },
            data: { stage: commit.stage, version: { increment: 1 } },
          });
        for (const entry of commit.audit)
          await tx.auditEvent.create({
            data: {
              leadId: commit.leadId,
              type: entry.type,
              actor: entry.actor,
              data: entry.data as Prisma.InputJsonValue,
            },
          });
        return true;
      });
    },

    async setCardRef(handoffId, ref) {
      await db.handoff.update({
        where: { id: handoffId },
        data: { cardRef: { channel: ref.channel, ts: ref.ts } },
      });
    },

    async recordAudit(leadId, entry) {
      await db.auditEvent.create({
        data: { leadId, type: entry.type, actor: entry.actor, data: entry.data as Prisma.InputJsonValue },
      });
    },

    async conversationOfLead(leadId) {
      const row = await db.conversation.findFirst({ where: { leadId }, orderBy: { createdAt: "asc" } });
      return row ? toConversationRef(row) : null;
    },

    async latestCorrection(leadId): Promise<StoredCorrection | null> {
      const row = await db.auditEvent.findFirst({
        where: { leadId, type: "qualification.corrected" },
        orderBy: { id: "desc" },
      });
      if (!row) return null;
      const data = row.data as Record<string, unknown>;
      const after = CorrectedQualification.safeParse(data.after);
      if (!after.success) return null;
      return {
        by: row.actor,
        at: row.createdAt,
        handoffId: String(data.handoffId ?? ""),
        after: after.data,
        changed: Array.isArray(data.changed) ? data.changed.map(String) : [],
      };
    },

    async listUndecided(): Promise<SlaHandoff[]> {
      const rows = await db.handoff.findMany({
        where: { status: { in: openStatuses } },
        orderBy: { createdAt: "asc" },
      });
      return rows.map((row) => ({
        id: row.id,
        leadId: row.leadId,
        status: row.status as HandoffStatus,
        assignee: row.assignee,
        createdAt: row.createdAt,
        decidedAt: row.decidedAt,
        remindedAt: row.remindedAt,
        escalatedAt: row.escalatedAt,
        cardRef: row.cardRef,
      }));
    },

    async claimReminder(handoffId, at) {
      const claimed = await db.handoff.updateMany({
        where: { id: handoffId, remindedAt: null, status: { in: openStatuses } },
        data: { remindedAt: at },
      });
      return claimed.count === 1;
    },

    async releaseReminder(handoffId) {
      await db.handoff.update({ where: { id: handoffId }, data: { remindedAt: null } });
    },

    async claimEscalation(handoffId, at) {
      const claimed = await db.handoff.updateMany({
        where: { id: handoffId, escalatedAt: null, remindedAt: { not: null }, status: { in: openStatuses } },
        data: { escalatedAt: at },
      });
      return claimed.count === 1;
    },

    async releaseEscalation(handoffId) {
      await db.handoff.update({ where: { id: handoffId }, data: { escalatedAt: null } });
    },

    async findTakeoverByConversation(conversationId) {
      const active = await takeoversWhere({ lead: { conversations: { some: { id: conversationId } } } });
      return active.find((takeover) => takeover.conversationId === conversationId) ?? null;
    },

    async findTakeoverByCard(channel, ts) {
      // Card references are JSON (no portable JSON-path filter on SQLite); active takeovers are few.
      // Filtered here rather than with Prisma.DbNull, whose class differs between the SQLite and
      // PostgreSQL clients.
      const active = await takeoversWhere({});
      return (
        active.find((takeover) => {
          const ref = cardRefOf(takeover.handoff.cardRef);
          return ref?.channel === channel && ref.ts === ts;
        }) ?? null
      );
    },
  };
}
