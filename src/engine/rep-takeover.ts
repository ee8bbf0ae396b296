import type { Actor, HandoffStore, RepDirectory, Result } from "./handoff-decisions.js";
import { KeyedLock } from "./keyed-lock.js";
import type { ConversationFeed, FeedMessage, LeadStore, Logger, StoredHandoff } from "./ports.js";
import { type OutboundDeps, sendToProspect } from "./send-to-prospect.js";

/** An approved handoff whose prospect conversation a rep currently owns. */
export interface Takeover {
  handoff: StoredHandoff;
  conversationId: string;
  owner: string;
}

export interface TakeoverStore {
  /** Active takeovers (approved handoff, conversation owned by a rep). */
  listTakeovers(): Promise<Takeover[]>;
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
  postProspectMessage(handoff: StoredHandoff, message: FeedMessage): Promise<void>;
}

export interface ProspectMirror {
  follow(takeover: Pick<Takeover, "handoff" | "conversationId">): void;
  unfollow(conversationId: string): void;
  /** Follows every active takeover (after a restart). */
  resume(): Promise<number>;
  following(): string[];
  stop(): void;
}

/**
 * While a rep owns a conversation, each new prospect message (whatever their channel) is
 * posted where the rep works. Fed by the in-process conversation feed, in order per
 * conversation; the stored transcript stays the source of truth.
 */
export function createProspectMirror(deps: {
  feed: ConversationFeed;
  poster: CardThreadPoster;
  takeovers: Pick<TakeoverStore, "listTakeovers">;
  logger: Logger;
}): ProspectMirror {
  const subscriptions = new Map<string, () => void>();
  const order = new KeyedLock();
  const mirror: ProspectMirror = {
    follow({ handoff, conversationId }) {
      if (subscriptions.has(conversationId)) return;
      const unsubscribe = deps.feed.subscribe(conversationId, (message) => {
        if (message.role !== "prospect") return;
        void order
          .run(conversationId, () => deps.poster.postProspectMessage(handoff, message))
          .catch((error) =>
            deps.logger.error(
              {
                code: "MIRROR_FAILED",
                handoffId: handoff.id,
                messageId: message.messageId,
                error: (error as Error).message,
              },
              "prospect message not shown to the rep",
            ),
          );
      });
      subscriptions.set(conversationId, unsubscribe);
    },
    unfollow(conversationId) {
      subscriptions.get(conversationId)?.();
      subscriptions.delete(conversationId);
    },
    async resume() {
      const active = await deps.takeovers.listTakeovers();
      for (const takeover of active) mirror.follow(takeover);
      return active.length;
    },
    following: () => [...subscriptions.keys()],
    stop() {
      for (const unsubscribe of subscriptions.values()) unsubscribe();
      subscriptions.clear();
    },
  };
  return mirror;
}
