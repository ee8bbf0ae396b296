import type { HandoffStore } from "../../engine/handoff-decisions.js";
import type { ConversationRef, LeadStore } from "../../engine/ports.js";
import { placeOfConversationKey } from "./conversation-key.js";
import type { HandoffCardModel } from "./handoff-card.js";
import type { SlackApi } from "./slack-api.js";

export interface HandoffCardDeps {
  handoffs: HandoffStore;
  leads: LeadStore;
  slack: Pick<SlackApi, "permalink">;
}

const recentCount = 3;

function whereOf(conversation: ConversationRef | null): {
  where: string;
  thread?: { channel: string; ts: string };
} {
  if (!conversation) return { where: "conversation not found" };
  if (conversation.channel === "web") return { where: "Web chat" };
  if (conversation.channel === "cli") return { where: "Terminal chat" };
  if (conversation.channel !== "slack") return { where: conversation.channel };
  const place = placeOfConversationKey(conversation.conversationKey);
  if (!place.threadTs) return { where: "Slack direct message" };
  return {
    where: `Slack thread in <#${place.channel}>`,
    thread: { channel: place.channel, ts: place.threadTs },
  };
}

/** Gathers what the card shows, fresh from the store (the card is re-rendered after every change). */
export async function loadHandoffCard(
  deps: HandoffCardDeps,
  handoffId: string,
): Promise<HandoffCardModel | null> {
  const handoff = await deps.handoffs.getHandoff(handoffId);
  if (!handoff) return null;
  const [lead, conversation, correction] = await Promise.all([
    deps.leads.getLeadRecord(handoff.leadId),
    deps.handoffs.conversationOfLead(handoff.leadId),
    deps.handoffs.latestCorrection(handoff.leadId),
  ]);
  if (!lead) return null;
  const messages = conversation ? await deps.leads.listMessages(conversation.id) : [];
  const fromProspect = messages.filter((message) => message.role === "prospect");
  const { where, thread } = whereOf(conversation);
  const slackUser = conversation?.channel === "slack" ? (fromProspect[0]?.author ?? undefined) : undefined;
  return {
    handoff,
    lead,
    prospect: {
      where,
      ...(slackUser ? { slackUser } : {}),
      permalink: thread ? await deps.slack.permalink(thread.channel, thread.ts) : null,
    },
    recentMessages: fromProspect.slice(-recentCount).map((message) => message.text),
    turns: fromProspect.length,
    correction,
    owner: conversation?.humanOwner ?? null,
  };
}
