import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Every API error is `{"error": "<short, true sentence>"}` — never an exception's text. */
export function problem(
  context: Context,
  status: ContentfulStatusCode,
  error: string,
  headers: Record<string, string> = {},
): Response {
  for (const [name, value] of Object.entries(headers)) context.header(name, value);
  return context.json({ error }, status);
}

export function tooManyRequests(context: Context, retryAfterSeconds: number, what: string): Response {
  return problem(context, 429, `too many ${what}; retry in ${retryAfterSeconds} s`, {
    "Retry-After": String(retryAfterSeconds),
  });
}
