import { Hono } from "hono";
import { type Clock, systemClock } from "../../engine/ports.js";
import { useJsonErrors } from "../../http/json-errors.js";
import type { Qualbot } from "../../main.js";
import { createApiRoutes } from "./api-routes.js";
import { createOriginPolicy } from "./origin-policy.js";
import { createRateLimiter } from "./rate-limiter.js";
import { createSessionSignals } from "./session-signals.js";
import { createSessionTokens } from "./session-tokens.js";
import { createStaticRoutes, defaultAssetsDirectory } from "./static-routes.js";

export interface WebAppOptions {
  /** Token expiry and rate limits (tests move time). */
  clock?: Clock;
  /** Overrides config.web.sessionSecret; when neither is set a random per-process secret is used. */
  sessionSecret?: string;
  /** Hard cap on a request body in bytes, whatever the message limit (default 100 kB). */
  maxBodyBytes?: number;
  /** Comment lines on idle event streams (default 15 s). */
  heartbeatMs?: number;
  /** An event stream is closed after this long and the browser reconnects (default 30 min). */
  maxStreamMs?: number;
  /** Concurrent event streams per session (tabs); more get 429 (default 5). */
  maxStreamsPerSession?: number;
  /** Take the client IP from X-Forwarded-For (only behind a proxy that sets it; default false). */
  trustForwardedFor?: boolean;
  /** Where widget.js and demo.html live (default: shipped with the package). */
  assetsDirectory?: string;
}

const MINUTE_MS = 60_000;
/** Per-IP limits are multiples of the per-session one: an office behind one NAT has many visitors. */
const ADDRESS_WRITE_FACTOR = 5;
const ADDRESS_READ_FACTOR = 20;

/**
 * The website chat: JSON API (DESIGN §6) with server-sent events under /api, the embeddable
 * widget at /widget.js and a demo page at /. Messages go through the same engine as every channel.
 */
export function createWebApp(qualbot: Qualbot, options: WebAppOptions = {}): Hono {
  const clock = options.clock ?? systemClock;
  const web = qualbot.config.web;
  const perMinute = web.rateLimitPerMinute;
  const limiter = (limit: number) => createRateLimiter({ limit, windowMs: MINUTE_MS, clock });
  const api = createApiRoutes({
    qualbot,
    tokens: createSessionTokens({
      secret: options.sessionSecret ?? web.sessionSecret,
      ttlHours: web.sessionTtlHours,
      clock,
    }),
    origins: createOriginPolicy(web.allowedOrigins),
    signals: createSessionSignals(),
    clock,
    limits: {
      sessionMessages: limiter(perMinute),
      addressWrites: limiter(perMinute * ADDRESS_WRITE_FACTOR),
      addressReads: limiter(perMinute * ADDRESS_READ_FACTOR),
    },
    maxBodyBytes: options.maxBodyBytes ?? 100 * 1024,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    maxStreamMs: options.maxStreamMs ?? 30 * MINUTE_MS,
    maxStreamsPerSession: options.maxStreamsPerSession ?? 5,
    trustForwardedFor: options.trustForwardedFor ?? qualbot.config.web.trustProxy,
  });

  const app = new Hono();
  app.route("/", createStaticRoutes(options.assetsDirectory ?? defaultAssetsDirectory()));
  app.route("/api", api);
  // Used when this app is served on its own; inside createHttpApp the outer app's handlers apply.
  useJsonErrors(app, qualbot.logger);
  return app;
}
