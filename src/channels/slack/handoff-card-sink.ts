import type { LeadEventSink, Logger } from "../../engine/ports.js";
import { renderHandoffCard } from "./handoff-card.js";
import { type HandoffCardDeps, loadHandoffCard } from "./handoff-card-model.js";
import { cardRefOf } from "./prisma-handoff-store.js";
import type { SlackApi } from "./slack-api.js";

export interface HandoffCardPublisherDeps extends HandoffCardDeps {
  slack: SlackApi;
  salesChannel?: string;
  logger: Logger;
}

export type CardPostOutcome = "posted" | "already_posted" | "no_sales_channel" | "not_found";

/** Posts the card for a handoff once: a handoff that already has a card keeps it. */
export async function postHandoffCard(
  deps: HandoffCardPublisherDeps,
  handoffId: string,
): Promise<CardPostOutcome> {
  if (!deps.salesChannel) return "no_sales_channel";
  const model = await loadHandoffCard(deps, handoffId);
  if (!model) return "not_found";
  if (cardRefOf(model.handoff.cardRef)) return "already_posted";
  const card = renderHandoffCard(model);
  const posted = await deps.slack.postMessage({
    channel: deps.salesChannel,
    text: card.text,
    blocks: card.blocks,
  });
  await deps.handoffs.setCardRef(handoffId, posted);
  return "posted";
}

/** Re-renders a handoff's card in place after anything about it changed. */
export async function refreshHandoffCard(
  deps: HandoffCardPublisherDeps,
  handoffId: string,
): Promise<boolean> {
  const model = await loadHandoffCard(deps, handoffId);
  const ref = model && cardRefOf(model.handoff.cardRef);
  if (!model || !ref) return false;
  const card = renderHandoffCard(model);
  await deps.slack.updateMessage({ channel: ref.channel, ts: ref.ts, text: card.text, blocks: card.blocks });
  return true;
}

/**
 * The lead-event sink that turns `handoff.requested` into a card in the sales channel. Delivery
 * is at least once; a failure throws so the outbox retries, and a retry after success is a no-op.
 */
export function createHandoffCardSink(deps: HandoffCardPublisherDeps): LeadEventSink {
  let warned = false;
  return {
    async publish(event) {
      if (event.type !== "handoff.requested" || !event.handoffId) return;
      const outcome = await postHandoffCard(deps, event.handoffId);
      if (outcome === "no_sales_channel" && !warned) {
        warned = true;
        deps.logger.warn(
          { code: "SLACK_NO_SALES_CHANNEL" },
          "SLACK_SALES_CHANNEL is not set: handoff cards are not posted",
        );
      }
    },
  };
}
