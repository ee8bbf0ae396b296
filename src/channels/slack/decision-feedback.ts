import type {
  DecisionError,
  DecisionOutcome,
  DecisionRequest,
  Result,
} from "../../engine/handoff-decisions.js";
import { mention, slackDate } from "./handoff-card.js";
import { refreshHandoffCard } from "./handoff-card-sink.js";
import { cardRefOf } from "./prisma-handoff-store.js";
import { cardDepsOf, type SlackChannelDeps } from "./slack-deps.js";

const words = (value: string) => value.replaceAll("_", " ");

/** What a rep is told (only they see it) when their click did not decide anything. */
export function explainDecisionError(error: DecisionError | { code: "not_taken_over" | "not_open" }): string {
  switch (error.code) {
    case "not_found":
      return "This handoff no longer exists.";
    case "not_allowed":
      return "Only sales reps may decide handoffs. Ask an admin to add you to the reps (SLACK_REP_USER_IDS or the sales channel).";
    case "already_decided":
      if (error.status === "reassigned")
        return `This handoff was reassigned to ${mention(error.assignee ?? "")} by ${mention(error.decidedBy ?? "")} ${slackDate(error.decidedAt)}; the card shows its current state.`;
      return `Too late: this handoff was already ${words(error.status)} by ${mention(error.decidedBy ?? "")} ${slackDate(error.decidedAt)}.`;
    case "reason_required":
      return "Please give a reason to reject.";
    case "invalid_assignee":
      return "That person is not one of the sales reps who can take handoffs.";
    case "not_open":
      return "This handoff has already been decided.";
    case "not_taken_over":
      return "Nobody is talking to this prospect: the bot already has the conversation.";
  }
}

export interface FeedbackPlace {
  /** Where the card is, for the ephemeral message and the thread notes. */
  channel: string;
  cardTs?: string;
  user: string;
}

export async function tellRep(deps: SlackChannelDeps, place: FeedbackPlace, text: string): Promise<void> {
  await deps.slack.postEphemeral({ channel: place.channel, user: place.user, text });
}

/**
 * After a decision: the loser of a race (or an outsider) is told privately; otherwise the card is
 * re-rendered, the rep who now owns the prospect is told so in the thread, and a new assignee is
 * pinged.
 */
export async function reportDecision(
  deps: SlackChannelDeps,
  request: Pick<DecisionRequest, "kind"> & { to?: string },
  result: Result<DecisionOutcome, DecisionError>,
  place: FeedbackPlace,
): Promise<void> {
  if (!result.ok) {
    await tellRep(deps, place, explainDecisionError(result.error));
    return;
  }
  const { handoff, conversation, owner, prospectNotified } = result.value;
  await refreshHandoffCard(cardDepsOf(deps), handoff.id);
  const card = cardRefOf(handoff.cardRef);
  if (!card) return;
  const notes: string[] = [];
  if (request.kind === "reassign" && request.to)
    notes.push(
      `${mention(request.to)}, ${mention(place.user)} reassigned this lead to you. Approve, Reject or Reassign it from the card.`,
    );
  if (request.kind === "approve" && owner)
    notes.push(
      `${mention(owner)}, you have the prospect: reply in this thread and they get it in their own chat. Type \`handback\` when you're done.`,
    );
  if ((request.kind === "approve" || request.kind === "reject") && conversation && !prospectNotified)
    notes.push("⚠️ The prospect could not be told about this decision right now.");
  for (const text of notes) await deps.slack.postMessage({ channel: card.channel, threadTs: card.ts, text });
}
