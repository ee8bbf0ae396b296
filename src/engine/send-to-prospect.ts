import type { ConversationFeed, LeadStore, Logger, OutboundRole, ProspectDelivery } from "./ports.js";

export interface OutboundDeps {
  store: LeadStore;
  feed: ConversationFeed;
  /** Delivery per channel ("slack", "web", …); a channel without one reads the stored message itself. */
  deliveries: ReadonlyMap<string, ProspectDelivery>;
  logger: Logger;
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
  try {
    await delivery.deliver({
      conversationId: conversation.id,
      channel: conversation.channel,
      conversationKey: conversation.conversationKey,
      role: input.role,
      author: input.author,
      text: input.text,
      messageId: message.messageId,
    });
    return { ok: true, messageId: message.messageId };
  } catch (error) {
    deps.logger.error(
      {
        code: "DELIVERY_FAILED",
        channel: conversation.channel,
        messageId: message.messageId,
        error: (error as Error).message,
      },
      "message not delivered",
    );
    return { ok: false, error: "delivery_failed", messageId: message.messageId };
  }
}
