import type { Prisma } from "@prisma/client";
import type { HandoffState, HandoffStatus } from "../core/handoff.js";
import { buildLeadRecord, type LeadRecord } from "../core/lead-record.js";
import { emptyQualification, QualificationState } from "../core/qualification.js";
import type { ScoreReason } from "../core/scorecard.js";
import { Stage } from "../core/stage.js";
import type { ConversationRef, FeedMessage, StoredHandoff } from "../engine/ports.js";

// Rows as Prisma returns them; the hand-written SQLite store decodes its rows into these same
// shapes, so both stores share one mapping to the engine's types.
export type HandoffRow = Prisma.HandoffGetPayload<object>;
export type LeadRow = Prisma.LeadGetPayload<object>;
export type MessageRow = Prisma.MessageGetPayload<object>;
export type ConversationRow = Prisma.ConversationGetPayload<object>;

export function toStoredHandoff(row: HandoffRow): StoredHandoff {
  return {
    id: row.id,
    leadId: row.leadId,
    status: row.status as HandoffStatus,
    version: row.version,
    assignee: row.assignee,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    reason: row.reason,
    cardRef: row.cardRef,
    createdAt: row.createdAt,
  };
}

export function parseState(value: unknown): QualificationState {
  const parsed = QualificationState.safeParse(value);
  return parsed.success ? parsed.data : emptyQualification();
}

export function leadRecordFrom(lead: LeadRow, handoff: HandoffRow | null): LeadRecord {
  return buildLeadRecord({
    id: lead.id,
    stage: Stage.catch("new").parse(lead.stage),
    qualified: lead.qualified,
    state: parseState(lead.qualification),
    score: {
      total: lead.scoreTotal,
      grade: lead.grade,
      reasons: (lead.scoreReasons as unknown as ScoreReason[]) ?? [],
    },
    handoff: handoff ? (toStoredHandoff(handoff) as { id: string } & HandoffState) : null,
    usage: {
      turns: lead.turnCount,
      promptTokens: lead.promptTokens,
      completionTokens: lead.completionTokens,
      costUsd: lead.costUsd,
    },
    createdAt: lead.createdAt,
    updatedAt: lead.updatedAt,
  });
}

export function toFeedMessage(row: MessageRow): FeedMessage {
  return {
    conversationId: row.conversationId,
    messageId: row.id,
    role: row.role as FeedMessage["role"],
    author: row.author,
    text: row.text,
    createdAt: row.createdAt,
  };
}

export function toConversationRef(row: ConversationRow): ConversationRef {
  return {
    id: row.id,
    channel: row.channel,
    conversationKey: row.externalId,
    leadId: row.leadId,
    humanOwner: row.humanOwner,
    createdAt: row.createdAt,
  };
}
