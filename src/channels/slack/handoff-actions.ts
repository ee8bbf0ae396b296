import { isOpen } from "../../core/handoff.js";
import { type Actor, correctableValues, decideHandoff } from "../../engine/handoff-decisions.js";
import { handBackToBot } from "../../engine/rep-takeover.js";
import { explainDecisionError, type FeedbackPlace, reportDecision, tellRep } from "./decision-feedback.js";
import { type HandoffRef, parseHandoffBlockId } from "./handoff-card.js";
import { refreshHandoffCard } from "./handoff-card-sink.js";
import { editFieldsModal, rejectReasonModal } from "./handoff-modals.js";
import { cardRefOf } from "./prisma-handoff-store.js";
import { cardDepsOf, decisionDepsOf, type SlackChannelDeps, takeoverDepsOf } from "./slack-deps.js";
import { BlockActionBody } from "./slack-payloads.js";

/** What an action listener needs from Bolt's arguments (so it is testable without the App). */
export interface ActionArgs {
  ack: () => Promise<void>;
  body: unknown;
}

interface CardAction {
  ref: HandoffRef;
  actor: Actor;
  place: FeedbackPlace & { cardTs: string };
  triggerId?: string;
  selectedUser?: string;
}

function readCardAction(body: unknown): CardAction | null {
  const parsed = BlockActionBody.safeParse(body);
  if (!parsed.success) return null;
  const { user, actions, channel, container, message, trigger_id } = parsed.data;
  const action = actions[0]!;
  const ref = parseHandoffBlockId(action.block_id);
  const channelId = channel?.id ?? container?.channel_id;
  const cardTs = message?.ts ?? container?.message_ts;
  if (!ref || !channelId || !cardTs) return null;
  return {
    ref,
    actor: { id: user.id, teamId: user.team_id },
    place: { channel: channelId, cardTs, user: user.id },
    triggerId: trigger_id,
    selectedUser: action.selected_user,
  };
}

async function withName(deps: SlackChannelDeps, actor: Actor): Promise<Actor> {
  const name = await deps.slack.userName(actor.id);
  return name ? { ...actor, name } : actor;
}

/** Acks at once (Slack wants it within 3 s), then does the work in the background. */
function cardActionListener(
  deps: SlackChannelDeps,
  handle: (deps: SlackChannelDeps, action: CardAction) => Promise<void>,
) {
  return async ({ ack, body }: ActionArgs): Promise<void> => {
    await ack();
    const action = readCardAction(body);
    if (!action) return;
    await deps.work.run(async () => {
      try {
        await handle(deps, action);
      } catch (error) {
        deps.logger.error(
          {
            code: (error as { code?: string }).code ?? "SLACK_ACTION_FAILED",
            handoffId: action.ref.handoffId,
          },
          "handoff action failed",
        );
        await tellRep(deps, action.place, "Sorry, that did not work. Please try again.").catch(
          () => undefined,
        );
      }
    });
  };
}

async function approve(deps: SlackChannelDeps, action: CardAction) {
  const result = await decideHandoff(decisionDepsOf(deps), {
    kind: "approve",
    handoffId: action.ref.handoffId,
    expectedVersion: action.ref.version,
    actor: await withName(deps, action.actor),
  });
  await reportDecision(deps, { kind: "approve" }, result, action.place);
}

async function reassign(deps: SlackChannelDeps, action: CardAction) {
  if (!action.selectedUser) return;
  const result = await decideHandoff(decisionDepsOf(deps), {
    kind: "reassign",
    handoffId: action.ref.handoffId,
    expectedVersion: action.ref.version,
    actor: action.actor,
    to: { id: action.selectedUser },
  });
  await reportDecision(deps, { kind: "reassign", to: action.selectedUser }, result, action.place);
}

/** Before a modal opens: the rep may decide and the card is still current (else they are told why not). */
async function openForDecision(deps: SlackChannelDeps, action: CardAction) {
  const refuse = async (error: Parameters<typeof explainDecisionError>[0]) => {
    await tellRep(deps, action.place, explainDecisionError(error));
    return null;
  };
  const handoff = await deps.handoffs.getHandoff(action.ref.handoffId);
  if (!handoff) return refuse({ code: "not_found" });
  if (!(await deps.reps.canDecide(action.actor))) return refuse({ code: "not_allowed" });
  if (handoff.version !== action.ref.version || !isOpen(handoff.status))
    return refuse({
      code: "already_decided",
      status: handoff.status,
      decidedBy: handoff.decidedBy ?? null,
      decidedAt: handoff.decidedAt ?? null,
      assignee: handoff.assignee ?? null,
    });
  const lead = await deps.leads.getLeadRecord(handoff.leadId);
  if (!lead || !action.triggerId) return null;
  return { handoff, lead, triggerId: action.triggerId };
}

async function openRejectModal(deps: SlackChannelDeps, action: CardAction) {
  const ready = await openForDecision(deps, action);
  if (!ready) return;
  const name =
    ready.lead.qualification.contact.name ?? ready.lead.qualification.company.name ?? "this prospect";
  await deps.slack.openView({
    triggerId: ready.triggerId,
    view: rejectReasonModal({ ...action.ref, channel: action.place.channel, ts: action.place.cardTs }, name),
  });
}

async function openEditModal(deps: SlackChannelDeps, action: CardAction) {
  const ready = await openForDecision(deps, action);
  if (!ready) return;
  await deps.slack.openView({
    triggerId: ready.triggerId,
    view: editFieldsModal(
      { ...action.ref, channel: action.place.channel, ts: action.place.cardTs },
      correctableValues(ready.lead.qualification),
    ),
  });
}

async function handBack(deps: SlackChannelDeps, action: CardAction) {
  const result = await handBackToBot(takeoverDepsOf(deps), {
    handoffId: action.ref.handoffId,
    actor: action.actor,
  });
  if (!result.ok) {
    const code =
      result.error === "not_allowed"
        ? "not_allowed"
        : result.error === "not_found"
          ? "not_found"
          : "not_taken_over";
    await tellRep(deps, action.place, explainDecisionError({ code }));
    return;
  }
  await refreshHandoffCard(cardDepsOf(deps), action.ref.handoffId);
  const handoff = await deps.handoffs.getHandoff(action.ref.handoffId);
  const card = cardRefOf(handoff?.cardRef);
  if (card)
    await deps.slack.postMessage({
      channel: card.channel,
      threadTs: card.ts,
      text: `↩️ <@${action.actor.id}> handed the prospect back to the bot.`,
    });
}

export const approveAction = (deps: SlackChannelDeps) => cardActionListener(deps, approve);
export const rejectAction = (deps: SlackChannelDeps) => cardActionListener(deps, openRejectModal);
export const reassignAction = (deps: SlackChannelDeps) => cardActionListener(deps, reassign);
export const editAction = (deps: SlackChannelDeps) => cardActionListener(deps, openEditModal);
export const handBackAction = (deps: SlackChannelDeps) => cardActionListener(deps, handBack);
