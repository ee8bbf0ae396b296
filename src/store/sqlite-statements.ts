import type Database from "better-sqlite3";

// Every column Prisma would fill from a default (@default(now()), @updatedAt, @default(uuid()))
// is written explicitly: the SQL defaults would store CURRENT_TIMESTAMP in another text format,
// which would sort wrongly against Prisma's ISO 8601 timestamps.
const statements = {
  conversationByKey: `SELECT * FROM "Conversation" WHERE "channel" = ? AND "externalId" = ?`,
  conversationById: `SELECT * FROM "Conversation" WHERE "id" = ?`,
  leadById: `SELECT * FROM "Lead" WHERE "id" = ?`,
  latestHandoff: `SELECT * FROM "Handoff" WHERE "leadId" = ? ORDER BY "createdAt" DESC LIMIT 1`,
  messageById: `SELECT * FROM "Message" WHERE "id" = ?`,
  messageByChannelId: `SELECT m."id", m."conversationId", c."leadId" FROM "Message" m
    JOIN "Conversation" c ON c."id" = m."conversationId" WHERE m."channel" = ? AND m."channelMessageId" = ?`,
  messageWithLead: `SELECT m."id", c."leadId" FROM "Message" m
    JOIN "Conversation" c ON c."id" = m."conversationId" WHERE m."id" = ?`,
  historyBefore: `SELECT "role", "text" FROM "Message" WHERE "conversationId" = ? AND "id" < ?
    ORDER BY "id" DESC LIMIT ?`,
  repliesTo: `SELECT "text" FROM "Message" WHERE "inReplyTo" = ? ORDER BY "id" ASC`,
  messagesAfter: `SELECT * FROM "Message" WHERE "conversationId" = ? AND "id" > ? ORDER BY "id" ASC LIMIT ?`,
  unprocessedBefore: `SELECT "id", "conversationId" FROM "Message"
    WHERE "role" = 'prospect' AND "processedAt" IS NULL AND "createdAt" < ? ORDER BY "id" ASC LIMIT ?`,

  insertLead: `INSERT INTO "Lead" ("id", "createdAt", "updatedAt", "stage", "qualified", "scoreTotal", "grade",
    "scoreReasons", "qualification", "version", "turnCount", "promptTokens", "completionTokens", "costUsd")
    VALUES (@id, @now, @now, 'new', 0, 0, 'D', '[]', @qualification, 0, 0, 0, 0, 0)`,
  insertConversation: `INSERT INTO "Conversation" ("id", "createdAt", "updatedAt", "channel", "externalId",
    "leadId", "referenceNow", "status", "dialogue")
    VALUES (@id, @now, @now, @channel, @externalId, @leadId, @referenceNow, 'open', @dialogue)`,
  insertMessage: `INSERT INTO "Message" ("createdAt", "conversationId", "channel", "channelMessageId", "role",
    "author", "text", "inReplyTo", "processedAt")
    VALUES (@now, @conversationId, @channel, @channelMessageId, @role, @author, @text, @inReplyTo, @processedAt)`,
  insertAudit: `INSERT INTO "AuditEvent" ("createdAt", "leadId", "type", "actor", "data")
    VALUES (@now, @leadId, @type, @actor, @data)`,
  updateLead: `UPDATE "Lead" SET "version" = "version" + 1, "updatedAt" = @now, "stage" = @stage,
    "qualified" = @qualified, "scoreTotal" = @scoreTotal, "grade" = @grade, "scoreReasons" = @scoreReasons,
    "qualification" = @qualification, "turnCount" = "turnCount" + 1,
    "promptTokens" = "promptTokens" + @promptTokens, "completionTokens" = "completionTokens" + @completionTokens,
    "costUsd" = "costUsd" + @costUsd, "displayName" = COALESCE(@displayName, "displayName"),
    "email" = COALESCE(@email, "email"), "company" = COALESCE(@company, "company")
    WHERE "id" = @id AND "version" = @expectedVersion RETURNING *`,
  insertExtractionRun: `INSERT INTO "ExtractionRun" ("createdAt", "leadId", "messageId", "extractor", "model",
    "promptId", "promptHash", "promptTokens", "completionTokens", "costUsd", "latencyMs", "outcome",
    "droppedValues", "error")
    VALUES (@now, @leadId, @messageId, @extractor, @model, @promptId, @promptHash, @promptTokens,
    @completionTokens, @costUsd, @latencyMs, @outcome, @droppedValues, @error)`,
  insertScore: `INSERT INTO "ScoreSnapshot" ("createdAt", "leadId", "messageId", "total", "grade", "stage",
    "qualified", "reasons", "scorecardId")
    VALUES (@now, @leadId, @messageId, @total, @grade, @stage, @qualified, @reasons, @scorecardId)`,
  insertSignal: `INSERT INTO "Signal" ("createdAt", "leadId", "messageId", "field", "value", "evidence",
    "extractor", "confidence", "promptId", "promptHash", "accepted")
    VALUES (@now, @leadId, @messageId, @field, @value, @evidence, @extractor, @confidence, @promptId,
    @promptHash, @accepted)`,
  insertHandoff: `INSERT INTO "Handoff" ("id", "createdAt", "updatedAt", "leadId", "status", "version", "reason")
    VALUES (@id, @now, @now, @leadId, 'pending', 0, @reason)`,
  updateDialogue: `UPDATE "Conversation" SET "dialogue" = @dialogue, "updatedAt" = @now WHERE "id" = @id`,
  markProcessed: `UPDATE "Message" SET "processedAt" = @processedAt WHERE "id" = @id`,
  setHumanOwner: `UPDATE "Conversation" SET "humanOwner" = @owner, "updatedAt" = @now WHERE "id" = @id`,
  insertEvent: `INSERT INTO "LeadEventLog" ("id", "createdAt", "type", "leadId", "handoffId", "reason", "lead")
    VALUES (@id, @now, @type, @leadId, @handoffId, @reason, @lead)`,
  insertDelivery: `INSERT INTO "EventDelivery" ("createdAt", "eventId", "target", "status", "attempts",
    "nextAttemptAt") VALUES (@now, @eventId, @target, 'pending', 0, @now)`,
} as const;

export type Statements = { [name in keyof typeof statements]: Database.Statement };

/** Prepared once per connection: preparing is most of the cost of a small statement. */
export function prepareStatements(connection: Database.Database): Statements {
  return Object.fromEntries(
    Object.entries(statements).map(([name, text]) => [name, connection.prepare(text)]),
  ) as Statements;
}
