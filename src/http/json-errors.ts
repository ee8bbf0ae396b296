import type { Hono } from "hono";
import type { Logger } from "../engine/ports.js";

/** JSON for unknown routes and failures: the code is logged, the client never sees internals. */
export function useJsonErrors(app: Hono, logger: Logger): void {
  app.notFound((context) => context.json({ error: "not found" }, 404));
  app.onError((error, context) => {
    logger.error(
      { code: (error as { code?: string }).code ?? "HTTP_ERROR", path: context.req.path },
      "request failed",
    );
    return context.json({ error: "internal error" }, 500);
  });
}
