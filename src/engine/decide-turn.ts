import { checkEvidence } from "../core/evidence.js";
import { isOpen } from "../core/handoff.js";
import { mergeSignals } from "../core/merge.js";
import {
  askedSlot,
  assumeAnswered,
  type DialogueMemory,
  decideMove,
  type Move,
  type PolicyInput,
  rememberMove,
  sameMove,
} from "../core/policy.js";
import { type QualificationState, type QualificationView, viewQualification } from "../core/qualification.js";
import { type Score, type Scorecard, scoreLead } from "../core/scorecard.js";
import { nextStage, type Stage } from "../core/stage.js";
import type { ExtractionResult } from "../extraction/extractor.js";
import { type ReplyTemplates, renderReply } from "../replies/templates.js";
import type { AuditEntry, NewLeadEvent, SignalDecision, TurnContext } from "./ports.js";

// The turn's decisions, without I/O: what the bot means to ask before it reads the message
// (so an LLM can draft that reply in the same call), then what the message changes.

export interface TurnPlan {
  scoreBefore: Score;
  policy: Omit<PolicyInput, "view" | "score" | "intents">;
  moves: { planned: Move; ifAnswered: Move | undefined };
}

export function planTurn(context: TurnContext, scorecard: Scorecard): TurnPlan {
  const viewBefore = viewQualification(context.lead.state, false);
  const scoreBefore = scoreLead(scorecard, viewBefore);
  const policy = {
    card: scorecard,
    memory: context.conversation.dialogue,
    handoff: context.handoff?.status ?? null,
    humanOwned: context.conversation.humanOwner !== null,
  };
  const planned = decideMove({ ...policy, view: viewBefore, score: scoreBefore, intents: [] });
  const slot = askedSlot(planned);
  // What the bot would say next if this message answers the question: the LLM drafts both.
  const ifAnswered = slot
    ? decideMove({ ...policy, view: assumeAnswered(viewBefore, slot), score: scoreBefore, intents: [] })
    : undefined;
  return { scoreBefore, policy, moves: { planned, ifAnswered } };
}

export interface TurnDecision {
  state: QualificationState;
  view: QualificationView;
  score: Score;
  stage: Stage;
  move: Move;
  reply: string | null;
  decisions: SignalDecision[];
  /** Values whose quote is not in the prospect's message (never merged, kept for review). */
  dropped: ExtractionResult["signals"];
  droppedValues: number;
  dialogue: DialogueMemory;
  openHandoff: { reason: string } | null;
  events: NewLeadEvent[];
  audit: AuditEntry[];
}

export function decideTurn(
  context: TurnContext,
  plan: TurnPlan,
  extraction: ExtractionResult,
  deps: { scorecard: Scorecard; templates: ReplyTemplates; now: Date },
): TurnDecision {
  const checked = checkEvidence(extraction.signals, [context.message.text]);
  const merged = mergeSignals(context.lead.state, checked.kept, {
    messageId: context.message.id,
    extractor: extraction.extractor,
    at: deps.now.toISOString(),
  });
  const score = scoreLead(deps.scorecard, viewQualification(merged.state, false));
  const view = viewQualification(merged.state, score.qualified);
  const move = decideMove({ ...plan.policy, view, score, intents: extraction.intents });

  const handoffStatus = plan.policy.handoff;
  const handoffOpen = context.handoff !== null && isOpen(context.handoff.status);
  const wantsHandoff = move.kind === "offer_handoff" || move.kind === "human_requested";
  const openHandoff =
    wantsHandoff && !handoffOpen && handoffStatus !== "approved"
      ? { reason: move.kind === "offer_handoff" ? "qualified" : "prospect asked for a human" }
      : null;
  const stage = nextStage(context.lead.stage, {
    engaged: true,
    marketingQualified: score.marketingQualified,
    qualified: score.qualified,
    disqualified: view.disqualifiers.length > 0,
    handoffPending: handoffOpen || openHandoff !== null,
    handedOff: handoffStatus === "approved",
    nurture: move.kind === "wrap_up" || handoffStatus === "rejected",
  });

  const newlyQualified = score.qualified && !plan.scoreBefore.qualified;
  const audit: AuditEntry[] = [];
  if (stage !== context.lead.stage)
    audit.push({ type: "stage.changed", actor: "qualbot", data: { from: context.lead.stage, to: stage } });
  if (newlyQualified) audit.push({ type: "lead.qualified", actor: "qualbot", data: { total: score.total } });
  if (openHandoff) audit.push({ type: "handoff.requested", actor: "qualbot", data: openHandoff });
  if (checked.dropped.length > 0)
    audit.push({
      type: "signals.dropped",
      actor: "qualbot",
      data: { count: checked.dropped.length, reason: "evidence_not_found" },
    });
  const events: NewLeadEvent[] = [];
  if (newlyQualified) events.push({ type: "lead.qualified" });
  if (openHandoff) events.push({ type: "handoff.requested", reason: openHandoff.reason });

  return {
    state: merged.state,
    view,
    score,
    stage,
    move,
    reply: replyFor(context, move, extraction, {
      templates: deps.templates,
      firstName: view.contact.name?.split(/\s+/)[0],
      learnedSomething: merged.decisions.some((decision) => decision.accepted),
    }),
    decisions: merged.decisions,
    dropped: checked.dropped.map((entry) => entry.signal),
    droppedValues: checked.dropped.length + (extraction.dropped ?? 0),
    dialogue: rememberMove(context.conversation.dialogue, move),
    openHandoff,
    events,
    audit,
  };
}

/** The LLM's draft when it was written for the move the policy made; otherwise a template. */
function replyFor(
  context: TurnContext,
  move: Move,
  extraction: ExtractionResult,
  options: { templates: ReplyTemplates; firstName: string | undefined; learnedSomething: boolean },
): string | null {
  if (move.kind === "silent") return null;
  const draft = extraction.draftReply;
  if (draft && sameMove(draft.forMove, move)) return draft.text;
  return renderReply(options.templates, move, {
    seed: hash(
      `${context.conversation.id}:${context.conversation.dialogue.questions}:${context.history.length}`,
    ),
    firstName: options.firstName,
    learnedSomething: options.learnedSomething,
    recentReplies: context.history.filter((line) => line.role === "bot").map((line) => line.text),
  });
}

/** FNV-1a: a stable seed so the same conversation state picks the same template wording. */
function hash(text: string): number {
  let value = 2166136261;
  for (let index = 0; index < text.length; index++)
    value = Math.imul(value ^ text.charCodeAt(index), 16777619);
  return value >>> 0;
}
