import type { LeadRecord } from "../core/lead-record.js";
import type { Database } from "./prisma-client.js";
import { leadRecordFrom } from "./row-mappers.js";

export interface LeadSummary {
  id: string;
  stage: string;
  scoreTotal: number;
  grade: string;
  qualified: boolean;
  displayName: string | null;
  email: string | null;
  company: string | null;
  channel: string | null;
  turns: number;
  updatedAt: Date;
}

export interface TranscriptEntry {
  id: number;
  role: string;
  author: string | null;
  text: string;
  createdAt: Date;
}

export interface LeadDetail {
  record: LeadRecord;
  channel: string | null;
  transcript: TranscriptEntry[];
  extractionRuns: {
    messageId: number;
    extractor: string;
    model: string | null;
    promptId: string | null;
    promptHash: string | null;
    promptTokens: number;
    completionTokens: number;
    costUsd: number;
    latencyMs: number;
    outcome: string;
    droppedValues: number;
  }[];
  audit: { type: string; actor: string; createdAt: Date; data: unknown }[];
}

export async function listLeads(
  db: Database,
  filter: { stage?: string; limit: number },
): Promise<LeadSummary[]> {
  const rows = await db.lead.findMany({
    where: filter.stage ? { stage: filter.stage } : {},
    orderBy: { updatedAt: "desc" },
    take: filter.limit,
    include: { conversations: { select: { channel: true }, take: 1, orderBy: { createdAt: "asc" } } },
  });
  return rows.map((row) => ({
    id: row.id,
    stage: row.stage,
    scoreTotal: row.scoreTotal,
    grade: row.grade,
    qualified: row.qualified,
    displayName: row.displayName,
    email: row.email,
    company: row.company,
    channel: row.conversations[0]?.channel ?? null,
    turns: row.turnCount,
    updatedAt: row.updatedAt,
  }));
}

/** Accepts a full id or a unique prefix (ids are long; reps copy the first few characters). */
export async function findLeadId(
  db: Database,
  idOrPrefix: string,
): Promise<{ ok: true; value: string } | { ok: false; error: string }> {
  const exact = await db.lead.findUnique({ where: { id: idOrPrefix }, select: { id: true } });
  if (exact) return { ok: true, value: exact.id };
  const matches = await db.lead.findMany({
    where: { id: { startsWith: idOrPrefix } },
    select: { id: true },
    take: 2,
  });
  if (matches.length === 1) return { ok: true, value: matches[0]!.id };
  return {
    ok: false,
    error:
      matches.length === 0
        ? `no lead with id ${idOrPrefix}`
        : `id prefix ${idOrPrefix} matches several leads`,
  };
}

export async function getLeadDetail(db: Database, leadId: string): Promise<LeadDetail | null> {
  const lead = await db.lead.findUnique({
    where: { id: leadId },
    include: {
      handoffs: { orderBy: { createdAt: "desc" }, take: 1 },
      conversations: { orderBy: { createdAt: "asc" }, include: { messages: { orderBy: { id: "asc" } } } },
      extractionRuns: { orderBy: { id: "asc" } },
      auditEvents: { orderBy: { id: "asc" } },
    },
  });
  if (!lead) return null;
  return {
    record: leadRecordFrom(lead, lead.handoffs[0] ?? null),
    channel: lead.conversations[0]?.channel ?? null,
    transcript: lead.conversations.flatMap((conversation) =>
      conversation.messages.map((message) => ({
        id: message.id,
        role: message.role,
        author: message.author,
        text: message.text,
        createdAt: message.createdAt,
      })),
    ),
    extractionRuns: lead.extractionRuns.map((run) => ({
      messageId: run.messageId,
      extractor: run.extractor,
      model: run.model,
      promptId: run.promptId,
      promptHash: run.promptHash,
      promptTokens: run.promptTokens,
      completionTokens: run.completionTokens,
      costUsd: run.costUsd,
      latencyMs: run.latencyMs,
      outcome: run.outcome,
      droppedValues: run.droppedValues,
    })),
    audit: lead.auditEvents.map((event) => ({
      type: event.type,
      actor: event.actor,
      createdAt: event.createdAt,
      data: event.data,
    })),
  };
}

/** Every lead record, oldest first, in pages (exports of any size without loading all at once). */
export async function* allLeadRecords(db: Database, pageSize = 200): AsyncGenerator<LeadRecord> {
  let cursor: string | undefined;
  for (;;) {
    const page = await db.lead.findMany({
      orderBy: { id: "asc" },
      take: pageSize,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      include: { handoffs: { orderBy: { createdAt: "desc" }, take: 1 } },
    });
    for (const lead of page) yield leadRecordFrom(lead, lead.handoffs[0] ?? null);
    if (page.length < pageSize) return;
    cursor = page[page.length - 1]!.id;
  }
}
