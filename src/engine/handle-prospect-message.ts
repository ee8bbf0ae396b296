import type { LeadRecord } from "../core/lead-record.js";
import type { Move } from "../core/policy.js";
import type { Scorecard } from "../core/scorecard.js";
import type { Extractor } from "../extraction/extractor.js";
import type { ReplyTemplates } from "../replies/templates.js";
import { decideTurn, planTurn } from "./decide-turn.js";
import { extractSafely } from "./extract-safely.js";
import { KeyedLock } from "./keyed-lock.js";
import {
  type Clock,
  ConcurrentUpdateError,
  type ConversationFeed,
  type ExtractionRunRecord,
  type InboundMessage,
  type LeadEventPublisher,
  type LeadStore,
  type Logger,
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
  /**
   * Told, before the turn commits, of each prospect message in a conversation a rep owns
   * (takeover), so that the rep sees it where they work; may be told again if the turn runs
   * again. A failure is logged; the prospect's turn stands.
   */
  onRepOwnedMessage?: (message: { conversationId: string; messageId: number }) => Promise<void>;
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

/** One turn: load → plan → understand (extract) → decide → persist (one transaction) → publish. */
async function processTurn(deps: EngineDeps, messageId: number): Promise<TurnOutcome> {
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

  // Before the turn's commit: a crash after it would otherwise lose the rep's copy, while a
  // turn run again (recovery, version retry) only enqueues the same job again, a no-op.
  await tellRepOwner(deps, context);
  const now = context.conversation.referenceNow ?? deps.clock.now();
  const plan = planTurn(context, deps.scorecard);
  const { result, run } = await extractSafely(deps, context, now, plan.moves);
  const turn = decideTurn(context, plan, result, {
    scorecard: deps.scorecard,
    templates: deps.templates,
    now,
  });
  const extraction = { ...run, droppedValues: turn.droppedValues };
  const committed = await deps.store.commitTurn({
    leadId: context.lead.id,
    expectedVersion: context.lead.version,
    conversationId: context.conversation.id,
    messageId,
    channel: context.conversation.channel,
    state: turn.state,
    stage: turn.stage,
    score: turn.score,
    decisions: turn.decisions,
    dropped: turn.dropped,
    extraction,
    dialogue: turn.dialogue,
    move: turn.move,
    reply: turn.reply,
    openHandoff: turn.openHandoff,
    events: turn.events,
    audit: turn.audit,
    contact: {
      name: turn.view.contact.name,
      email: turn.view.contact.email,
      company: turn.view.company.name,
    },
  });

  publishToFeed(deps, context, turn.reply, committed.replyMessageId);
  if (turn.events.length > 0) deps.onEventsRecorded?.();
  deps.observer?.onTurn({
    channel: context.conversation.channel,
    durationMs: performance.now() - turnStarted,
    extraction,
    move: turn.move,
    handoffOpened: committed.handoff !== null,
  });
  return {
    ...base,
    duplicate: false,
    move: turn.move,
    replies: turn.reply ? [{ role: "bot", text: turn.reply }] : [],
    lead: committed.lead,
  };
}

function publishToFeed(
  deps: EngineDeps,
  context: TurnContext,
  reply: string | null,
  replyMessageId: number | null,
) {
  if (!deps.feed) return;
  const conversationId = context.conversation.id;
  deps.feed.publish({
    conversationId,
    messageId: context.message.id,
    role: "prospect",
    text: context.message.text,
    createdAt: context.message.createdAt,
  });
  if (replyMessageId !== null && reply !== null)
    deps.feed.publish({
      conversationId,
      messageId: replyMessageId,
      role: "bot",
      author: "qualbot",
      text: reply,
      createdAt: new Date(),
    });
}

async function tellRepOwner(deps: EngineDeps, context: TurnContext): Promise<void> {
  if (context.conversation.humanOwner === null || !deps.onRepOwnedMessage) return;
  const message = { conversationId: context.conversation.id, messageId: context.message.id };
  try {
    await deps.onRepOwnedMessage(message);
  } catch (error) {
    deps.logger.error(
      { code: "REP_NOT_TOLD", messageId: message.messageId, error: (error as Error).message },
      "prospect message stored, but the rep who owns the conversation will not see it where they work",
    );
  }
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
