import type { SlaNotifier } from "../../engine/handoff-sla.js";
import { mention } from "./handoff-card.js";
import { cardRefOf } from "./prisma-handoff-store.js";
import type { SlackApi } from "./slack-api.js";

/** Reminders go in the card's thread; an escalation reaches `escalateTo` with a link to the card. */
export function createSlackSlaNotifier(slack: Pick<SlackApi, "postMessage" | "permalink">): SlaNotifier {
  return {
    async remind(handoff, waitedMinutes) {
      const card = cardRefOf(handoff.cardRef);
      if (!card) return;
      const who =
        handoff.status === "reassigned" && handoff.assignee ? `${mention(handoff.assignee)}, this` : "This";
      await slack.postMessage({
        channel: card.channel,
        threadTs: card.ts,
        text: `⏰ ${who} lead has waited ${waitedMinutes} min for a decision. Please Approve, Reject or Reassign it.`,
      });
    },
    async escalate(handoff, to, waitedMinutes) {
      const card = cardRefOf(handoff.cardRef);
      if (!card) return;
      const link = await slack.permalink(card.channel, card.ts);
      // A user group cannot be posted to: it is mentioned in the thread instead.
      if (!to.startsWith("S"))
        await slack.postMessage({
          channel: to,
          text: `🚨 A handoff has had no decision for ${waitedMinutes} min: ${link ?? `see ${mention(card.channel)}`}`,
        });
      await slack.postMessage({
        channel: card.channel,
        threadTs: card.ts,
        text: `🚨 No decision after ${waitedMinutes} min: escalated to ${mention(to)}.`,
      });
    },
  };
}
