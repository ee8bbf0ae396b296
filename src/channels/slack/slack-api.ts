import { type types, webApi } from "@slack/bolt";
import type { Logger } from "../../engine/ports.js";
import { createRateLimitGate, type RateLimitGate } from "./rate-limit-gate.js";
import { toSlackLogger } from "./slack-logger.js";

export interface SlackIdentity {
  /** The workspace the app is installed in: its users are reps, everyone else is a prospect. */
  teamId: string;
  botUserId: string;
  botId?: string;
}

export interface PostedMessage {
  channel: string;
  ts: string;
}

export type Blocks = (types.KnownBlock | types.Block)[];

/** Data an app attaches to its message (Slack's message metadata), read back by the app itself. */
export interface MessageMetadata {
  eventType: string;
  payload: Record<string, string | number | boolean>;
}

/** The Slack Web API calls qualbot makes; listeners depend on this, not on the web client. */
export interface SlackApi {
  identify(): Promise<SlackIdentity>;
  postMessage(input: {
    channel: string;
    text: string;
    threadTs?: string;
    blocks?: Blocks;
    metadata?: MessageMetadata;
  }): Promise<PostedMessage>;
  /** The metadata payloads of `eventType` on the thread's messages (every page of conversations.replies). */
  threadMetadata(input: {
    channel: string;
    threadTs: string;
    eventType: string;
  }): Promise<MessageMetadata["payload"][]>;
  updateMessage(input: { channel: string; ts: string; text: string; blocks?: Blocks }): Promise<void>;
  postEphemeral(input: { channel: string; user: string; text: string; threadTs?: string }): Promise<void>;
  openView(input: { triggerId: string; view: types.View }): Promise<void>;
  channelMembers(channel: string): Promise<string[]>;
  /** Display name, or null when Slack does not say. Cached per process. */
  userName(userId: string): Promise<string | null>;
  permalink(channel: string, ts: string): Promise<string | null>;
}

export class SlackSetupError extends Error {
  readonly code = "SLACK_SETUP_FAILED";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SlackSetupError";
  }
}

export interface SlackClientSettings {
  botToken: string;
  apiUrl?: string;
  logger: Logger;
  timeoutMs?: number;
}

/**
 * The web client options qualbot uses (also handed to Bolt): a 429 is rejected at once with its
 * Retry-After so the rate-limit gate waits per key instead of pausing the client's whole queue;
 * network faults and 5xx answers are retried a few times, quickly.
 */
export function slackClientOptions(settings: Omit<SlackClientSettings, "botToken">): webApi.WebClientOptions {
  const apiUrl = settings.apiUrl
    ? settings.apiUrl.endsWith("/")
      ? settings.apiUrl
      : `${settings.apiUrl}/`
    : undefined;
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 3, factor: 2, minTimeout: 250, maxTimeout: 4000, randomize: true },
    timeout: settings.timeoutMs ?? 15_000,
    logger: toSlackLogger(settings.logger, "slack-web-api"),
  };
}

export function createWebClient(settings: SlackClientSettings): webApi.WebClient {
  return new webApi.WebClient(settings.botToken, slackClientOptions(settings));
}

const cacheLimit = 5000;

/** The web-api implementation: every call goes through the rate-limit gate with a fitting key. */
export function createSlackApi(
  client: webApi.WebClient,
  options: { logger: Logger; gate?: RateLimitGate },
): SlackApi {
  const gate = options.gate ?? createRateLimitGate({ logger: options.logger });
  const names = new Map<string, Promise<string | null>>();
  const permalinks = new Map<string, string>();
  return {
    async identify() {
      let result: webApi.AuthTestResponse;
      try {
        result = await gate.run("auth.test", () => client.auth.test());
      } catch (error) {
        const reason = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
        throw new SlackSetupError(`Slack rejected SLACK_BOT_TOKEN (auth.test: ${reason})`, { cause: error });
      }
      if (!result.team_id || !result.user_id)
        throw new SlackSetupError("auth.test did not return the workspace and bot user ids");
      return { teamId: result.team_id, botUserId: result.user_id, botId: result.bot_id };
    },

    async postMessage({ channel, text, threadTs, blocks, metadata }) {
      const result = await gate.run(`chat.postMessage:${channel}`, () =>
        client.chat.postMessage({
          channel,
          text,
          thread_ts: threadTs,
          blocks,
          unfurl_links: false,
          ...(metadata
            ? { metadata: { event_type: metadata.eventType, event_payload: metadata.payload } }
            : {}),
        }),
      );
      return { channel: result.channel ?? channel, ts: result.ts ?? "" };
    },

    async threadMetadata({ channel, threadTs, eventType }) {
      const payloads: MessageMetadata["payload"][] = [];
      let cursor: string | undefined;
      do {
        const page = await gate.run("conversations.replies", () =>
          client.conversations.replies({
            channel,
            ts: threadTs,
            include_all_metadata: true,
            limit: 200,
            cursor,
          }),
        );
        for (const { metadata } of page.messages ?? [])
          if (metadata?.event_type === eventType && metadata.event_payload)
            payloads.push(metadata.event_payload as MessageMetadata["payload"]);
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return payloads;
    },

    async updateMessage({ channel, ts, text, blocks }) {
      await gate.run(`chat.update:${channel}`, () => client.chat.update({ channel, ts, text, blocks }));
    },

    async postEphemeral({ channel, user, text, threadTs }) {
      await gate.run(`chat.postEphemeral:${channel}`, () =>
        client.chat.postEphemeral({ channel, user, text, thread_ts: threadTs }),
      );
    },

    async openView({ triggerId, view }) {
      await gate.run("views.open", () => client.views.open({ trigger_id: triggerId, view }));
    },

    async channelMembers(channel) {
      const members: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await gate.run("conversations.members", () =>
          client.conversations.members({ channel, limit: 200, cursor }),
        );
        members.push(...(page.members ?? []));
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return members;
    },

    userName(userId) {
      let name = names.get(userId);
      if (!name) {
        if (names.size >= cacheLimit) names.clear();
        name = gate
          .run("users.info", () => client.users.info({ user: userId }))
          .then((result) => {
            const profile = result.user?.profile;
            return (
              profile?.display_name ||
              profile?.real_name ||
              result.user?.real_name ||
              result.user?.name ||
              null
            );
          })
          .catch(() => {
            names.delete(userId);
            return null;
          });
        names.set(userId, name);
      }
      return name;
    },

    async permalink(channel, ts) {
      const key = `${channel}:${ts}`;
      const known = permalinks.get(key);
      if (known) return known;
      try {
        const result = await gate.run("chat.getPermalink", () =>
          client.chat.getPermalink({ channel, message_ts: ts }),
        );
        if (permalinks.size >= cacheLimit) permalinks.clear();
        if (result.permalink) permalinks.set(key, result.permalink);
        return result.permalink ?? null;
      } catch {
        return null;
      }
    },
  };
}
