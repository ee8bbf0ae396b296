import { createHmac, randomUUID } from "node:crypto";

// Slack's side of the conversation: correctly signed requests with payloads shaped like the
// ones Slack sends (Events API envelopes, block_actions, view_submission).

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SlackRequestOptions {
  secret: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Replace the computed signature (to test refusals). */
  signature?: string;
  retryNum?: number;
}

export async function postSignedJson(
  url: string,
  payload: unknown,
  options: SlackRequestOptions,
): Promise<Response> {
  return postSigned(url, JSON.stringify(payload), "application/json", options);
}

/** Interactivity payloads arrive form-encoded: `payload=<json>`. */
export async function postSignedInteraction(
  url: string,
  payload: unknown,
  options: SlackRequestOptions,
): Promise<Response> {
  return postSigned(
    url,
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    "application/x-www-form-urlencoded",
    options,
  );
}

async function postSigned(
  url: string,
  body: string,
  contentType: string,
  options: SlackRequestOptions,
): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": options.signature ?? slackSignature(options.secret, timestamp, body),
    "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
  };
  if (options.retryNum !== undefined) {
    headers["x-slack-retry-num"] = String(options.retryNum);
    headers["x-slack-retry-reason"] = "http_timeout";
  }
  return fetch(url, { method: "POST", headers, body });
}

let tsSequence = 0;
/** A fresh Slack message ts. */
export function nextTs(): string {
  return `${1_700_000_000 + ++tsSequence}.${String(tsSequence).padStart(6, "0")}`;
}

export interface Workspace {
  teamId: string;
  botUserId: string;
  appId?: string;
}

function envelope(workspace: Workspace, event: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    token: "verification-token-unused",
    team_id: workspace.teamId,
    context_team_id: workspace.teamId,
    context_enterprise_id: null,
    api_app_id: workspace.appId ?? "A_QUALBOT",
    event,
    type: "event_callback",
    event_id: `Ev${randomUUID().replaceAll("-", "").slice(0, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: workspace.teamId,
        user_id: workspace.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${randomUUID()}`,
    ...extra,
  };
}

/** `message.im`: a person writes to the bot directly. */
export function directMessageEvent(
  workspace: Workspace,
  input: { channel: string; user: string; text: string; ts?: string; threadTs?: string; userTeam?: string },
) {
  const ts = input.ts ?? nextTs();
  const userTeam = input.userTeam ?? workspace.teamId;
  return envelope(workspace, {
    user: input.user,
    type: "message",
    ts,
    client_msg_id: randomUUID(),
    text: input.text,
    team: userTeam,
    user_team: userTeam,
    source_team: userTeam,
    blocks: [
      {
        type: "rich_text",
        block_id: "b1",
        elements: [{ type: "rich_text_section", elements: [{ type: "text", text: input.text }] }],
      },
    ],
    ...(input.threadTs ? { thread_ts: input.threadTs, parent_user_id: input.user } : {}),
    channel: input.channel,
    event_ts: ts,
    channel_type: "im",
  });
}

/** `app_mention`: someone writes "@qualbot …" in a channel. */
export function appMentionEvent(
  workspace: Workspace,
  input: {
    channel: string;
    user: string;
    text: string;
    ts?: string;
    threadTs?: string;
    userTeam?: string;
    shared?: boolean;
  },
) {
  const ts = input.ts ?? nextTs();
  const userTeam = input.userTeam ?? workspace.teamId;
  return envelope(
    workspace,
    {
      type: "app_mention",
      user: input.user,
      ts,
      client_msg_id: randomUUID(),
      text: `<@${workspace.botUserId}> ${input.text}`,
      team: userTeam,
      user_team: userTeam,
      source_team: userTeam,
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
      channel: input.channel,
      event_ts: ts,
    },
    { is_ext_shared_channel: input.shared ?? false },
  );
}

/** `message.channels` / `message.groups`: a message in a channel the bot is in (Slack Connect when shared). */
export function channelMessageEvent(
  workspace: Workspace,
  input: {
    channel: string;
    user: string;
    text: string;
    userTeam: string;
    ts?: string;
    threadTs?: string;
    shared?: boolean;
    channelType?: "channel" | "group";
    subtype?: string;
    botId?: string;
  },
) {
  const ts = input.ts ?? nextTs();
  return envelope(
    workspace,
    {
      type: "message",
      ...(input.subtype ? { subtype: input.subtype } : {}),
      user: input.user,
      ts,
      client_msg_id: randomUUID(),
      text: input.text,
      team: input.userTeam,
      user_team: input.userTeam,
      source_team: input.userTeam,
      ...(input.botId ? { bot_id: input.botId } : {}),
      ...(input.threadTs ? { thread_ts: input.threadTs, parent_user_id: "U_SOMEONE" } : {}),
      channel: input.channel,
      event_ts: ts,
      channel_type: input.channelType ?? "channel",
    },
    { is_ext_shared_channel: input.shared ?? false },
  );
}

/** A click on a handoff card's button (or a pick in its user select). */
export function blockActionPayload(
  workspace: Workspace,
  input: {
    user: string;
    userTeam?: string;
    channel: string;
    messageTs: string;
    actionId: string;
    blockId: string;
    value?: string;
    selectedUser?: string;
  },
) {
  const action =
    input.selectedUser !== undefined
      ? {
          type: "users_select",
          action_id: input.actionId,
          block_id: input.blockId,
          selected_user: input.selectedUser,
          initial_user: null,
          action_ts: nextTs(),
        }
      : {
          type: "button",
          action_id: input.actionId,
          block_id: input.blockId,
          text: { type: "plain_text", text: "Button", emoji: true },
          value: input.value,
          action_ts: nextTs(),
        };
  const userTeam = input.userTeam ?? workspace.teamId;
  return {
    type: "block_actions",
    user: {
      id: input.user,
      username: input.user.toLowerCase(),
      name: input.user.toLowerCase(),
      team_id: userTeam,
    },
    api_app_id: workspace.appId ?? "A_QUALBOT",
    token: "verification-token-unused",
    container: {
      type: "message",
      message_ts: input.messageTs,
      channel_id: input.channel,
      is_ephemeral: false,
    },
    trigger_id: `${Date.now()}.${randomUUID().slice(0, 8)}`,
    team: { id: workspace.teamId, domain: "home" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: input.channel, name: "sales" },
    message: {
      type: "message",
      user: workspace.botUserId,
      ts: input.messageTs,
      bot_id: "B_BOT",
      text: "card",
    },
    state: { values: {} },
    response_url: "http://127.0.0.1:9/unused-response-url",
    actions: [action],
  };
}

/** A modal submitted: `values` is `view.state.values`. */
export function viewSubmissionPayload(
  workspace: Workspace,
  input: {
    user: string;
    userTeam?: string;
    callbackId: string;
    privateMetadata: string;
    values: Record<string, Record<string, unknown>>;
  },
) {
  const userTeam = input.userTeam ?? workspace.teamId;
  return {
    type: "view_submission",
    team: { id: workspace.teamId, domain: "home" },
    user: {
      id: input.user,
      username: input.user.toLowerCase(),
      name: input.user.toLowerCase(),
      team_id: userTeam,
    },
    api_app_id: workspace.appId ?? "A_QUALBOT",
    token: "verification-token-unused",
    trigger_id: `${Date.now()}.${randomUUID().slice(0, 8)}`,
    view: {
      id: `V${randomUUID().slice(0, 8).toUpperCase()}`,
      team_id: workspace.teamId,
      type: "modal",
      callback_id: input.callbackId,
      private_metadata: input.privateMetadata,
      state: { values: input.values },
      hash: "1700000000.abcdef",
      title: { type: "plain_text", text: "Modal" },
      app_installed_team_id: workspace.teamId,
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}
