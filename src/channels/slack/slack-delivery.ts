import type { OutboundMessage, ProspectDelivery } from "../../engine/ports.js";
import { placeOfConversationKey } from "./conversation-key.js";
import { escapeMrkdwn } from "./handoff-card.js";
import type { SlackApi } from "./slack-api.js";

/** How an outbound message reads in the prospect's Slack: a rep's words carry the rep's name. */
export function formatForProspect(message: Pick<OutboundMessage, "role" | "author" | "text">): string {
  if (message.role === "rep" && message.author) return `*${escapeMrkdwn(message.author)}:* ${message.text}`;
  return message.text;
}

/** Gets rep and system messages to Slack prospects, in the thread (or DM) of their conversation. */
export function createSlackProspectDelivery(slack: Pick<SlackApi, "postMessage">): ProspectDelivery {
  return {
    async deliver(message) {
      const place = placeOfConversationKey(message.conversationKey);
      await slack.postMessage({
        channel: place.channel,
        threadTs: place.threadTs,
        text: formatForProspect(message),
      });
    },
  };
}
