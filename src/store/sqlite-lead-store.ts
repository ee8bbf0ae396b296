import { randomUUID } from "node:crypto";
import type { LeadRecord } from "../core/lead-record.js";
import { emptyDialogueMemory } from "../core/policy.js";
import { emptyQualification } from "../core/qualification.js";
import {
  ConcurrentUpdateError,
  type InboundMessage,
  type LeadStore,
  type NewLeadEvent,
  type Receipt,
  type TurnCommit,
  type TurnContext,
} from "../engine/ports.js";
import type { LeadStoreOptions } from "./prisma-lead-store.js";
import {
  leadRecordFrom,
  toConversationRef,
  toFeedMessage,
  toStoredHandoff,
  toTurnContext,
} from "./row-mappers.js";
import type { SqliteAccess } from "./sqlite-access.js";
import {
  decodeConversation,
  decodeHandoff,
  decodeLead,
  decodeMessage,
  encodeBoolean,
  encodeDate,
  encodeJson,
  type RawRow,
} from "./sqlite-rows.js";
import { prepareStatements, type Statements } from "./sqlite-statements.js";
import { storableText } from "./storable-text.js";

/**
 * The LeadStore on the embedded SQLite database, in hand-written SQL over better-sqlite3: the
 * same tables, columns and encodings Prisma uses (the rest of the app reads them through
 * Prisma), each operation synchronous prepared statements in its own savepoint, committed with
 * whatever else was asked for in the same turn of the event loop (sqlite-access.ts). It exists for
 * speed: a whole turn costs about 1 ms this way and about 10 ms through Prisma's query compiler
 * (bench/engine-turn.ts measures both side by side). PostgreSQL keeps the Prisma store.
 */
export function createSqliteLeadStore(access: SqliteAccess, options: LeadStoreOptions = {}): LeadStore {
  const eventTargets = options.eventTargets ?? (() => []);
  const sql = prepareStatements(access.connection);
  const db = access.connection;

  const receiveNew = db.transaction((message: InboundMessage, now: string): Receipt => {
    let conversation = sql.conversationByKey.get(message.channel, message.conversationKey) as
      | RawRow
      | undefined;
    if (!conversation) {
      const leadId = randomUUID();
      sql.insertLead.run({
        id: leadId,
        now,
        qualification: encodeJson(emptyQualification()),
      });
      const conversationId = randomUUID();
      sql.insertConversation.run({
        id: conversationId,
        now,
        channel: message.channel,
        externalId: message.conversationKey,
        leadId,
        referenceNow: message.referenceNow ? encodeDate(message.referenceNow) : null,
        dialogue: encodeJson(emptyDialogueMemory()),
      });
      sql.insertAudit.run({
        leadId,
        now,
        type: "lead.created",
        actor: "system",
        data: encodeJson({ channel: message.channel }),
      });
      conversation = { id: conversationId, leadId };
    }
    const stored = sql.insertMessage.run({
      now,
      conversationId: conversation.id,
      channel: message.channel,
      channelMessageId: message.channelMessageId ?? null,
      role: "prospect",
      author: message.author ?? null,
      text: storableText(message.text),
      inReplyTo: null,
      processedAt: null,
    });
    return {
      messageId: Number(stored.lastInsertRowid),
      conversationId: conversation.id as string,
      leadId: conversation.leadId as string,
      duplicate: false,
    };
  });

  function latestHandoff(leadId: string) {
    const row = sql.latestHandoff.get(leadId) as RawRow | undefined;
    return row ? decodeHandoff(row) : null;
  }

  function appendEvents(events: readonly (NewLeadEvent & { lead: LeadRecord })[], now: string) {
    const targets = eventTargets();
    for (const event of events) {
      const eventId = randomUUID();
      sql.insertEvent.run({
        id: eventId,
        now,
        type: event.type,
        leadId: event.lead.id,
        handoffId: event.handoffId ?? null,
        reason: event.reason ?? null,
        lead: encodeJson(event.lead),
      });
      for (const target of targets) sql.insertDelivery.run({ eventId, target, now });
    }
  }

  const commit = db.transaction((turn: TurnCommit, nowDate: Date) => {
    const now = encodeDate(nowDate);
    const updated = sql.updateLead.get({
      id: turn.leadId,
      expectedVersion: turn.expectedVersion,
      now,
      stage: turn.stage,
      qualified: encodeBoolean(turn.score.qualified),
      scoreTotal: turn.score.total,
      grade: turn.score.grade,
      scoreReasons: encodeJson(turn.score.reasons),
      qualification: encodeJson(turn.state),
      promptTokens: turn.extraction.promptTokens,
      completionTokens: turn.extraction.completionTokens,
      costUsd: turn.extraction.costUsd,
      displayName: turn.contact.name ?? null,
      email: turn.contact.email ?? null,
      company: turn.contact.company ?? null,
    });
    // Stale version: the caller retries on fresh state; throwing rolls the transaction back.
    if (updated === undefined) throw new ConcurrentUpdateError(turn.leadId);
    writeTurnRows(sql, turn, now);
    const handoffId = turn.openHandoff ? randomUUID() : null;
    if (turn.openHandoff)
      sql.insertHandoff.run({ id: handoffId, now, leadId: turn.leadId, reason: turn.openHandoff.reason });
    sql.updateDialogue.run({ id: turn.conversationId, now, dialogue: encodeJson(turn.dialogue) });
    sql.markProcessed.run({ id: turn.messageId, processedAt: now });
    const reply = turn.reply
      ? sql.insertMessage.run({
          now,
          conversationId: turn.conversationId,
          channel: turn.channel,
          channelMessageId: null,
          role: "bot",
          author: "qualbot",
          text: storableText(turn.reply),
          inReplyTo: turn.messageId,
          processedAt: now,
        })
      : null;
    const latest = latestHandoff(turn.leadId);
    const record = leadRecordFrom(decodeLead(updated as RawRow), latest);
    const handoff = handoffId !== null ? latest : null;
    appendEvents(
      turn.events.map((event) => ({
        ...event,
        handoffId:
          event.handoffId ?? (event.type === "handoff.requested" ? (handoffId ?? undefined) : undefined),
        lead: record,
      })),
      now,
    );
    return {
      replyMessageId: reply ? Number(reply.lastInsertRowid) : null,
      handoff: handoff ? toStoredHandoff(handoff) : null,
      lead: record,
    };
  });

  const markFailed = db.transaction((messageId: number, error: string, now: string) => {
    sql.markProcessed.run({ id: messageId, processedAt: now });
    const message = sql.messageWithLead.get(messageId) as RawRow | undefined;
    if (!message) throw new Error(`message ${messageId} not found`);
    sql.insertAudit.run({
      leadId: message.leadId,
      now,
      type: "turn.failed",
      actor: "system",
      data: encodeJson({ messageId, error }),
    });
  });

  return {
    receive: (message) =>
      access.run(() => {
        // The channel delivered this message before: return the stored one. Looked up first
        // (an indexed read) because channels do redeliver, and a failed insert costs far more;
        // the unique index still guards against another process.
        const existing = message.channelMessageId
          ? (sql.messageByChannelId.get(message.channel, message.channelMessageId) as RawRow | undefined)
          : undefined;
        if (existing)
          return {
            messageId: existing.id as number,
            conversationId: existing.conversationId as string,
            leadId: existing.leadId as string,
            duplicate: true,
          };
        return receiveNew(message, encodeDate(new Date()));
      }),

    loadTurn: (messageId, historyWindow) =>
      access.run((): TurnContext => {
        const messageRow = sql.messageById.get(messageId) as RawRow | undefined;
        if (!messageRow) throw new Error(`message ${messageId} not found`);
        const message = decodeMessage(messageRow);
        const conversation = decodeConversation(sql.conversationById.get(message.conversationId) as RawRow);
        const lead = decodeLead(sql.leadById.get(conversation.leadId) as RawRow);
        return toTurnContext({
          message,
          conversation,
          lead,
          handoff: latestHandoff(lead.id),
          historyNewestFirst: sql.historyBefore.all(conversation.id, messageId, historyWindow) as {
            role: string;
            text: string;
          }[],
          // Only a message handled before has replies to repeat (a redelivery).
          replies: message.processedAt
            ? (sql.repliesTo.all(messageId) as RawRow[]).map((row) => row.text as string)
            : [],
        });
      }),

    commitTurn: (turn) => access.run(() => commit(turn, new Date())),

    listUnprocessed: (before, limit) =>
      access.run(() =>
        (sql.unprocessedBefore.all(encodeDate(before), limit) as RawRow[]).map((row) => ({
          messageId: row.id as number,
          conversationId: row.conversationId as string,
        })),
      ),

    markFailed: (messageId, error) =>
      access.run(() => {
        markFailed(messageId, error, encodeDate(new Date()));
      }),

    getLeadRecord: (leadId) =>
      access.run(() => {
        const row = sql.leadById.get(leadId) as RawRow | undefined;
        return row ? leadRecordFrom(decodeLead(row), latestHandoff(leadId)) : null;
      }),

    appendMessage: (input) =>
      access.run(() => {
        const conversation = sql.conversationById.get(input.conversationId) as RawRow | undefined;
        if (!conversation) throw new Error(`conversation ${input.conversationId} not found`);
        const now = encodeDate(new Date());
        const stored = sql.insertMessage.run({
          now,
          conversationId: input.conversationId,
          channel: conversation.channel,
          channelMessageId: null,
          role: input.role,
          author: input.author ?? null,
          text: storableText(input.text),
          inReplyTo: null,
          processedAt: now,
        });
        return toFeedMessage(decodeMessage(sql.messageById.get(Number(stored.lastInsertRowid)) as RawRow));
      }),

    listMessages: (conversationId, options = {}) =>
      access.run(() =>
        (sql.messagesAfter.all(conversationId, options.afterId ?? -1, options.limit ?? 500) as RawRow[]).map(
          (row) => toFeedMessage(decodeMessage(row)),
        ),
      ),

    findConversation: (channel, conversationKey) =>
      access.run(() => {
        const row = sql.conversationByKey.get(channel, conversationKey) as RawRow | undefined;
        return row ? toConversationRef(decodeConversation(row)) : null;
      }),

    getConversation: (conversationId) =>
      access.run(() => {
        const row = sql.conversationById.get(conversationId) as RawRow | undefined;
        return row ? toConversationRef(decodeConversation(row)) : null;
      }),

    setHumanOwner: (conversationId, owner) =>
      access.run(() => {
        const updated = sql.setHumanOwner.run({ id: conversationId, owner, now: encodeDate(new Date()) });
        if (updated.changes !== 1) throw new Error(`conversation ${conversationId} not found`);
      }),
  };
}

function writeTurnRows(sql: Statements, turn: TurnCommit, now: string): void {
  const { extraction } = turn;
  sql.insertExtractionRun.run({
    leadId: turn.leadId,
    messageId: turn.messageId,
    now,
    extractor: extraction.extractor,
    model: extraction.model ?? null,
    promptId: extraction.promptId ?? null,
    promptHash: extraction.promptHash ?? null,
    promptTokens: extraction.promptTokens,
    completionTokens: extraction.completionTokens,
    costUsd: extraction.costUsd,
    latencyMs: extraction.latencyMs,
    outcome: extraction.outcome,
    droppedValues: extraction.droppedValues,
    error: extraction.error ?? null,
  });
  sql.insertScore.run({
    leadId: turn.leadId,
    messageId: turn.messageId,
    now,
    total: turn.score.total,
    grade: turn.score.grade,
    stage: turn.stage,
    qualified: encodeBoolean(turn.score.qualified),
    reasons: encodeJson(turn.score.reasons),
    scorecardId: turn.score.scorecardId,
  });
  const signals = [
    ...turn.decisions.map((decision) => ({ signal: decision.signal, accepted: decision.accepted })),
    ...turn.dropped.map((signal) => ({ signal, accepted: false })),
  ];
  for (const { signal, accepted } of signals)
    sql.insertSignal.run({
      leadId: turn.leadId,
      messageId: turn.messageId,
      now,
      field: signal.field,
      value: encodeJson(signal.value),
      evidence: encodeJson(signal.evidence),
      extractor: extraction.extractor,
      confidence: signal.confidence,
      promptId: extraction.promptId ?? null,
      promptHash: extraction.promptHash ?? null,
      accepted: encodeBoolean(accepted),
    });
  for (const entry of turn.audit)
    sql.insertAudit.run({
      leadId: turn.leadId,
      now,
      type: entry.type,
      actor: entry.actor,
      data: encodeJson(entry.data),
    });
}
