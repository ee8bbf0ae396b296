import type {
  ConversationFeed,
  JobPayload,
  JobQueue,
  LeadStore,
  Logger,
  OutboundMessage,
  OutboundRole,
  ProspectDelivery,
} from "./ports.js";

/** Job: another attempt at getting a stored outbound message to the prospect. */
export const deliverToProspectJob = "prospect.deliver";

export interface OutboundDeps {
  store: LeadStore;
  feed: ConversationFeed;
  /** Delivery per channel ("slack", "web", …); a channel without one reads the stored message itself. */
  deliveries: ReadonlyMap<string, ProspectDelivery>;
  logger: Logger;
  /** When set, a failed delivery is retried from the durable job queue (by any instance). */
  jobs?: JobQueue;
}

/** The job handler: one more attempt (a failure throws, and the queue retries with backoff). */
export function workOnProspectDeliveries(
  jobs: JobQueue,
  deliveries: ReadonlyMap<string, ProspectDelivery>,
): void {
  jobs.work(deliverToProspectJob, async (payload) => {
    const message = payload as unknown as OutboundMessage;
    await deliveries.get(message.channel)?.deliver(message);
  });
}

/**
 * Stores a rep or system message in the prospect's conversation, then gets it to them on their
 * own channel. Stored first, so a failed delivery is visible and never lost.
 */
export async function sendToProspect(
  deps: OutboundDeps,
  input: { conversationId: string; role: OutboundRole; author?: string; text: string },
): Promise<
  | { ok: true; messageId: number }
  | { ok: false; error: "unknown_conversation" | "delivery_failed"; messageId?: number }
> {
  const conversation = await deps.store.getConversation(input.conversationId);
  if (!conversation) return { ok: false, error: "unknown_conversation" };
  const message = await deps.store.appendMessage(input);
  deps.feed.publish(message);
  const delivery = deps.deliveries.get(conversation.channel);
  if (!delivery) return { ok: true, messageId: message.messageId };
  const outbound: OutboundMessage = {
    conversationId: conversation.id,
    channel: conversation.channel,
    conversationKey: conversation.conversationKey,
    role: input.role,
    ...(input.author !== undefined ? { author: input.author } : {}),
    text: input.text,
    messageId: message.messageId,
  };
  try {
    await delivery.deliver(outbound);
    return { ok: true, messageId: message.messageId };
  } catch (error) {
    const retrying = deps.jobs
      ? await deps.jobs
          .enqueue(deliverToProspectJob, outbound as unknown as JobPayload, {
            singletonKey: `message:${message.messageId}`,
          })
          .catch(() => false)
      : false;
    deps.logger.error(
      {
        code: "DELIVERY_FAILED",
        channel: conversation.channel,
        messageId: message.messageId,
        error: (error as Error).message,
        retrying,
      },
      retrying ? "message not delivered yet; will retry" : "message not delivered",
    );
    return { ok: false, error: "delivery_failed", messageId: message.messageId };
  }
}
