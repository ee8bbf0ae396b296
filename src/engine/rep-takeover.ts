import type { Actor, HandoffStore, RepDirectory, Result } from "./handoff-decisions.js";
import { KeyedLock } from "./keyed-lock.js";
import type { FeedMessage, JobQueue, LeadStore, Logger, StoredHandoff } from "./ports.js";
import { type OutboundDeps, sendToProspect } from "./send-to-prospect.js";

/** An approved handoff whose prospect conversation a rep currently owns. */
export interface Takeover {
  handoff: StoredHandoff;
  conversationId: string;
  owner: string;
}

export interface TakeoverStore {
  /** The active takeover of this conversation, if a rep owns it now. */
  findTakeoverByConversation(conversationId: string): Promise<Takeover | null>;
  /** The active takeover whose card is at this place, if any. */
  findTakeoverByCard(channel: string, ts: string): Promise<Takeover | null>;
}

export interface RepTakeoverDeps {
  handoffs: HandoffStore;
  takeovers: TakeoverStore;
  leads: LeadStore;
  reps: RepDirectory;
  outbound: OutboundDeps;
  logger: Logger;
}

const handBackPattern =
  /^\s*(?:<@[A-Z0-9]+>\s*|\/?qualbot\s+)?(?:hand\s*back|handback)(?:\s+to\s+(?:the\s+)?bot)?[.!]?\s*$/i;

/** "handback", "hand back to bot", "/qualbot handback", "@qualbot hand back" — typed in the card thread. */
export function isHandBackCommand(text: string): boolean {
  return handBackPattern.test(text);
}

export type RelayOutcome =
  | { kind: "relayed"; messageId: number }
  | { kind: "handed_back"; conversationId: string; handoffId: string };
export type RelayError = "not_a_takeover" | "not_owner" | "delivery_failed";

/**
 * A message a rep wrote in the handoff card's thread. The owning rep's messages go to the
 * prospect in their own channel; anyone else's stay internal (the thread is also where reps
 * discuss a lead). The owner can hand the conversation back to the bot from the thread too.
 */
export async function relayRepReply(
  deps: RepTakeoverDeps,
  input: { cardChannel: string; threadTs: string; actor: Actor; text: string },
): Promise<Result<RelayOutcome, RelayError>> {
  const takeover = await deps.takeovers.findTakeoverByCard(input.cardChannel, input.threadTs);
  if (!takeover) return { ok: false, error: "not_a_takeover" };
  if (isHandBackCommand(input.text)) {
    const handedBack = await handBackToBot(deps, { handoffId: takeover.handoff.id, actor: input.actor });
    return handedBack.ok
      ? {
          ok: true,
          value: {
            kind: "handed_back",
            conversationId: handedBack.value.conversationId,
            handoffId: takeover.handoff.id,
          },
        }
      : { ok: false, error: "not_owner" };
  }
  if (takeover.owner !== input.actor.id) return { ok: false, error: "not_owner" };
  const sent = await sendToProspect(deps.outbound, {
    conversationId: takeover.conversationId,
    role: "rep",
    author: input.actor.name ?? input.actor.id,
    text: input.text,
  });
  return sent.ok
    ? { ok: true, value: { kind: "relayed", messageId: sent.messageId } }
    : { ok: false, error: "delivery_failed" };
}

/** The rep is done: the bot answers the prospect again. The owner or any allowed rep may do it. */
export async function handBackToBot(
  deps: RepTakeoverDeps,
  input: { handoffId: string; actor: Actor },
): Promise<
  Result<{ conversationId: string; previousOwner: string }, "not_found" | "not_taken_over" | "not_allowed">
> {
  const handoff = await deps.handoffs.getHandoff(input.handoffId);
  if (!handoff) return { ok: false, error: "not_found" };
  const conversation = await deps.handoffs.conversationOfLead(handoff.leadId);
  if (!conversation?.humanOwner) return { ok: false, error: "not_taken_over" };
  const isOwner = conversation.humanOwner === input.actor.id;
  if (!isOwner && !(await deps.reps.canDecide(input.actor))) return { ok: false, error: "not_allowed" };
  await deps.leads.setHumanOwner(conversation.id, null);
  await deps.handoffs.recordAudit(handoff.leadId, {
    type: "conversation.handed_back",
    actor: input.actor.id,
    data: { handoffId: handoff.id, previousOwner: conversation.humanOwner },
  });
  return { ok: true, value: { conversationId: conversation.id, previousOwner: conversation.humanOwner } };
}

/** Shows a prospect's message to the rep who owns the conversation (Slack: in the card thread). */
export interface CardThreadPoster {
  /** Posts it marked with the message's id, so that `findProspectMessage` can tell it was posted. */
  postProspectMessage(handoff: StoredHandoff, message: FeedMessage): Promise<void>;
  /**
   * Whether a post of this message is where the rep works already: a run that posted it and died
   * (or lost the answer, or failed to record it) before it was marked. Asked before a retry posts.
   */
  findProspectMessage(handoff: StoredHandoff, message: FeedMessage): Promise<boolean>;
}

/**
 * Which prospect messages are in the rep's thread already, shared by every instance: a job may
 * run again after it posted (its instance died before the job was marked done). The quick check;
 * a post whose mark was never written is found in the thread itself (`findProspectMessage`).
 */
export interface MirroredMessages {
  has(messageId: number): Promise<boolean>;
  add(messageId: number): Promise<void>;
}

export interface ProspectMirrorDeps {
  takeovers: Pick<TakeoverStore, "findTakeoverByConversation">;
  leads: Pick<LeadStore, "listMessages">;
  poster: CardThreadPoster;
  mirrored: MirroredMessages;
  /**
   * Keeps one conversation's messages in order should this instance run two of its jobs at once
   * (the queue runs them one at a time, as one job group, unless a lease was lost).
   */
  order?: KeyedLock;
  logger: Logger;
}

/** Job: show one prospect message of a rep-owned conversation to that rep. */
export const prospectMirrorJob = "takeover.mirror";

export interface RepOwnedMessage {
  conversationId: string;
  messageId: number;
}

/**
 * Called while a prospect's turn is handled in a conversation a rep owns, on whichever instance
 * handles it; the job runs on whichever instance leases it. One job per message, however often
 * this is called; one conversation's jobs run one at a time, in order (a job group).
 */
export async function enqueueProspectMirror(jobs: JobQueue, message: RepOwnedMessage): Promise<boolean> {
  const enqueued = await jobs.enqueue(
    prospectMirrorJob,
    { conversationId: message.conversationId, messageId: message.messageId },
    { singletonKey: `message:${message.messageId}`, groupKey: `conversation:${message.conversationId}` },
  );
  if (enqueued) jobs.nudge();
  return enqueued;
}

export type MirrorOutcome = "posted" | "already_posted" | "not_taken_over" | "not_a_prospect_message";

/**
 * Posts the stored prospect message where the rep works, unless the conversation was handed back
 * meanwhile or it was posted before. A failed post throws (the queue retries). A retry (`retry`:
 * an earlier run may have posted, then died or failed before its mark) first looks for its post
 * where the rep works, so a message is shown once even then.
 */
export async function mirrorProspectMessage(
  deps: ProspectMirrorDeps,
  input: RepOwnedMessage,
  options: { retry?: boolean } = {},
): Promise<MirrorOutcome> {
  const takeover = await deps.takeovers.findTakeoverByConversation(input.conversationId);
  if (!takeover) return "not_taken_over";
  const [message] = await deps.leads.listMessages(input.conversationId, {
    afterId: input.messageId - 1,
    limit: 1,
  });
  if (message?.messageId !== input.messageId || message.role !== "prospect") return "not_a_prospect_message";
  if (await deps.mirrored.has(message.messageId)) return "already_posted";
  if (options.retry && (await postedBefore(deps, takeover.handoff, message))) {
    await deps.mirrored.add(message.messageId);
    return "already_posted";
  }
  await deps.poster.postProspectMessage(takeover.handoff, message);
  await deps.mirrored.add(message.messageId);
  return "posted";
}

/**
 * A lookup that fails (Slack down past the client's retries, a missing scope) posts anyway:
 * a message shown twice in a rare case beats one never shown.
 */
async function postedBefore(
  deps: ProspectMirrorDeps,
  handoff: StoredHandoff,
  message: FeedMessage,
): Promise<boolean> {
  try {
    return await deps.poster.findProspectMessage(handoff, message);
  } catch (error) {
    deps.logger.warn(
      { code: "MIRROR_LOOKUP_FAILED", messageId: message.messageId, error: (error as Error).message },
      "could not check whether the prospect message is in the rep's thread already; posting it",
    );
    return false;
  }
}

/** Registers the mirror job's handler on this instance's queue (the channel where reps work does). */
export function workOnProspectMirror(jobs: JobQueue, deps: ProspectMirrorDeps): void {
  const order = deps.order ?? new KeyedLock();
  jobs.work(prospectMirrorJob, async (payload, job) => {
    const message = { conversationId: String(payload.conversationId), messageId: Number(payload.messageId) };
    const outcome = await order.run(message.conversationId, () =>
      mirrorProspectMessage(deps, message, { retry: job.attempt > 1 }),
    );
    if (outcome === "already_posted")
      deps.logger.info(
        { code: "MIRROR_ALREADY_POSTED", messageId: message.messageId, attempt: job.attempt },
        "prospect message already in the rep's thread",
      );
  });
}
