import { CorrectedQualification } from "../../engine/handoff-decisions.js";
import { EvalCase } from "../../evals/dataset.js";
import type { Database } from "../../store/prisma-client.js";

export interface CorrectionExportOptions {
  /** Only corrections made at or after this time. */
  since?: Date;
}

/**
 * Rep corrections (from the handoff card's Edit button) as eval cases in the DESIGN §3 format,
 * one JSON line each: the transcript up to the correction, and the corrected values as
 * `expected`. The latest correction of a lead wins; cases that fail the dataset schema (e.g. no
 * prospect message) are left out.
 */
export async function exportCorrectionsAsDataset(
  db: Database,
  options: CorrectionExportOptions = {},
): Promise<string[]> {
  const corrections = await db.auditEvent.findMany({
    where: {
      type: "qualification.corrected",
      leadId: { not: null },
      ...(options.since ? { createdAt: { gte: options.since } } : {}),
    },
    orderBy: { id: "asc" },
  });
  const latest = new Map<string, (typeof corrections)[number]>();
  for (const correction of corrections) latest.set(correction.leadId!, correction);

  const lines: string[] = [];
  for (const [leadId, correction] of latest) {
    const after = CorrectedQualification.safeParse((correction.data as { after?: unknown }).after);
    if (!after.success) continue;
    const conversation = await db.conversation.findFirst({
      where: { leadId },
      orderBy: { createdAt: "asc" },
      include: {
        messages: { where: { createdAt: { lte: correction.createdAt } }, orderBy: { id: "asc" } },
      },
    });
    if (!conversation) continue;
    const messages = conversation.messages
      .filter((message) => message.role === "prospect" || message.role === "bot")
      .map((message) => ({ role: message.role as "prospect" | "bot", text: message.text }));
    const firstProspect = conversation.messages.find((message) => message.role === "prospect");
    const now = conversation.referenceNow ?? firstProspect?.createdAt ?? conversation.createdAt;
    const candidate = {
      id: `correction-${leadId}`,
      now: now.toISOString(),
      source: "rep-correction",
      correctedBy: correction.actor,
      correctedAt: correction.createdAt.toISOString(),
      messages,
      expected: after.data,
    };
    if (EvalCase.safeParse(candidate).success) lines.push(JSON.stringify(candidate));
  }
  return lines;
}
