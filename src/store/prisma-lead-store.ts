import type { Prisma } from "@prisma/client";
import type { LeadRecord } from "../core/lead-record.js";
import { emptyDialogueMemory } from "../core/policy.js";
import { emptyQualification } from "../core/qualification.js";
import {
  ConcurrentUpdateError,
  type InboundMessage,
  type LeadStore,
  type Receipt,
  type TurnCommit,
  type TurnContext,
} from "../engine/ports.js";
import type { Database } from "./prisma-client.js";
import { isRecordNotFound, isUniqueViolation } from "./prisma-errors.js";
import { appendLeadEvents } from "./prisma-event-outbox.js";
import {
  leadRecordFrom,
  toConversationRef,
  toFeedMessage,
  toStoredHandoff,
  toTurnContext,
} from "./row-mappers.js";
import { storableText } from "./storable-text.js";

function json(value: unknown): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}

export interface LeadStoreOptions {
  /** Names of the event sinks that get a delivery for every lead event (see the event dispatcher). */
  eventTargets?: () => readonly string[];
}

export function createPrismaLeadStore(db: Database, options: LeadStoreOptions = {}): LeadStore {
  const eventTargets = options.eventTargets ?? (() => []);
  async function findByChannelId(channel: string, channelMessageId: string) {
    return db.message.findUnique({
      where: { channel_channelMessageId: { channel, channelMessageId } },
      include: { conversation: true },
    });
  }

  return {
    async receive(message: InboundMessage): Promise<Receipt> {
      // No look-up first: a redelivery fails the unique (channel, channelMessageId) insert, its
      // transaction rolls back, and the stored message is returned below. New messages, the
      // common case, cost one transaction.
      try {
        return await db.$transaction(async (tx) => {
          let conversation = await tx.conversation.findUnique({
            where: { channel_externalId: { channel: message.channel, externalId: message.conversationKey } },
          });
          if (!conversation) {
            const lead = await tx.lead.create({
              data: { qualification: json(emptyQualification()), scoreReasons: json([]) },
            });
            conversation = await tx.conversation.create({
              data: {
                channel: message.channel,
                externalId: message.conversationKey,
                leadId: lead.id,
                referenceNow: message.referenceNow ?? null,
                dialogue: json(emptyDialogueMemory()),
              },
            });
            await tx.auditEvent.create({
              data: {
                leadId: lead.id,
                type: "lead.created",
                actor: "system",
                data: json({ channel: message.channel }),
              },
            });
          }
          const stored = await tx.message.create({
            data: {
              conversationId: conversation.id,
              channel: message.channel,
              channelMessageId: message.channelMessageId ?? null,
              role: "prospect",
              author: message.author ?? null,
              text: storableText(message.text),
            },
          });
          return {
            messageId: stored.id,
            conversationId: conversation.id,
            leadId: conversation.leadId,
            duplicate: false,
          };
        });
      } catch (error) {
        // The channel delivered this message before: return the stored one.
        if (message.channelMessageId && isUniqueViolation(error)) {
          const existing = await findByChannelId(message.channel, message.channelMessageId);
          if (existing)
            return {
              messageId: existing.id,
              conversationId: existing.conversationId,
              leadId: existing.conversation.leadId,
              duplicate: true,
            };
        }
        throw error;
      }
    },

    async loadTurn(messageId: number, historyWindow: number): Promise<TurnContext> {
      const message = await db.message.findUniqueOrThrow({
        where: { id: messageId },
        include: {
          conversation: {
            include: {
              lead: { include: { handoffs: { orderBy: { createdAt: "desc" }, take: 1 } } },
              messages: { where: { id: { lt: messageId } }, orderBy: { id: "desc" }, take: historyWindow },
            },
          },
        },
      });
      const { conversation } = message;
      // Only a message handled before has replies to repeat (a redelivery).
      const replies = message.processedAt
        ? await db.message.findMany({ where: { inReplyTo: messageId }, orderBy: { id: "asc" } })
        : [];
      return toTurnContext({
        message,
        conversation,
        lead: conversation.lead,
        handoff: conversation.lead.handoffs[0] ?? null,
        historyNewestFirst: conversation.messages,
        replies: replies.map((row) => row.text),
      });
    },

    async commitTurn(turn: TurnCommit) {
      return db.$transaction(async (tx) => {
        const now = new Date();
        const signals = [
          ...turn.decisions.map((decision) => ({ signal: decision.signal, accepted: decision.accepted })),
          ...turn.dropped.map((signal) => ({ signal, accepted: false })),
        ];
        // One nested write for the lead and everything the turn hangs on it: each Prisma call
        // costs far more than the SQL it runs, so the turn makes as few as it can.
        let lead: Prisma.LeadGetPayload<{ include: { handoffs: true } }>;
        try {
          lead = await tx.lead.update({
            where: { id: turn.leadId, version: turn.expectedVersion },
            data: {
              version: { increment: 1 },
              stage: turn.stage,
              qualified: turn.score.qualified,
              scoreTotal: turn.score.total,
              grade: turn.score.grade,
              scoreReasons: json(turn.score.reasons),
              qualification: json(turn.state),
              turnCount: { increment: 1 },
              promptTokens: { increment: turn.extraction.promptTokens },
              completionTokens: { increment: turn.extraction.completionTokens },
              costUsd: { increment: turn.extraction.costUsd },
              ...(turn.contact.name !== undefined ? { displayName: turn.contact.name } : {}),
              ...(turn.contact.email !== undefined ? { email: turn.contact.email } : {}),
              ...(turn.contact.company !== undefined ? { company: turn.contact.company } : {}),
              extractionRuns: { create: { messageId: turn.messageId, ...turn.extraction } },
              scores: {
                create: {
                  messageId: turn.messageId,
                  total: turn.score.total,
                  grade: turn.score.grade,
                  stage: turn.stage,
                  qualified: turn.score.qualified,
                  reasons: json(turn.score.reasons),
                  scorecardId: turn.score.scorecardId,
                },
              },
              ...(signals.length > 0
                ? {
                    signals: {
                      createMany: {
                        data: signals.map(({ signal, accepted }) => ({
                          messageId: turn.messageId,
                          field: signal.field,
                          value: json(signal.value),
                          evidence: json(signal.evidence),
                          extractor: turn.extraction.extractor,
                          confidence: signal.confidence,
                          promptId: turn.extraction.promptId ?? null,
                          promptHash: turn.extraction.promptHash ?? null,
                          accepted,
                        })),
                      },
                    },
                  }
                : {}),
              ...(turn.audit.length > 0
                ? {
                    auditEvents: {
                      createMany: {
                        data: turn.audit.map((entry) => ({
                          type: entry.type,
                          actor: entry.actor,
                          data: json(entry.data),
                        })),
                      },
                    },
                  }
                : {}),
              ...(turn.openHandoff
                ? {
                    handoffs: {
                      create: { status: "pending", reason: turn.openHandoff.reason, createdAt: now },
                    },
                  }
                : {}),
              conversations: {
                update: {
                  where: { id: turn.conversationId },
                  data: {
                    dialogue: json(turn.dialogue),
                    messages: { update: { where: { id: turn.messageId }, data: { processedAt: now } } },
                  },
                },
              },
            },
            include: { handoffs: { orderBy: { createdAt: "desc" }, take: 1 } },
          });
        } catch (error) {
          if (isRecordNotFound(error)) throw new ConcurrentUpdateError(turn.leadId);
          throw error;
        }
        const reply = turn.reply
          ? await tx.message.create({
              data: {
                conversationId: turn.conversationId,
                channel: turn.channel,
                role: "bot",
                author: "qualbot",
                text: storableText(turn.reply),
                inReplyTo: turn.messageId,
                processedAt: now,
              },
            })
          : null;
        const latest = lead.handoffs[0] ?? null;
        const handoff = turn.openHandoff ? latest : null;
        const record = leadRecordFrom(lead, latest);
        if (turn.events.length > 0) {
          const events = turn.events.map((event) => ({
            ...event,
            handoffId: event.handoffId ?? (event.type === "handoff.requested" ? handoff?.id : undefined),
            lead: record,
          }));
          await appendLeadEvents(tx, events, eventTargets(), now);
        }
        return {
          replyMessageId: reply?.id ?? null,
          handoff: handoff ? toStoredHandoff(handoff) : null,
          lead: record,
        };
      });
    },

    async listUnprocessed(before, limit) {
      const rows = await db.message.findMany({
        where: { role: "prospect", processedAt: null, createdAt: { lt: before } },
        orderBy: { id: "asc" },
        take: limit,
        select: { id: true, conversationId: true },
      });
      return rows.map((row) => ({ messageId: row.id, conversationId: row.conversationId }));
    },

    async markFailed(messageId: number, error: string) {
      const message = await db.message.update({
        where: { id: messageId },
        data: { processedAt: new Date() },
        include: { conversation: true },
      });
      await db.auditEvent.create({
        data: {
          leadId: message.conversation.leadId,
          type: "turn.failed",
          actor: "system",
          data: json({ messageId, error }),
        },
      });
    },

    async getLeadRecord(leadId: string): Promise<LeadRecord | null> {
      const lead = await db.lead.findUnique({ where: { id: leadId } });
      if (!lead) return null;
      const handoff = await db.handoff.findFirst({ where: { leadId }, orderBy: { createdAt: "desc" } });
      return leadRecordFrom(lead, handoff);
    },

    async appendMessage(input) {
      const conversation = await db.conversation.findUniqueOrThrow({ where: { id: input.conversationId } });
      const row = await db.message.create({
        data: {
          conversationId: conversation.id,
          channel: conversation.channel,
          role: input.role,
          author: input.author ?? null,
          text: storableText(input.text),
          processedAt: new Date(),
        },
      });
      return toFeedMessage(row);
    },

    async listMessages(conversationId, options = {}) {
      const rows = await db.message.findMany({
        where: { conversationId, ...(options.afterId !== undefined ? { id: { gt: options.afterId } } : {}) },
        orderBy: { id: "asc" },
        take: options.limit ?? 500,
      });
      return rows.map(toFeedMessage);
    },

    async findConversation(channel, conversationKey) {
      const row = await db.conversation.findUnique({
        where: { channel_externalId: { channel, externalId: conversationKey } },
      });
      return row ? toConversationRef(row) : null;
    },

    async getConversation(conversationId) {
      const row = await db.conversation.findUnique({ where: { id: conversationId } });
      return row ? toConversationRef(row) : null;
    },

    async setHumanOwner(conversationId, owner) {
      await db.conversation.update({ where: { id: conversationId }, data: { humanOwner: owner } });
    },
  };
}
