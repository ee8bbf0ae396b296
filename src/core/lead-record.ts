import type { HandoffState } from "./handoff.js";
import type { QualificationState, QualificationView } from "./qualification.js";
import { viewQualification } from "./qualification.js";
import type { ScoreReason } from "./scorecard.js";
import type { Stage } from "./stage.js";

export interface EvidenceEntry {
  field: string;
  quotes: string[];
  extractor: string;
  confidence: number;
  messageId: number | string;
}

/**
 * DESIGN §5 lead record: what `chat --json`, `leads show --json`, webhooks and exports emit.
 * Keys are a contract: add, never rename.
 */
export interface LeadRecord {
  id: string;
  stage: Stage;
  qualified: boolean;
  qualification: QualificationView;
  score: { total: number; grade: string; reasons: ScoreReason[] };
  handoff: ({ id: string } & Omit<HandoffState, "version">) | null;
  evidence: EvidenceEntry[];
  usage: { turns: number; promptTokens: number; completionTokens: number; costUsd: number };
  createdAt: string;
  updatedAt: string;
}

export function evidenceOf(state: QualificationState): EvidenceEntry[] {
  const entries: EvidenceEntry[] = [];
  const add = (
    field: string,
    tracked: { provenance: QualificationState["disqualifiers"][number]["provenance"] } | undefined,
  ) => {
    if (!tracked) return;
    const { evidence, extractor, confidence, messageId } = tracked.provenance;
    entries.push({ field, quotes: evidence, extractor, confidence, messageId });
  };
  add("budget", state.budget);
  add("authority", state.authority);
  add("seniority", state.seniority);
  add("need", state.need);
  add("timeline", state.timeline);
  for (const disqualifier of state.disqualifiers) add(`disqualifiers.${disqualifier.value}`, disqualifier);
  for (const [key, tracked] of Object.entries(state.contact)) add(`contact.${key}`, tracked);
  for (const [key, tracked] of Object.entries(state.company)) add(`company.${key}`, tracked);
  return entries;
}

export interface LeadRecordInput {
  id: string;
  stage: Stage;
  qualified: boolean;
  state: QualificationState;
  score: { total: number; grade: string; reasons: ScoreReason[] };
  handoff: ({ id: string } & HandoffState) | null;
  usage: LeadRecord["usage"];
  createdAt: Date;
  updatedAt: Date;
}

export function buildLeadRecord(input: LeadRecordInput): LeadRecord {
  const handoff = input.handoff
    ? {
        id: input.handoff.id,
        status: input.handoff.status,
        assignee: input.handoff.assignee ?? null,
        decidedBy: input.handoff.decidedBy ?? null,
        decidedAt: input.handoff.decidedAt ?? null,
        reason: input.handoff.reason ?? null,
      }
    : null;
  return {
    id: input.id,
    stage: input.stage,
    qualified: input.qualified,
    qualification: viewQualification(input.state, input.qualified),
    score: input.score,
    handoff,
    evidence: evidenceOf(input.state),
    usage: input.usage,
    createdAt: input.createdAt.toISOString(),
    updatedAt: input.updatedAt.toISOString(),
  };
}
