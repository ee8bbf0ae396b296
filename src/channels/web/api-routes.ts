import { Hono, type MiddlewareHandler } from "hono";
import { handleProspectMessage } from "../../engine/handle-prospect-message.js";
import type { Clock } from "../../engine/ports.js";
import type { Qualbot } from "../../main.js";
import { clientAddress, nodeRequestOf } from "./client-address.js";
import { openEventStream } from "./event-stream.js";
import { parseIdempotencyKey, parseMessageBody, readBodyText, readIncomingBodyText } from "./message-body.js";
import { type MessageView, toMessageView } from "./message-view.js";
import type { OriginPolicy } from "./origin-policy.js";
import { problem, tooManyRequests } from "./problem.js";
import type { RateLimiter } from "./rate-limiter.js";
import type { SessionSignals } from "./session-signals.js";
import type { SessionTokens, TokenProblem } from "./session-tokens.js";

export interface ApiDeps {
  qualbot: Qualbot;
  tokens: SessionTokens;
  origins: OriginPolicy;
  signals: SessionSignals;
  clock: Clock;
  limits: {
    /** Messages per session (config.web.rateLimitPerMinute). */
    sessionMessages: RateLimiter;
    /** Session creations and messages per client IP. */
    addressWrites: RateLimiter;
    /** History reads, token renewals and stream (re)connections per client IP. */
    addressReads: RateLimiter;
  };
  maxBodyBytes: number;
  heartbeatMs: number;
  maxStreamMs: number;
  maxStreamsPerSession: number;
  trustForwardedFor: boolean;
}

type ApiEnv = { Variables: { sessionId: string; tokenExpiresAt: Date } };

const HISTORY_PAGE = 500;
const HISTORY_CAP = 10_000;

const tokenErrors: Record<TokenProblem | "missing", string> = {
  missing: "missing bearer token",
  malformed: "malformed token",
  forged: "invalid token",
  expired: "token expired",
  other_session: "token is not valid for this session",
};

function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

function parseCursor(value: string | undefined): { ok: true; value: number } | { ok: false } {
  if (value === undefined || value === "") return { ok: true, value: 0 };
  if (!/^\d{1,15}$/.test(value)) return { ok: false };
  return { ok: true, value: Number(value) };
}

/** DESIGN §6 — the web chat API under /api. */
export function createApiRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const { qualbot, tokens, limits } = deps;
  const web = qualbot.config.web;
  const openStreams = new Map<string, number>();
  const api = new Hono<ApiEnv>();

  const corsAndCaching: MiddlewareHandler<ApiEnv> = async (context, next) => {
    context.header("Cache-Control", "no-store");
    context.header("X-Content-Type-Options", "nosniff");
    const origin = context.req.header("origin");
    if (origin !== undefined) {
      context.header("Vary", "Origin");
      // The request URL's host is the Host header the client used (node-server builds the URL from it).
      if (!deps.origins.allows(origin, new URL(context.req.url).host))
        return problem(context, 403, "origin not allowed");
      context.header("Access-Control-Allow-Origin", origin);
      context.header("Access-Control-Expose-Headers", "Retry-After");
    }
    if (context.req.method === "OPTIONS") {
      context.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
      context.header(
        "Access-Control-Allow-Headers",
        "Authorization, Content-Type, Idempotency-Key, Last-Event-ID",
      );
      context.header("Access-Control-Max-Age", "600");
      return context.body(null, 204);
    }
    await next();
  };

  const limitByAddress: MiddlewareHandler<ApiEnv> = async (context, next) => {
    const limiter = context.req.method === "POST" ? limits.addressWrites : limits.addressReads;
    const decision = limiter.take(clientAddress(context, deps.trustForwardedFor));
    if (!decision.ok)
      return tooManyRequests(context, decision.retryAfterSeconds, "requests from this address");
    await next();
  };

  // 404 before 401: a session id carries its own MAC, so "unknown" needs no token and leaks nothing.
  const authenticateSession: MiddlewareHandler<ApiEnv> = async (context, next) => {
    const sessionId = context.req.param("id") ?? "";
    if (!tokens.isKnownSessionId(sessionId)) return problem(context, 404, "unknown session");
    const fromQuery = context.req.path.endsWith("/events") ? context.req.query("token") : undefined;
    const token = bearerToken(context.req.header("authorization")) ?? fromQuery;
    const check = token ? tokens.verifyToken(token, sessionId) : ({ ok: false, error: "missing" } as const);
    if (!check.ok)
      return problem(context, 401, tokenErrors[check.error], {
        "WWW-Authenticate": 'Bearer realm="qualbot", error="invalid_token"',
      });
    context.set("sessionId", sessionId);
    context.set("tokenExpiresAt", check.value.expiresAt);
    await next();
  };

  api.use("*", corsAndCaching, limitByAddress);
  api.use("/sessions/:id/*", authenticateSession);

  api.post("/sessions", (context) => {
    const session = tokens.newSession();
    return context.json(
      { sessionId: session.sessionId, token: session.token, expiresAt: session.expiresAt.toISOString() },
      201,
    );
  });

  // Sliding expiry: a returning visitor's widget swaps its token for a fresh one and keeps its history.
  api.post("/sessions/:id/token", (context) => {
    const sessionId = context.get("sessionId");
    const renewed = tokens.issueToken(sessionId);
    return context.json({ sessionId, token: renewed.token, expiresAt: renewed.expiresAt.toISOString() });
  });

  api.get("/sessions/:id/messages", async (context) => {
    const after = parseCursor(context.req.query("after"));
    if (!after.ok) return problem(context, 400, "after must be a message id");
    const conversation = await qualbot.store.findConversation("web", context.get("sessionId"));
    const messages: MessageView[] = [];
    let cursor = after.value;
    while (conversation && messages.length < HISTORY_CAP) {
      const page = await qualbot.store.listMessages(conversation.id, {
        afterId: cursor,
        limit: HISTORY_PAGE,
      });
      messages.push(...page.map(toMessageView));
      if (page.length < HISTORY_PAGE) break;
      cursor = page[page.length - 1]!.messageId;
    }
    return context.json({ messages });
  });

  api.post("/sessions/:id/messages", async (context) => {
    const sessionId = context.get("sessionId");
    const allowed = limits.sessionMessages.take(sessionId);
    if (!allowed.ok) return tooManyRequests(context, allowed.retryAfterSeconds, "messages in this chat");
    const key = parseIdempotencyKey(context.req.header("idempotency-key"));
    if (!key.ok) return problem(context, key.error.status, key.error.error);
    const incoming = nodeRequestOf(context);
    const raw = incoming
      ? await readIncomingBodyText(incoming, deps.maxBodyBytes)
      : await readBodyText(context.req.raw, deps.maxBodyBytes);
    // Unread bytes of a refused upload are not worth draining: close the connection instead.
    if (!raw.ok)
      return problem(
        context,
        raw.error.status,
        raw.error.error,
        raw.error.status === 413 ? { Connection: "close" } : {},
      );
    const body = parseMessageBody(raw.value, web.maxMessageChars);
    if (!body.ok) return problem(context, body.error.status, body.error.error);

    try {
      const outcome = await handleProspectMessage(qualbot.engine, {
        channel: "web",
        conversationKey: sessionId,
        // Namespaced by session: one visitor's key can never match another visitor's message.
        channelMessageId: key.value === undefined ? undefined : `${sessionId}:${key.value}`,
        text: body.value.text,
      });
      return context.json({
        messages: outcome.replies,
        messageId: outcome.messageId,
        duplicate: outcome.duplicate,
      });
    } catch (error) {
      // The engine stores the message before processing it: a retry with the same key finishes the turn.
      const cause = (error as { cause?: { code?: string; name?: string } }).cause;
      qualbot.logger.error(
        {
          code: (error as { code?: string }).code ?? "WEB_TURN_FAILED",
          sessionId,
          cause: cause?.code ?? cause?.name,
        },
        "web message not answered",
      );
      return problem(context, 500, "the message could not be answered; please send it again");
    } finally {
      deps.signals.notify(sessionId);
    }
  });

  api.get("/sessions/:id/events", (context) => {
    const sessionId = context.get("sessionId");
    const after = parseCursor(context.req.header("last-event-id") ?? context.req.query("lastEventId"));
    if (!after.ok) return problem(context, 400, "Last-Event-ID must be a message id");
    const open = openStreams.get(sessionId) ?? 0;
    if (open >= deps.maxStreamsPerSession)
      return tooManyRequests(context, 10, "open event streams for this chat");
    openStreams.set(sessionId, open + 1);
    const untilTokenExpires = context.get("tokenExpiresAt").getTime() - deps.clock.now().getTime();
    const stream = openEventStream(
      {
        store: qualbot.store,
        feed: qualbot.feed,
        signals: deps.signals,
        logger: qualbot.logger,
        heartbeatMs: deps.heartbeatMs,
      },
      {
        sessionId,
        afterId: after.value,
        closeAfterMs: Math.max(1000, Math.min(deps.maxStreamMs, untilTokenExpires)),
        onClose() {
          const remaining = (openStreams.get(sessionId) ?? 1) - 1;
          if (remaining > 0) openStreams.set(sessionId, remaining);
          else openStreams.delete(sessionId);
        },
      },
    );
    return context.body(stream, 200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      // Tells nginx-style proxies not to buffer the stream.
      "X-Accel-Buffering": "no",
    });
  });

  api.onError((error, context) => {
    qualbot.logger.error(
      { code: (error as { code?: string }).code ?? "WEB_API_ERROR", path: context.req.path },
      "web api request failed",
    );
    return problem(context, 500, "internal error");
  });

  return api;
}
