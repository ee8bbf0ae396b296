import { buildLeadRecord, type LeadRecord } from "../../src/core/lead-record.js";
import { emptyQualification } from "../../src/core/qualification.js";
import type { Stage } from "../../src/core/stage.js";

/** A plain lead record for tests of what carries records (events, webhooks). */
export function sampleLeadRecord(stage: Stage = "sql"): LeadRecord {
  return buildLeadRecord({
    id: "lead-1",
    stage,
    qualified: true,
    state: emptyQualification(),
    score: { total: 80, grade: "A", reasons: [] },
    handoff: null,
    usage: { turns: 3, promptTokens: 0, completionTokens: 0, costUsd: 0 },
    createdAt: new Date("2026-11-23T10:00:00Z"),
    updatedAt: new Date("2026-11-23T10:05:00Z"),
  });
}
