import type { FeedMessage } from "../../engine/ports.js";

/** A stored message as the visitor sees it (history, push). Author ids stay internal. */
export interface MessageView {
  id: number;
  role: FeedMessage["role"];
  text: string;
  createdAt: string;
}

export function toMessageView(message: FeedMessage): MessageView {
  return {
    id: message.messageId,
    role: message.role,
    text: message.text,
    createdAt: message.createdAt.toISOString(),
  };
}
