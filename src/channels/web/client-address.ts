import { IncomingMessage } from "node:http";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/**
 * The visitor's IP for per-IP rate limits. X-Forwarded-For is trusted only when the operator
 * says a proxy sets it (otherwise any client could pick its own rate-limit key).
 */
export function clientAddress(context: Context, trustForwardedFor: boolean): string {
  if (trustForwardedFor) {
    const forwarded = context.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(context).remote.address ?? "unknown";
  } catch {
    // `app.request()` in tests and non-Node runtimes have no socket.
    return "unknown";
  }
}

/** Node's own request object under @hono/node-server; undefined under `app.request()` or elsewhere. */
export function nodeRequestOf(context: Context): IncomingMessage | undefined {
  const incoming = (context.env as { incoming?: unknown } | undefined)?.incoming;
  return incoming instanceof IncomingMessage ? incoming : undefined;
}
