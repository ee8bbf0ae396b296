import { EventEmitter } from "node:events";
import type { ConversationFeed, FeedMessage } from "./ports.js";

/** A feed that can also be woken by other instances (see src/store/postgres-feed-relay.ts). */
export interface RelayableFeed extends ConversationFeed {
  /** Another instance stored a message in this conversation: wakes watchers only. */
  wakeFromElsewhere(conversationId: string): void;
  /** Wakes every watcher (e.g. after notifications from other instances may have been missed). */
  wakeAll(): void;
}

/**
 * Per-process fan-out of stored messages. The database stays the source of truth: a
 * subscriber that reconnects catches up from it by message id, so a missed event loses nothing.
 */
export function createConversationFeed(): RelayableFeed {
  const messages = new EventEmitter();
  const wakes = new EventEmitter();
  messages.setMaxListeners(0);
  wakes.setMaxListeners(0);
  return {
    publish(message: FeedMessage) {
      messages.emit(message.conversationId, message);
      wakes.emit(message.conversationId);
    },
    subscribe(conversationId, listener) {
      messages.on(conversationId, listener);
      return () => messages.off(conversationId, listener);
    },
    watch(conversationId, listener) {
      wakes.on(conversationId, listener);
      return () => wakes.off(conversationId, listener);
    },
    wakeFromElsewhere: (conversationId) => void wakes.emit(conversationId),
    wakeAll() {
      for (const conversationId of wakes.eventNames()) wakes.emit(conversationId);
    },
  };
}
