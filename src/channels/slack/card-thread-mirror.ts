import type { CardThreadPoster, MirroredMessages, ProspectMirrorDeps } from "../../engine/rep-takeover.js";
import { escapeMrkdwn } from "./handoff-card.js";
import type { InboundKeys } from "./inbound-keys.js";
import { cardRefOf } from "./prisma-handoff-store.js";
import type { SlackApi } from "./slack-api.js";
import type { SlackChannelDeps } from "./slack-deps.js";

/** The metadata event type that marks a mirrored prospect message in a card thread. */
export const prospectMessageEventType = "qualbot_prospect_message";

/**
 * Posts a prospect's message in the thread of their handoff card (nothing when no card was posted),
 * with the message's id as Slack message metadata: Slack has no idempotency key for a post, so a
 * retry reads the thread back (`conversations.replies`) to learn whether its post landed.
 */
export function createCardThreadPoster(slack: SlackApi): CardThreadPoster {
  return {
    async postProspectMessage(handoff, message) {
      const card = cardRefOf(handoff.cardRef);
      if (!card) return;
      await slack.postMessage({
        channel: card.channel,
        threadTs: card.ts,
        text: `💬 *Prospect:* ${escapeMrkdwn(message.text)}`,
        metadata: { eventType: prospectMessageEventType, payload: { message_id: message.messageId } },
      });
    },
    async findProspectMessage(handoff, message) {
      const card = cardRefOf(handoff.cardRef);
      if (!card) return false;
      const posted = await slack.threadMetadata({
        channel: card.channel,
        threadTs: card.ts,
        eventType: prospectMessageEventType,
      });
      return posted.some((payload) => payload.message_id === message.messageId);
    },
  };
}

/** Marks kept with the inbound event keys: shared through the database, pruned with them. */
export function mirroredMessagesIn(keys: InboundKeys): MirroredMessages {
  const keyOf = (messageId: number) => `mirrored:${messageId}`;
  return {
    has: (messageId) => keys.seen(keyOf(messageId)),
    async add(messageId) {
      await keys.claim(keyOf(messageId));
    },
  };
}

/** What the mirror job needs on an instance with the Slack channel. */
export function prospectMirrorDepsOf(deps: SlackChannelDeps): ProspectMirrorDeps {
  return {
    takeovers: deps.handoffs,
    leads: deps.leads,
    poster: createCardThreadPoster(deps.slack),
    mirrored: mirroredMessagesIn(deps.inbound),
    logger: deps.logger,
  };
}
