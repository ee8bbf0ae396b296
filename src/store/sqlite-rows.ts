import type { ConversationRow, HandoffRow, LeadRow, MessageRow } from "./row-mappers.js";

/** A row as better-sqlite3 returns it. */
export type RawRow = Record<string, unknown>;

// Encodings exactly as Prisma's better-sqlite3 adapter writes them (timestampFormat "iso8601"),
// so rows written here and rows written through Prisma compare and decode alike.

export function encodeDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

export function encodeBoolean(value: boolean): number {
  return value ? 1 : 0;
}

export function encodeJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

function date(value: unknown): Date {
  return new Date(value as string);
}

function optionalDate(value: unknown): Date | null {
  return value === null || value === undefined ? null : new Date(value as string);
}

/**
 * Json columns are declared JSONB, which SQLite gives numeric affinity: a JSON text that looks
 * like a number ("45000") comes back as a number.
 */
function json(value: unknown): never {
  return (typeof value === "string" ? JSON.parse(value) : value) as never;
}

function optionalJson(value: unknown): never {
  return (value === null || value === undefined ? null : json(value)) as never;
}

export function decodeLead(row: RawRow): LeadRow {
  return {
    ...(row as unknown as LeadRow),
    createdAt: date(row.createdAt),
    updatedAt: date(row.updatedAt),
    qualified: row.qualified === 1,
    scoreReasons: json(row.scoreReasons),
    qualification: json(row.qualification),
  };
}

export function decodeConversation(row: RawRow): ConversationRow {
  return {
    ...(row as unknown as ConversationRow),
    createdAt: date(row.createdAt),
    updatedAt: date(row.updatedAt),
    referenceNow: optionalDate(row.referenceNow),
    dialogue: optionalJson(row.dialogue),
  };
}

export function decodeMessage(row: RawRow): MessageRow {
  return {
    ...(row as unknown as MessageRow),
    createdAt: date(row.createdAt),
    processedAt: optionalDate(row.processedAt),
  };
}

export function decodeHandoff(row: RawRow): HandoffRow {
  return {
    ...(row as unknown as HandoffRow),
    createdAt: date(row.createdAt),
    updatedAt: date(row.updatedAt),
    decidedAt: optionalDate(row.decidedAt),
    remindedAt: optionalDate(row.remindedAt),
    escalatedAt: optionalDate(row.escalatedAt),
    cardRef: optionalJson(row.cardRef),
  };
}
