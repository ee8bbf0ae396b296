import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parse } from "node:querystring";

/**
 * A fake Slack Web API on 127.0.0.1 for tests and benches: the real @slack/web-api client (and
 * Bolt) talk to it through `slackApiUrl`. It answers the methods qualbot uses, records every
 * call, keeps posted messages (threads, metadata) for `conversations.replies`, and can be told to
 * rate-limit (429 + Retry-After) or fail chosen calls.
 *
 *   const slack = await startFakeSlackApi({ members: { C_SALES: ["U_REP"] } });
 *   slack.rateLimit("chat.postMessage", { retryAfter: 1, when: (args) => args.channel === "D1" });
 *   // … SLACK_API_URL=slack.url …
 *   await slack.waitFor((call) => call.method === "chat.postMessage" && call.args.channel === "D1");
 */

export interface RecordedSlackCall {
  method: string;
  args: Record<string, unknown>;
  token: string | null;
  /** What the fake answered: HTTP status and body. */
  status: number;
  response: Record<string, unknown>;
  at: number;
}

export interface FakeSlackUser {
  name: string;
  teamId: string;
}

export interface FakeSlackOptions {
  teamId?: string;
  botUserId?: string;
  botId?: string;
  /** conversations.members answers. */
  members?: Record<string, string[]>;
  users?: Record<string, FakeSlackUser>;
  /** Only this bot token is accepted (others get `invalid_auth`). */
  token?: string;
}

interface Scripted {
  method: string;
  times: number;
  when?: (args: Record<string, unknown>) => boolean;
  /** The call takes effect (a post is kept) before the scripted answer is given. */
  applied?: boolean;
  answer: { status: number; headers?: Record<string, string>; body: Record<string, unknown> };
}

/** A message as the fake keeps it: what `conversations.replies` answers with. */
interface StoredMessage {
  channel: string;
  type: "message";
  ts: string;
  thread_ts?: string;
  text: unknown;
  user: string;
  bot_id: string;
  metadata?: Record<string, unknown>;
}

export interface FakeSlackApi {
  /** Base URL ending in "/", for SLACK_API_URL. */
  url: string;
  teamId: string;
  botUserId: string;
  botId: string;
  calls: RecordedSlackCall[];
  callsTo(method: string): RecordedSlackCall[];
  /** The next `times` matching calls get HTTP 429 with `Retry-After: retryAfter`. */
  rateLimit(
    method: string,
    options: { retryAfter: number; times?: number; when?: (args: Record<string, unknown>) => boolean },
  ): void;
  /**
   * The next `times` matching calls answer `{ ok: false, error }`. `applied`: the call takes effect
   * all the same (a post Slack accepted whose answer the caller never saw as a success).
   */
  fail(
    method: string,
    error: string,
    options?: { times?: number; when?: (args: Record<string, unknown>) => boolean; applied?: boolean },
  ): void;
  setMembers(channel: string, members: string[]): void;
  setUser(id: string, user: FakeSlackUser): void;
  /** Resolves with the first recorded call (past or future) that matches. */
  waitFor(predicate: (call: RecordedSlackCall) => boolean, timeoutMs?: number): Promise<RecordedSlackCall>;
  close(): Promise<void>;
}

function decode(body: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes("application/json"))
    return body ? (JSON.parse(body) as Record<string, unknown>) : {};
  const form = parse(body);
  const args: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(form)) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    // The web client JSON-encodes nested values (blocks, view) inside the form.
    if (typeof value === "string" && /^[[{]/.test(value)) {
      try {
        args[key] = JSON.parse(value);
        continue;
      } catch {
        // not JSON after all
      }
    }
    args[key] = value;
  }
  return args;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeSlackApi(options: FakeSlackOptions = {}): Promise<FakeSlackApi> {
  const teamId = options.teamId ?? "T_HOME";
  const botUserId = options.botUserId ?? "U_BOT";
  const botId = options.botId ?? "B_BOT";
  const members = new Map(Object.entries(options.members ?? {}));
  const users = new Map(Object.entries(options.users ?? {}));
  const scripted: Scripted[] = [];
  const calls: RecordedSlackCall[] = [];
  const waiters: {
    predicate: (call: RecordedSlackCall) => boolean;
    resolve: (call: RecordedSlackCall) => void;
  }[] = [];
  const messages: StoredMessage[] = [];
  let sequence = 0;
  // Increasing, unique message timestamps in Slack's "seconds.micros" form.
  const nextTs = () => `${1_800_000_000 + ++sequence}.000100`;

  /** A thread's parent and replies, oldest first, in pages of `limit` (the cursor is an offset). */
  function replies(args: Record<string, unknown>): Record<string, unknown> {
    const channel = String(args.channel);
    const ts = String(args.ts);
    if (!messages.some((message) => message.channel === channel && message.ts === ts))
      return { ok: false, error: "thread_not_found" };
    const withMetadata = args.include_all_metadata === true || args.include_all_metadata === "true";
    const thread = messages
      .filter((message) => message.channel === channel && (message.ts === ts || message.thread_ts === ts))
      .map(({ channel: _channel, metadata, ...message }) =>
        withMetadata && metadata ? { ...message, metadata } : message,
      );
    const start = Number(args.cursor ?? 0);
    const limit = Number(args.limit ?? 1000);
    const page = thread.slice(start, start + limit);
    const more = start + limit < thread.length;
    return {
      ok: true,
      messages: page,
      has_more: more,
      response_metadata: { next_cursor: more ? String(start + limit) : "" },
    };
  }

  function answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://fake.slack.test/",
          team: "Home",
          user: "qualbot",
          team_id: teamId,
          user_id: botUserId,
          bot_id: botId,
        };
      case "chat.postMessage": {
        const ts = nextTs();
        messages.push({
          channel: String(args.channel),
          type: "message",
          ts,
          ...(args.thread_ts === undefined ? {} : { thread_ts: String(args.thread_ts) }),
          text: args.text,
          user: botUserId,
          bot_id: botId,
          ...(typeof args.metadata === "object" && args.metadata !== null
            ? { metadata: args.metadata as Record<string, unknown> }
            : {}),
        });
        return {
          ok: true,
          channel: args.channel,
          ts,
          message: { type: "message", text: args.text, ts, user: botUserId, bot_id: botId },
        };
      }
      case "chat.update":
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case "chat.postEphemeral":
        return { ok: true, message_ts: nextTs() };
      case "chat.getPermalink":
        return {
          ok: true,
          channel: args.channel,
          permalink: `https://fake.slack.test/archives/${args.channel}/p${String(args.message_ts).replace(".", "")}`,
        };
      case "views.open":
        return { ok: true, view: { id: `V${++sequence}`, ...(args.view as object) } };
      case "conversations.replies":
        return replies(args);
      case "conversations.members":
        return members.has(String(args.channel))
          ? { ok: true, members: members.get(String(args.channel)), response_metadata: { next_cursor: "" } }
          : { ok: false, error: "channel_not_found" };
      case "users.info": {
        const user = users.get(String(args.user));
        return user
          ? {
              ok: true,
              user: {
                id: args.user,
                team_id: user.teamId,
                name: user.name.toLowerCase(),
                real_name: user.name,
                profile: { display_name: user.name, real_name: user.name },
              },
            }
          : { ok: false, error: "user_not_found" };
      }
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const method = (request.url ?? "/")
      .replace(/^\/api\//, "/")
      .replace(/^\//, "")
      .split("?")[0]!;
    const args = decode(await readBody(request), request.headers["content-type"]);
    const authorization = request.headers.authorization ?? "";
    const token = authorization.startsWith("Bearer ")
      ? authorization.slice(7)
      : typeof args.token === "string"
        ? args.token
        : null;
    let status = 200;
    let headers: Record<string, string> = {};
    let body: Record<string, unknown>;
    const script = scripted.find(
      (entry) => entry.method === method && entry.times > 0 && (!entry.when || entry.when(args)),
    );
    if (options.token && token !== options.token) body = { ok: false, error: "invalid_auth" };
    else if (script) {
      script.times--;
      if (script.applied) answer(method, args);
      status = script.answer.status;
      headers = script.answer.headers ?? {};
      body = script.answer.body;
    } else body = answer(method, args);
    const call: RecordedSlackCall = { method, args, token, status, response: body, at: performance.now() };
    calls.push(call);
    for (const waiter of [...waiters])
      if (waiter.predicate(call)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
    response.end(JSON.stringify(body));
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => {
      response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/api/`,
    teamId,
    botUserId,
    botId,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    rateLimit(method, { retryAfter, times = 1, when }) {
      scripted.push({
        method,
        times,
        when,
        answer: {
          status: 429,
          headers: { "retry-after": String(retryAfter) },
          body: { ok: false, error: "ratelimited" },
        },
      });
    },
    fail(method, error, { times = 1, when, applied } = {}) {
      scripted.push({ method, times, when, applied, answer: { status: 200, body: { ok: false, error } } });
    },
    setMembers: (channel, list) => void members.set(channel, list),
    setUser: (id, user) => void users.set(id, user),
    waitFor(predicate, timeoutMs = 10_000) {
      const seen = calls.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(
            waiters.findIndex((waiter) => waiter.resolve === done),
            1,
          );
          reject(
            new Error(
              `no matching Slack API call within ${timeoutMs} ms (calls so far: ${calls.map((call) => call.method).join(", ")})`,
            ),
          );
        }, timeoutMs);
        const done = (call: RecordedSlackCall) => {
          clearTimeout(timer);
          resolve(call);
        };
        waiters.push({ predicate, resolve: done });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
