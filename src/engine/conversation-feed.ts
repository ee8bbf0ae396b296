import { EventEmitter } from "node:events";
import type { ConversationFeed, FeedMessage } from "./ports.js";

/**
 * Per-process fan-out of stored messages. The database stays the source of truth: a
 * subscriber that reconnects catches up from it by message id, so a missed event loses nothing.
 */
export function createConversationFeed(): ConversationFeed {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish(message: FeedMessage) {
      emitter.emit(message.conversationId, message);
    },
    subscribe(conversationId, listener) {
      emitter.on(conversationId, listener);
      return () => emitter.off(conversationId, listener);
    },
  };
}
