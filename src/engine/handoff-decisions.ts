import { z } from "zod";
import { defaultScorecard } from "../core/default-scorecard.js";
import {
  applyHandoffDecision,
  type HandoffDecision,
  type HandoffState,
  type HandoffStatus,
} from "../core/handoff.js";
import type { LeadRecord } from "../core/lead-record.js";
import {
  AuthorityStatus,
  BudgetValue,
  Disqualifier,
  labelsOf,
  NeedStatus,
  type QualificationView,
  Seniority,
  TimelineStatus,
} from "../core/qualification.js";
import { scoreLead } from "../core/scorecard.js";
import type { Stage } from "../core/stage.js";
import type {
  AuditEntry,
  Clock,
  ConversationRef,
  LeadEventPublisher,
  LeadStore,
  Logger,
  StoredHandoff,
} from "./ports.js";
import { type OutboundDeps, sendToProspect } from "./send-to-prospect.js";

/** Where a handoff card lives in the rep-facing tool (Slack: channel + message ts). */
export interface HandoffCardRef {
  channel: string;
  ts: string;
}

/** Everything a decision writes, applied only if the handoff is still at `expectedVersion`. */
export interface DecisionCommit {
  handoffId: string;
  leadId: string;
  expectedVersion: number;
  next: HandoffState;
  /** The lead's new stage (approved → handed_off, rejected → nurture); null leaves it. */
  stage: Stage | null;
  /** A reassignment restarts the approval SLA for the new assignee. */
  restartSla: boolean;
  audit: AuditEntry[];
}

/** A stored rep correction of the extracted qualification (an eval case in waiting). */
export interface StoredCorrection {
  by: string;
  at: Date;
  handoffId: string;
  after: CorrectedQualification;
  changed: string[];
}

/** Persistence of handoffs; the Prisma implementation sits with the Slack channel for now. */
export interface HandoffStore {
  getHandoff(handoffId: string): Promise<StoredHandoff | null>;
  /** Compare-and-set on the handoff's version, with the lead's stage and audit, in one transaction. */
  commitDecision(commit: DecisionCommit): Promise<boolean>;
  setCardRef(handoffId: string, ref: HandoffCardRef): Promise<void>;
  recordAudit(leadId: string, entry: AuditEntry): Promise<void>;
  /** The prospect's conversation for this lead (the one the handoff was opened from). */
  conversationOfLead(leadId: string): Promise<ConversationRef | null>;
  latestCorrection(leadId: string): Promise<StoredCorrection | null>;
}

/** Who is acting: a rep in the sales tool. `teamId` is their workspace or organisation. */
export interface Actor {
  id: string;
  teamId?: string;
  /** Display name, for messages the prospect sees. */
  name?: string;
}

/** Decides who may approve, reject, reassign or correct a handoff. */
export interface RepDirectory {
  canDecide(actor: Actor): Promise<boolean>;
}

export interface HandoffDecisionDeps {
  handoffs: HandoffStore;
  leads: LeadStore;
  reps: RepDirectory;
  events: LeadEventPublisher;
  outbound: OutboundDeps;
  clock: Clock;
  logger: Logger;
}

export type DecisionRequest = {
  handoffId: string;
  actor: Actor;
  /** The version the rep saw (on the card); a stale card cannot decide. */
  expectedVersion?: number;
} & ({ kind: "approve" } | { kind: "reject"; reason: string } | { kind: "reassign"; to: Actor });

export type DecisionError =
  | { code: "not_found" }
  | { code: "not_allowed" }
  | {
      code: "already_decided";
      status: HandoffStatus;
      decidedBy: string | null;
      decidedAt: string | null;
      assignee: string | null;
    }
  | { code: "reason_required" }
  | { code: "invalid_assignee" };

export interface DecisionOutcome {
  handoff: StoredHandoff;
  lead: LeadRecord;
  conversation: ConversationRef | null;
  /** The rep who now talks to the prospect (approve only). */
  owner: string | null;
  prospectNotified: boolean;
}

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

const eventType = {
  approve: "handoff.approved",
  reject: "handoff.rejected",
  reassign: "handoff.reassigned",
} as const;
const stageAfter: Record<DecisionRequest["kind"], Stage | null> = {
  approve: "handed_off",
  reject: "nurture",
  reassign: null,
};

function alreadyDecided(handoff: StoredHandoff): DecisionError {
  return {
    code: "already_decided",
    status: handoff.status,
    decidedBy: handoff.decidedBy ?? null,
    decidedAt: handoff.decidedAt ?? null,
    assignee: handoff.assignee ?? null,
  };
}

function toCoreDecision(request: DecisionRequest, at: string): HandoffDecision {
  const by = request.actor.id;
  switch (request.kind) {
    case "approve":
      return { kind: "approve", by, at };
    case "reject":
      return { kind: "reject", by, at, reason: request.reason };
    case "reassign":
      return { kind: "reassign", by, at, to: request.to.id };
  }
}

/** What the prospect reads in their own channel once a rep has decided. */
export function prospectNoticeFor(kind: DecisionRequest["kind"], repName?: string): string | null {
  if (kind === "approve")
    return `Good news: ${repName ?? "a member of our sales team"} is taking over from here and will reply in this conversation shortly.`;
  if (kind === "reject")
    return "Thanks for all the detail! Our team has reviewed your request and will keep you posted with resources that fit where you are today. I'm still here if you have questions.";
  return null;
}

/**
 * A rep's decision on a handoff (DESIGN §7): only allowed reps decide; the decision is a
 * compare-and-set on the handoff's version, so of two clicks exactly one wins and the other
 * learns who decided. Then the lead's stage and audit trail change with it, the lead event is
 * published, and the prospect is told what happens next in their own channel.
 */
export async function decideHandoff(
  deps: HandoffDecisionDeps,
  request: DecisionRequest,
): Promise<Result<DecisionOutcome, DecisionError>> {
  const current = await deps.handoffs.getHandoff(request.handoffId);
  if (!current) return { ok: false, error: { code: "not_found" } };
  if (!(await deps.reps.canDecide(request.actor))) return { ok: false, error: { code: "not_allowed" } };
  if (request.expectedVersion !== undefined && request.expectedVersion !== current.version)
    return { ok: false, error: alreadyDecided(current) };
  if (request.kind === "reassign" && !(await deps.reps.canDecide(request.to)))
    return { ok: false, error: { code: "invalid_assignee" } };

  const at = deps.clock.now();
  const applied = applyHandoffDecision(current, toCoreDecision(request, at.toISOString()));
  if (!applied.ok) {
    if (applied.error.code === "already_decided") return { ok: false, error: alreadyDecided(current) };
    return { ok: false, error: { code: applied.error.code } };
  }
  const before = await deps.leads.getLeadRecord(current.leadId);
  const stage = stageAfter[request.kind];
  const audit: AuditEntry[] = [
    {
      type: eventType[request.kind],
      actor: request.actor.id,
      data: {
        handoffId: current.id,
        version: applied.value.version,
        ...(request.kind === "reject" ? { reason: applied.value.reason } : {}),
        ...(request.kind === "reassign" ? { to: request.to.id } : {}),
      },
    },
  ];
  if (stage && before && before.stage !== stage)
    audit.push({ type: "stage.changed", actor: request.actor.id, data: { from: before.stage, to: stage } });

  const committed = await deps.handoffs.commitDecision({
    handoffId: current.id,
    leadId: current.leadId,
    expectedVersion: current.version,
    next: applied.value,
    stage,
    restartSla: request.kind === "reassign",
    audit,
  });
  if (!committed) {
    // Someone else decided between our read and our write: theirs is the outcome.
    const winner = await deps.handoffs.getHandoff(current.id);
    return { ok: false, error: alreadyDecided(winner ?? current) };
  }

  const conversation = await deps.handoffs.conversationOfLead(current.leadId);
  const owner = request.kind === "approve" ? (applied.value.assignee ?? request.actor.id) : null;
  if (owner && conversation) await deps.leads.setHumanOwner(conversation.id, owner);

  const handoff = (await deps.handoffs.getHandoff(current.id)) ?? { ...current, ...applied.value };
  const lead = (await deps.leads.getLeadRecord(current.leadId))!;
  try {
    await deps.events.publish({
      type: eventType[request.kind],
      handoffId: current.id,
      reason: request.kind === "reject" ? (applied.value.reason ?? undefined) : undefined,
      lead,
    });
  } catch (error) {
    deps.logger.error(
      { code: "EVENT_PUBLISH_FAILED", handoffId: current.id, error: (error as Error).message },
      "handoff decision recorded but its lead event was not",
    );
  }

  let prospectNotified = false;
  // After a reassignment the assignee, not the approver, talks to the prospect: no name then.
  const notice = prospectNoticeFor(request.kind, owner === request.actor.id ? request.actor.name : undefined);
  if (notice && conversation) {
    const sent = await sendToProspect(deps.outbound, {
      conversationId: conversation.id,
      role: "system",
      author: "qualbot",
      text: notice,
    });
    prospectNotified = sent.ok;
  }
  return { ok: true, value: { handoff, lead, conversation, owner, prospectNotified } };
}

/** The §3 "expected" shape a rep can correct (qualified is derived, never typed in). */
export const CorrectedQualification = z.object({
  budget: BudgetValue,
  authority: z.object({ status: AuthorityStatus }),
  seniority: Seniority,
  need: z.object({ status: NeedStatus }),
  timeline: z.object({ status: TimelineStatus }),
  disqualifiers: z.array(Disqualifier),
  /** By the default rule (DESIGN §2), which is what dataset labels mean. */
  qualified: z.boolean(),
});
export type CorrectedQualification = z.infer<typeof CorrectedQualification>;
export type CorrectionInput = Omit<CorrectedQualification, "qualified">;

/** The lead's current values in the corrected shape (what the rep starts from). */
export function correctableValues(view: QualificationView): CorrectedQualification {
  return labelsOf(view);
}

function qualifiesByDefaultRule(values: CorrectionInput, view: QualificationView): boolean {
  const corrected: QualificationView = {
    ...view,
    ...values,
    need: { status: values.need.status },
    qualified: false,
  };
  return scoreLead(defaultScorecard, corrected).qualified;
}

function changedFields(before: CorrectedQualification, after: CorrectedQualification): string[] {
  const keys = [
    "budget",
    "authority",
    "seniority",
    "need",
    "timeline",
    "disqualifiers",
    "qualified",
  ] as const;
  return keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/**
 * A rep corrects what was extracted (before deciding). The correction is stored as an audit
 * event ("qualification.corrected") with the corrected values in the eval "expected" shape, so
 * every correction can become a regression case; the lead's evidence-backed state is untouched.
 */
export async function correctQualification(
  deps: Pick<HandoffDecisionDeps, "handoffs" | "leads" | "reps" | "clock">,
  input: { handoffId: string; actor: Actor; values: CorrectionInput },
): Promise<
  Result<StoredCorrection, { code: "not_found" | "not_allowed" | "invalid_values"; detail?: string }>
> {
  const handoff = await deps.handoffs.getHandoff(input.handoffId);
  if (!handoff) return { ok: false, error: { code: "not_found" } };
  if (!(await deps.reps.canDecide(input.actor))) return { ok: false, error: { code: "not_allowed" } };
  const lead = await deps.leads.getLeadRecord(handoff.leadId);
  if (!lead) return { ok: false, error: { code: "not_found" } };
  const before = correctableValues(lead.qualification);
  const parsed = CorrectedQualification.safeParse({
    ...input.values,
    qualified: qualifiesByDefaultRule(input.values, lead.qualification),
  });
  if (!parsed.success)
    return { ok: false, error: { code: "invalid_values", detail: z.prettifyError(parsed.error) } };
  const after = parsed.data;
  const changed = changedFields(before, after);
  const at = deps.clock.now();
  await deps.handoffs.recordAudit(handoff.leadId, {
    type: "qualification.corrected",
    actor: input.actor.id,
    data: { handoffId: handoff.id, before, after, changed, at: at.toISOString() },
  });
  return { ok: true, value: { by: input.actor.id, at, handoffId: handoff.id, after, changed } };
}
