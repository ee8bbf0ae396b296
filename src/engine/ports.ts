import type { HandoffState } from "../core/handoff.js";
import type { LeadRecord } from "../core/lead-record.js";
import type { DialogueMemory, Move } from "../core/policy.js";
import type { QualificationState, Signal } from "../core/qualification.js";
import type { Score } from "../core/scorecard.js";
import type { Stage } from "../core/stage.js";
import type { TranscriptLine } from "../extraction/extractor.js";

export type Channel = "web" | "slack" | "cli" | "eval";

export interface InboundMessage {
  channel: Channel;
  /** The channel's conversation key (web session id, Slack channel+thread, CLI run id). */
  conversationKey: string;
  /** The channel's id for this message; a redelivery with the same id is stored once. */
  channelMessageId?: string;
  text: string;
  author?: string;
  /** Fixed "now" for relative dates (evals, `chat --now`); otherwise the clock's time. */
  referenceNow?: Date;
}

export interface Receipt {
  messageId: number;
  conversationId: string;
  leadId: string;
  /** This channel message id was already stored. */
  duplicate: boolean;
}

export interface StoredHandoff extends HandoffState {
  id: string;
  leadId: string;
  cardRef: unknown;
  createdAt: Date;
}

export interface TurnContext {
  message: { id: number; text: string; processedAt: Date | null; createdAt: Date };
  conversation: {
    id: string;
    channel: string;
    externalId: string;
    referenceNow: Date | null;
    humanOwner: string | null;
    dialogue: DialogueMemory;
  };
  lead: { id: string; stage: Stage; version: number; state: QualificationState };
  handoff: StoredHandoff | null;
  /** Turns before this message, oldest first, at most the requested window. */
  history: TranscriptLine[];
  /** Replies already stored for this message (when it was handled before). */
  replies: string[];
}

export interface SignalDecision {
  signal: Signal;
  accepted: boolean;
  note: string;
}

export interface ExtractionRunRecord {
  extractor: string;
  model?: string;
  promptId?: string;
  promptHash?: string;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  latencyMs: number;
  outcome: "ok" | "fallback" | "error";
  droppedValues: number;
  error?: string;
}

export interface AuditEntry {
  type: string;
  actor: string;
  data: Record<string, unknown>;
}

export interface TurnCommit {
  leadId: string;
  expectedVersion: number;
  conversationId: string;
  messageId: number;
  channel: string;
  state: QualificationState;
  stage: Stage;
  score: Score;
  decisions: SignalDecision[];
  dropped: Signal[];
  extraction: ExtractionRunRecord;
  dialogue: DialogueMemory;
  move: Move;
  reply: string | null;
  /** Open a handoff for a rep to decide (qualified, or the prospect asked for a human). */
  openHandoff: { reason: string } | null;
  /** Lead events caused by this turn; stored in the same transaction (the opened handoff's id is filled in). */
  events: NewLeadEvent[];
  audit: AuditEntry[];
  contact: { name?: string; email?: string; company?: string };
}

export class ConcurrentUpdateError extends Error {
  readonly code = "CONCURRENT_UPDATE";
  constructor(readonly leadId: string) {
    super(`lead ${leadId} changed while this turn was processed`);
    this.name = "ConcurrentUpdateError";
  }
}

/** Persistence the engine needs; the Prisma implementation lives in src/store. */
export interface LeadStore {
  /** Durable receipt before any processing: nothing is lost, a redelivery is recognised. */
  receive(message: InboundMessage): Promise<Receipt>;
  loadTurn(messageId: number, historyWindow: number): Promise<TurnContext>;
  /** All writes of one turn in one transaction; throws ConcurrentUpdateError on a stale version. */
  commitTurn(
    turn: TurnCommit,
  ): Promise<{ replyMessageId: number | null; handoff: StoredHandoff | null; lead: LeadRecord }>;
  /**
   * Prospect messages stored before `before` that no turn has handled yet (an instance died
   * mid-turn), oldest first.
   */
  listUnprocessed(before: Date, limit: number): Promise<{ messageId: number; conversationId: string }[]>;
  /** Record a turn that could not be processed (so it is visible, and the receipt is marked handled). */
  markFailed(messageId: number, error: string): Promise<void>;
  getLeadRecord(leadId: string): Promise<LeadRecord | null>;
  /** Stores a non-prospect message (rep, system notice) in a conversation. */
  appendMessage(input: {
    conversationId: string;
    role: OutboundRole;
    author?: string;
    text: string;
  }): Promise<FeedMessage>;
  /** Messages of a conversation in order, after `afterId` (history and push catch-up). */
  listMessages(
    conversationId: string,
    options?: { afterId?: number; limit?: number },
  ): Promise<FeedMessage[]>;
  findConversation(channel: string, conversationKey: string): Promise<ConversationRef | null>;
  getConversation(conversationId: string): Promise<ConversationRef | null>;
  /** Who owns the conversation: a rep id during takeover, null when the bot does. */
  setHumanOwner(conversationId: string, owner: string | null): Promise<void>;
}

export interface ConversationRef {
  id: string;
  channel: string;
  conversationKey: string;
  leadId: string;
  humanOwner: string | null;
  createdAt: Date;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export type LeadEventType =
  | "lead.qualified"
  | "handoff.requested"
  | "handoff.approved"
  | "handoff.rejected"
  | "handoff.reassigned";

export interface LeadEvent {
  /** Stable across retries: receivers deduplicate on it (DESIGN §8). */
  id: string;
  type: LeadEventType;
  createdAt: string;
  /** The lead record as it was when the event happened. */
  lead: LeadRecord;
  handoffId?: string;
  /** Why a handoff was opened (qualified, prospect asked for a human). */
  reason?: string;
}

/** An event to record; id and time are given when it is stored. */
export interface NewLeadEvent {
  type: LeadEventType;
  handoffId?: string;
  reason?: string;
}

/**
 * A target of lead events (Slack handoff card, webhooks). Delivery is at least once, from the
 * durable outbox, retried with backoff: a sink must tolerate seeing the same event id twice.
 */
export interface LeadEventSink {
  publish(event: LeadEvent): Promise<void>;
}

/** Records lead events durably for sinks that run outside the turn (e.g. after a rep's decision). */
export interface LeadEventPublisher {
  publish(event: NewLeadEvent & { lead: LeadRecord }): Promise<void>;
}

export interface ClaimedDelivery {
  deliveryId: number;
  target: string;
  attempts: number;
  event: LeadEvent;
}

export interface EventOutbox {
  targets(): readonly string[];
  append(events: readonly (NewLeadEvent & { lead: LeadRecord })[], now: Date): Promise<string[]>;
  /** Leases due deliveries so that one instance works on each. */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedDelivery[]>;
  markDelivered(deliveryId: number, now: Date): Promise<void>;
  /** `retryAt` null: give up (dead letter). */
  markFailed(deliveryId: number, error: string, retryAt: Date | null): Promise<void>;
  counts(): Promise<Record<string, number>>;
}

export interface Logger {
  info(data: object, message?: string): void;
  warn(data: object, message?: string): void;
  error(data: object, message?: string): void;
  debug(data: object, message?: string): void;
}

export type OutboundRole = "bot" | "rep" | "system";

/** A message to the prospect that did not come from a prospect turn (rep takeover, handoff outcome). */
export interface OutboundMessage {
  conversationId: string;
  channel: string;
  /** The channel's conversation key (web session id, Slack channel+thread). */
  conversationKey: string;
  role: OutboundRole;
  author?: string;
  text: string;
  messageId: number;
}

/** Gets an outbound message to the prospect on their channel (Slack posts it; web pushes it). */
export interface ProspectDelivery {
  deliver(message: OutboundMessage): Promise<void>;
}

export interface FeedMessage {
  conversationId: string;
  messageId: number;
  role: "prospect" | OutboundRole;
  author?: string | null;
  text: string;
  createdAt: Date;
}

/** Notification that a conversation has a new stored message; the database stays the source of truth. */
export interface ConversationFeed {
  /** A message was stored by this process. */
  publish(message: FeedMessage): void;
  /** Messages this process stored, with their content (other instances' messages only wake `watch`). */
  subscribe(conversationId: string, listener: (message: FeedMessage) => void): () => void;
  /**
   * "Look again": a message was stored in this conversation by this process or, when the feed
   * is relayed between instances, by another one. Listeners read what is new from the store.
   */
  watch(conversationId: string, listener: () => void): () => void;
}

/** A job's data: plain JSON (it is stored, and may run in another instance). */
export type JobPayload = Record<string, unknown>;

export interface EnqueueOptions {
  /** At most one job per (name, singletonKey), ever: enqueuing it again is a no-op. */
  singletonKey?: string;
  /** Not before this time (timers, backoff). */
  startAfter?: Date;
  /**
   * Jobs of one name that share a group key run one at a time, in the order they were enqueued,
   * across instances: a job starts only once every earlier job of its group has finished (done,
   * or given up), so a failing job holds its successors back while it waits for a retry. A job
   * waiting for its group is not leased: it takes no slot from other groups' work.
   */
  groupKey?: string;
}

export interface JobContext {
  id: number;
  name: string;
  /** 1 on the first run; higher after a failure or after the instance running it died. */
  attempt: number;
}

/** Runs a job; it may run again (the lease expired, the instance died): it must be idempotent. */
export type JobHandler = (payload: JobPayload, job: JobContext) => Promise<void>;

/**
 * Durable background work shared by every instance through the database: a job enqueued by one
 * instance is run by whichever instance leases it first, and by another when that one dies.
 * The queue guarantees "not lost"; "handled once" comes from each handler's own idempotency.
 */
export interface JobQueue {
  /** Stores the job; false when the singletonKey was taken already. */
  enqueue(name: string, payload: JobPayload, options?: EnqueueOptions): Promise<boolean>;
  /** This instance runs jobs named `name` (register before `start`). */
  work(name: string, handler: JobHandler): void;
  start(): void;
  stop(): Promise<void>;
  /** Something was enqueued: look now rather than at the next poll. */
  nudge(): void;
  /** Runs every due job this instance works on until none is left; returns how many ran. */
  drain(): Promise<number>;
  /**
   * Forgets finished (done or dead) jobs older than `before`; their singleton keys are free again,
   * so keep them longer than a duplicate can arrive (Slack retries within minutes).
   */
  prune(before: Date): Promise<number>;
}
