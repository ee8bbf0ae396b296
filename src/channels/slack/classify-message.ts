import { channelMessageIdOf, conversationKeyOf, type SlackPlace } from "./conversation-key.js";
import type { EventEnvelope } from "./slack-payloads.js";
import { plainTextFromSlack } from "./slack-text.js";

export interface ProspectTurn {
  conversationKey: string;
  channelMessageId: string;
  /** Where the bot answers. */
  reply: SlackPlace;
  text: string;
  user: string;
  via: "direct_message" | "mention" | "slack_connect" | "thread";
}

export type SlackMessageRoute =
  | ({ kind: "prospect" } & ProspectTurn)
  /** An internal user writing in a thread the bot is in: a prospect turn only if that thread is a known conversation. */
  | ({ kind: "thread_followup" } & ProspectTurn)
  /** A rep writing in a handoff card's thread in the sales channel. */
  | {
      kind: "card_thread";
      channel: string;
      threadTs: string;
      ts: string;
      user: string;
      userTeam?: string;
      text: string;
    }
  | { kind: "ignore"; reason: string };

export interface ClassifyContext {
  /** The workspace the app is installed in. */
  teamId: string;
  botUserId: string;
  salesChannel?: string;
}

// Plain messages and file shares carry what a person typed; every other subtype is bookkeeping
// (edits, deletions, joins, bot posts) and never a prospect turn.
const personSubtypes = new Set([undefined, "file_share", "thread_broadcast"]);

function withoutBotMention(text: string, botUserId: string): string {
  return plainTextFromSlack(text.replaceAll(`<@${botUserId}>`, ""))
    .replace(/[ \t]+/g, " ")
    .trim();
}

/**
 * Decides what a Slack message is (pure; DESIGN §7): direct messages and mentions are prospect
 * turns; in Slack Connect channels only users of another team are prospects (our own people there
 * are reps); replies in a handoff card's thread are reps talking to their prospect.
 */
export function classifySlackMessage(envelope: EventEnvelope, context: ClassifyContext): SlackMessageRoute {
  const { event } = envelope;
  if (event.bot_id || event.subtype === "bot_message") return { kind: "ignore", reason: "bot message" };
  if (!personSubtypes.has(event.subtype)) return { kind: "ignore", reason: `subtype ${event.subtype}` };
  if (!event.user) return { kind: "ignore", reason: "no user" };
  if (event.user === context.botUserId) return { kind: "ignore", reason: "own message" };
  const text = withoutBotMention(event.text ?? "", context.botUserId);
  if (!text) return { kind: "ignore", reason: "empty text" };

  const userTeam = event.user_team ?? event.team;
  const external = userTeam !== undefined && userTeam !== context.teamId;
  const isThreadReply = event.thread_ts !== undefined && event.thread_ts !== event.ts;

  if (event.channel === context.salesChannel) {
    if (external) return { kind: "ignore", reason: "external user in the sales channel" };
    if (!isThreadReply) return { kind: "ignore", reason: "sales channel chatter" };
    return {
      kind: "card_thread",
      channel: event.channel,
      threadTs: event.thread_ts!,
      ts: event.ts,
      user: event.user,
      userTeam,
      text,
    };
  }

  const turn = (via: ProspectTurn["via"], reply: SlackPlace, conversation: SlackPlace): ProspectTurn => ({
    conversationKey: conversationKeyOf(conversation),
    channelMessageId: channelMessageIdOf(event.channel, event.ts),
    reply,
    text,
    user: event.user!,
    via,
  });

  if (event.type === "message" && event.channel_type === "im") {
    // One conversation per DM channel; a reply goes where the prospect wrote (thread or not).
    return {
      kind: "prospect",
      ...turn(
        "direct_message",
        { channel: event.channel, threadTs: event.thread_ts },
        { channel: event.channel },
      ),
    };
  }
  if (event.type === "message" && event.channel_type === "mpim")
    return { kind: "ignore", reason: "group direct message" };

  const thread = { channel: event.channel, threadTs: event.thread_ts ?? event.ts };
  if (external) return { kind: "prospect", ...turn("slack_connect", thread, thread) };
  if (envelope.is_ext_shared_channel) return { kind: "ignore", reason: "internal user in a shared channel" };
  if (event.type === "app_mention") return { kind: "prospect", ...turn("mention", thread, thread) };
  if (isThreadReply) return { kind: "thread_followup", ...turn("thread", thread, thread) };
  return { kind: "ignore", reason: "internal channel message" };
}
