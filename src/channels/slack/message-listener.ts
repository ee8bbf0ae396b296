import { handleProspectMessage } from "../../engine/handle-prospect-message.js";
import { relayRepReply } from "../../engine/rep-takeover.js";
import { classifySlackMessage, type ProspectTurn } from "./classify-message.js";
import { refreshHandoffCard } from "./handoff-card-sink.js";
import { cardDepsOf, type SlackChannelDeps, takeoverDepsOf } from "./slack-deps.js";
import { EventEnvelope } from "./slack-payloads.js";

export type MessageHandling =
  | { kind: "ignored"; reason: string }
  | { kind: "duplicate" }
  | { kind: "prospect_turn"; replies: number; move: string | null }
  | { kind: "rep_message"; outcome: string }
  | { kind: "failed"; code: string };

/** What the prospect reads when their turn failed: short and true, never the exception. */
export const turnFailedReply =
  "Sorry, something went wrong on our side and I couldn't process that. Please try again in a moment.";

function codeOf(error: unknown): string {
  return (error as { code?: string }).code ?? "SLACK_MESSAGE_FAILED";
}

async function runProspectTurn(
  deps: SlackChannelDeps,
  turn: ProspectTurn,
  options: HandlingOptions,
): Promise<MessageHandling> {
  return deps.locks.run(turn.conversationKey, async () => {
    let outcome: Awaited<ReturnType<typeof handleProspectMessage>>;
    try {
      outcome = await handleProspectMessage(deps.engine, {
        channel: "slack",
        conversationKey: turn.conversationKey,
        channelMessageId: turn.channelMessageId,
        text: turn.text,
        author: turn.user,
      });
    } catch (error) {
      deps.logger.error(
        { code: codeOf(error), conversationKey: turn.conversationKey },
        "Slack prospect turn failed",
      );
      await deps.slack
        .postMessage({ channel: turn.reply.channel, threadTs: turn.reply.threadTs, text: turnFailedReply })
        .catch(() => undefined);
      return { kind: "failed", code: codeOf(error) };
    }
    // A duplicate was answered the first time it arrived — unless that run died before posting:
    // a retried job posts the stored replies again (at least once, rather than never).
    if (outcome.duplicate && !options.retry) return { kind: "duplicate" };
    for (const reply of outcome.replies)
      await deps.slack.postMessage({
        channel: turn.reply.channel,
        threadTs: turn.reply.threadTs,
        text: reply.text,
      });
    return { kind: "prospect_turn", replies: outcome.replies.length, move: outcome.move?.kind ?? null };
  });
}

async function relayFromCardThread(
  deps: SlackChannelDeps,
  message: { channel: string; threadTs: string; user: string; userTeam?: string; text: string },
): Promise<MessageHandling> {
  const name = await deps.slack.userName(message.user);
  const result = await relayRepReply(takeoverDepsOf(deps), {
    cardChannel: message.channel,
    threadTs: message.threadTs,
    actor: { id: message.user, teamId: message.userTeam, name: name ?? undefined },
    text: message.text,
  });
  if (!result.ok) {
    if (result.error === "delivery_failed")
      await deps.slack.postMessage({
        channel: message.channel,
        threadTs: message.threadTs,
        text: "⚠️ Saved, but it could not be delivered to the prospect right now.",
      });
    return { kind: "rep_message", outcome: result.error };
  }
  if (result.value.kind === "handed_back") {
    await refreshHandoffCard(cardDepsOf(deps), result.value.handoffId);
    await deps.slack.postMessage({
      channel: message.channel,
      threadTs: message.threadTs,
      text: `↩️ <@${message.user}> handed the prospect back to the bot.`,
    });
  }
  return { kind: "rep_message", outcome: result.value.kind };
}

export interface HandlingOptions {
  /** A retried job: this event's keys may have been claimed by the run that died. */
  retry?: boolean;
}

/**
 * One Slack message event (DM, mention, Slack Connect message, card-thread reply), run as a job
 * after it was stored and acknowledged. Each event id is handled once, and so is each message (a
 * mention in a channel arrives twice: as `app_mention` and as `message`).
 */
export async function handleSlackMessageEvent(
  deps: SlackChannelDeps,
  body: unknown,
  options: HandlingOptions = {},
): Promise<MessageHandling> {
  const parsed = EventEnvelope.safeParse(body);
  if (!parsed.success) return { kind: "ignored", reason: "not a message event" };
  const route = classifySlackMessage(parsed.data, {
    teamId: deps.identity.teamId,
    botUserId: deps.identity.botUserId,
    salesChannel: deps.salesChannel,
  });
  if (route.kind === "ignore") return { kind: "ignored", reason: route.reason };
  if (
    route.kind === "thread_followup" &&
    !(await deps.leads.findConversation("slack", route.conversationKey))
  )
    return { kind: "ignored", reason: "thread is not a prospect conversation" };

  const messageKey = route.kind === "card_thread" ? `${route.channel}:${route.ts}` : route.channelMessageId;
  const claimed = await deps.inbound.claim(`event:${parsed.data.event_id}`, `message:${messageKey}`);
  if (!claimed && !options.retry) return { kind: "duplicate" };
  try {
    return route.kind === "card_thread"
      ? await relayFromCardThread(deps, route)
      : await runProspectTurn(deps, route, options);
  } catch (error) {
    deps.logger.error(
      { code: codeOf(error), eventId: parsed.data.event_id },
      "Slack message not fully handled",
    );
    return { kind: "failed", code: codeOf(error) };
  }
}

/** The job that handles one stored (then acknowledged) Slack message event (see `slackMessageListener`). */
export const slackEventJob = "slack.event";

/**
 * The job group of a message event: its prospect conversation, or the handoff card thread a rep
 * writes in. A conversation's events then run one at a time and in the order received, whichever
 * instances lease them, and an event waiting for its conversation's previous turn holds no job
 * slot that another conversation could use.
 */
export function slackEventGroup(
  deps: Pick<SlackChannelDeps, "identity" | "salesChannel">,
  body: unknown,
): string | undefined {
  const parsed = EventEnvelope.safeParse(body);
  if (!parsed.success) return undefined;
  const route = classifySlackMessage(parsed.data, {
    teamId: deps.identity.teamId,
    botUserId: deps.identity.botUserId,
    salesChannel: deps.salesChannel,
  });
  if (route.kind === "prospect" || route.kind === "thread_followup")
    return `conversation:${route.conversationKey}`;
  if (route.kind === "card_thread") return `card-thread:${route.channel}:${route.threadTs}`;
  return undefined;
}

/** The event could not be stored: it must not be acknowledged, so that Slack delivers it again. */
export class SlackEventNotStoredError extends Error {
  readonly code = "SLACK_EVENT_NOT_STORED";
  constructor(
    readonly eventId: string | undefined,
    options: { cause: unknown },
  ) {
    super(`Slack event ${eventId ?? "(no id)"} could not be stored`, options);
    this.name = "SlackEventNotStoredError";
  }
}

/**
 * Bolt listener for `message` and `app_mention`. Slack is acknowledged only once this returns
 * (`ackEventsAfterListeners`), so it stores the event as a job (one per event id) and returns: the
 * turn runs in whichever instance leases the job, off the acknowledgement's 3-second path, and
 * survives this instance dying. When the job cannot be stored it throws, and Slack retries.
 */
export const slackMessageListener =
  (deps: SlackChannelDeps) =>
  async ({ body }: { body: unknown }): Promise<void> => {
    const { jobs } = deps;
    if (!jobs) {
      // Nothing durable to store it in (listener tests): handled in-process, after the ack.
      void deps.work
        .run(() => handleSlackMessageEvent(deps, body))
        .catch((error: unknown) => deps.logger.error({ code: codeOf(error) }, "Slack message not handled"));
      return;
    }
    const eventId = (body as { event_id?: unknown } | null)?.event_id;
    const key = typeof eventId === "string" ? eventId : undefined;
    const groupKey = slackEventGroup(deps, body);
    await deps.work.run(async () => {
      try {
        // A retry of a stored event finds its key taken: acknowledged again, handled once.
        await jobs.enqueue(
          slackEventJob,
          { body: body as Record<string, unknown> },
          {
            ...(key === undefined ? {} : { singletonKey: key }),
            ...(groupKey === undefined ? {} : { groupKey }),
          },
        );
      } catch (error) {
        throw new SlackEventNotStoredError(key, { cause: error });
      }
      jobs.nudge();
    });
  };
