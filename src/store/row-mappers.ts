import type { Prisma } from "@prisma/client";
import type { HandoffState, HandoffStatus } from "../core/handoff.js";
import { buildLeadRecord, type LeadRecord } from "../core/lead-record.js";
import { DialogueMemory, emptyDialogueMemory } from "../core/policy.js";
import { emptyQualification, QualificationState } from "../core/qualification.js";
import type { ScoreReason } from "../core/scorecard.js";
import { Stage } from "../core/stage.js";
import type { ConversationRef, FeedMessage, StoredHandoff, TurnContext } from "../engine/ports.js";
import type { TranscriptLine } from "../extraction/extractor.js";

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

/** What a turn needs, from the rows either store read (history newest first, as queried). */
export function toTurnContext(rows: {
  message: MessageRow;
  conversation: ConversationRow;
  lead: LeadRow;
  handoff: HandoffRow | null;
  historyNewestFirst: readonly { role: string; text: string }[];
  replies: readonly string[];
}): TurnContext {
  const { message, conversation, lead } = rows;
  const dialogue = DialogueMemory.safeParse(conversation.dialogue);
  return {
    message: {
      id: message.id,
      text: message.text,
      processedAt: message.processedAt,
      createdAt: message.createdAt,
    },
    conversation: {
      id: conversation.id,
      channel: conversation.channel,
      externalId: conversation.externalId,
      referenceNow: conversation.referenceNow,
      humanOwner: conversation.humanOwner,
      dialogue: dialogue.success ? dialogue.data : emptyDialogueMemory(),
    },
    lead: {
      id: lead.id,
      stage: Stage.catch("new").parse(lead.stage),
      version: lead.version,
      state: parseState(lead.qualification),
    },
    handoff: rows.handoff ? toStoredHandoff(rows.handoff) : null,
    history: rows.historyNewestFirst
      .map((row): TranscriptLine => ({ role: row.role as TranscriptLine["role"], text: row.text }))
      .reverse(),
    replies: [...rows.replies],
  };
}
