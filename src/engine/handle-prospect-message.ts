import { checkEvidence } from "../core/evidence.js";
import { isOpen } from "../core/handoff.js";
import type { LeadRecord } from "../core/lead-record.js";
import { mergeSignals } from "../core/merge.js";
import { askedSlot, assumeAnswered, decideMove, type Move, rememberMove, sameMove } from "../core/policy.js";
import { viewQualification } from "../core/qualification.js";
import { type Scorecard, scoreLead } from "../core/scorecard.js";
import { nextStage } from "../core/stage.js";
import type { ExtractionResult, Extractor } from "../extraction/extractor.js";
import { type ReplyTemplates, renderReply } from "../replies/templates.js";
import { KeyedLock } from "./keyed-lock.js";
import {
  type AuditEntry,
  type Clock,
  ConcurrentUpdateError,
  type ConversationFeed,
  type ExtractionRunRecord,
  type InboundMessage,
  type LeadEventPublisher,
  type LeadStore,
  type Logger,
  type NewLeadEvent,
  type TurnContext,
} from "./ports.js";

export interface EngineDeps {
  store: LeadStore;
  extractor: Extractor;
  scorecard: Scorecard;
  templates: ReplyTemplates;
  clock: Clock;
  /** Records lead events outside a turn (e.g. a rep's decision); turns record theirs in their transaction. */
  events: LeadEventPublisher;
  /** Called after a turn recorded lead events (wakes the event dispatcher). */
  onEventsRecorded?: () => void;
  logger: Logger;
  /** Told about every processed turn (metrics). */
  observer?: TurnObserver;
  /** Told about every stored message so open web chats update without a reload. */
  feed?: ConversationFeed;
  /** Turns of history given to the extractor (bounded so LLM prompts stay flat). */
  historyWindow?: number;
  locks?: KeyedLock;
}

export interface TurnObservation {
  channel: string;
  durationMs: number;
  extraction: ExtractionRunRecord;
  move: Move;
  handoffOpened: boolean;
}

export interface TurnObserver {
  onTurn(observation: TurnObservation): void;
}

export interface TurnOutcome {
  /** The channel already delivered this message; `replies` are the ones sent the first time. */
  duplicate: boolean;
  replies: { role: "bot"; text: string }[];
  move: Move | null;
  leadId: string;
  conversationId: string;
  messageId: number;
  lead: LeadRecord;
}

export class EngineError extends Error {
  readonly code = "TURN_FAILED";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EngineError";
  }
}

const DEFAULT_HISTORY_WINDOW = 12;
const MAX_VERSION_RETRIES = 3;
const sharedLocks = new KeyedLock();

function hash(text: string): number {
  let value = 2166136261;
  for (let index = 0; index < text.length; index++)
    value = Math.imul(value ^ text.charCodeAt(index), 16777619);
  return value >>> 0;
}

async function extractSafely(
  deps: EngineDeps,
  context: TurnContext,
  now: Date,
  plannedMove: Move,
  ifAnsweredMove: Move | undefined,
): Promise<{ result: ExtractionResult; run: Omit<ExtractionRunRecord, "droppedValues"> }> {
  const started = performance.now();
  try {
    const result = await deps.extractor.extract({
      text: context.message.text,
      history: context.history,
      now,
      state: context.lead.state,
      plannedMove,
      ifAnsweredMove,
    });
    const fellBack = result.extractor !== deps.extractor.name && deps.extractor.name !== "offline";
    return {
      result,
      run: {
        extractor: result.extractor,
        model: result.usage?.model,
        promptId: result.promptId,
        promptHash: result.promptHash,
        promptTokens: result.usage?.promptTokens ?? 0,
        completionTokens: result.usage?.completionTokens ?? 0,
        costUsd: result.usage?.costUsd ?? 0,
        latencyMs: Math.round(performance.now() - started),
        outcome: fellBack ? "fallback" : "ok",
      },
    };
  } catch (error) {
    // The prospect still gets an answer: no signals this turn, the policy asks again.
    deps.logger.error(
      { code: (error as { code?: string }).code ?? "EXTRACTION_FAILED", messageId: context.message.id },
      "extraction failed",
    );
    return {
      result: { signals: [], intents: [], extractor: deps.extractor.name },
      run: {
        extractor: deps.extractor.name,
        promptTokens: 0,
        completionTokens: 0,
        costUsd: 0,
        latencyMs: Math.round(performance.now() - started),
        outcome: "error",
        error: (error as { code?: string }).code ?? "EXTRACTION_FAILED",
      },
    };
  }
}

async function processTurn(
  deps: EngineDeps,
  messageId: number,
): Promise<Omit<TurnOutcome, "duplicate"> & { duplicate: boolean }> {
  const turnStarted = performance.now();
  const context = await deps.store.loadTurn(messageId, deps.historyWindow ?? DEFAULT_HISTORY_WINDOW);
  const base = { leadId: context.lead.id, conversationId: context.conversation.id, messageId };
  if (context.message.processedAt) {
    const lead = await deps.store.getLeadRecord(context.lead.id);
    return {
      ...base,
      duplicate: true,
      move: null,
      replies: context.replies.map((text) => ({ role: "bot" as const, text })),
      lead: lead!,
    };
  }

  const { scorecard } = deps;
  const now = context.conversation.referenceNow ?? deps.clock.now();
  const memory = context.conversation.dialogue;
  const handoffStatus = context.handoff?.status ?? null;
  const humanOwned = context.conversation.humanOwner !== null;

  const viewBefore = viewQualification(context.lead.state, false);
  const scoreBefore = scoreLead(scorecard, viewBefore);
  const policyBase = { card: scorecard, memory, handoff: handoffStatus, humanOwned };
  const plannedMove = decideMove({ ...policyBase, view: viewBefore, score: scoreBefore, intents: [] });
  const plannedSlot = askedSlot(plannedMove);
  const ifAnsweredMove = plannedSlot
    ? decideMove({
        ...policyBase,
        view: assumeAnswered(viewBefore, plannedSlot),
        score: scoreBefore,
        intents: [],
      })
    : undefined;

  const { result, run } = await extractSafely(deps, context, now, plannedMove, ifAnsweredMove);
  const checked = checkEvidence(result.signals, [context.message.text]);
  const merged = mergeSignals(context.lead.state, checked.kept, {
    messageId,
    extractor: result.extractor,
    at: now.toISOString(),
  });
  const score = scoreLead(scorecard, viewQualification(merged.state, false));
  const view = viewQualification(merged.state, score.qualified);
  const move = decideMove({ ...policyBase, view, score, intents: result.intents });

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

  const draft =
    result.draftReply && sameMove(result.draftReply.forMove, move) ? result.draftReply.text : null;
  const reply =
    move.kind === "silent"
      ? null
      : (draft ??
        renderReply(deps.templates, move, {
          seed: hash(`${context.conversation.id}:${memory.questions}:${context.history.length}`),
          firstName: view.contact.name?.split(/\s+/)[0],
          learnedSomething: merged.decisions.some((decision) => decision.accepted),
          recentReplies: context.history.filter((line) => line.role === "bot").map((line) => line.text),
        }));

  const audit: AuditEntry[] = [];
  if (stage !== context.lead.stage)
    audit.push({ type: "stage.changed", actor: "qualbot", data: { from: context.lead.stage, to: stage } });
  if (score.qualified && !scoreBefore.qualified)
    audit.push({ type: "lead.qualified", actor: "qualbot", data: { total: score.total } });
  if (openHandoff) audit.push({ type: "handoff.requested", actor: "qualbot", data: openHandoff });
  if (checked.dropped.length > 0)
    audit.push({
      type: "signals.dropped",
      actor: "qualbot",
      data: { count: checked.dropped.length, reason: "evidence_not_found" },
    });

  const events: NewLeadEvent[] = [];
  if (score.qualified && !scoreBefore.qualified) events.push({ type: "lead.qualified" });
  if (openHandoff) events.push({ type: "handoff.requested", reason: openHandoff.reason });

  const committed = await deps.store.commitTurn({
    leadId: context.lead.id,
    expectedVersion: context.lead.version,
    conversationId: context.conversation.id,
    messageId,
    channel: context.conversation.channel,
    state: merged.state,
    stage,
    score,
    decisions: merged.decisions,
    dropped: checked.dropped.map((entry) => entry.signal),
    extraction: { ...run, droppedValues: checked.dropped.length + (result.dropped ?? 0) },
    dialogue: rememberMove(memory, move),
    move,
    reply,
    openHandoff,
    events,
    audit,
    contact: { name: view.contact.name, email: view.contact.email, company: view.company.name },
  });

  if (deps.feed) {
    const conversationId = context.conversation.id;
    deps.feed.publish({
      conversationId,
      messageId,
      role: "prospect",
      text: context.message.text,
      createdAt: context.message.createdAt,
    });
    if (committed.replyMessageId !== null && reply !== null)
      deps.feed.publish({
        conversationId,
        messageId: committed.replyMessageId,
        role: "bot",
        author: "qualbot",
        text: reply,
        createdAt: new Date(),
      });
  }
  const { lead } = committed;
  if (events.length > 0) deps.onEventsRecorded?.();
  deps.observer?.onTurn({
    channel: context.conversation.channel,
    durationMs: performance.now() - turnStarted,
    extraction: { ...run, droppedValues: checked.dropped.length + (result.dropped ?? 0) },
    move,
    handoffOpened: committed.handoff !== null,
  });
  return { ...base, duplicate: false, move, replies: reply ? [{ role: "bot", text: reply }] : [], lead };
}

/**
 * Steps 2–6 for a prospect message that is already stored (a turn cut short by a dead instance):
 * a message handled meanwhile comes back as a duplicate with its stored replies.
 */
export async function processStoredMessage(
  deps: EngineDeps,
  stored: { messageId: number; conversationId: string },
): Promise<TurnOutcome> {
  const locks = deps.locks ?? sharedLocks;
  return locks.run(stored.conversationId, () => processWithRetries(deps, stored.messageId));
}

async function processWithRetries(deps: EngineDeps, messageId: number): Promise<TurnOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await processTurn(deps, messageId);
    } catch (error) {
      if (error instanceof ConcurrentUpdateError && attempt < MAX_VERSION_RETRIES) continue;
      throw new EngineError(`turn for message ${messageId} failed`, { cause: error });
    }
  }
}

/**
 * DESIGN §1 steps 1–6 for one inbound prospect message: store it (idempotently), extract,
 * check evidence, merge, score, decide, reply — with every write of the turn in one transaction.
 */
export async function handleProspectMessage(deps: EngineDeps, inbound: InboundMessage): Promise<TurnOutcome> {
  const receipt = await deps.store.receive(inbound);
  const locks = deps.locks ?? sharedLocks;
  return locks.run(receipt.conversationId, async () => {
    const outcome = await processWithRetries(deps, receipt.messageId);
    return { ...outcome, duplicate: outcome.duplicate || receipt.duplicate };
  });
}
