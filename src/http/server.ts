import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { Hono } from "hono";
import type { Qualbot } from "../main.js";
import { useJsonErrors } from "./json-errors.js";

export type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

export interface HttpParts {
  /** The web chat (API, widget, demo page); mounted at "/". */
  web?: Hono;
  /** Slack's HTTP receiver; gets every request under /slack/. */
  slack?: RequestListener;
}

/** The one HTTP app: /healthz, then the web chat routes. Testable without a port via `app.request`. */
export function createHttpApp(qualbot: Qualbot, parts: HttpParts = {}): Hono {
  const app = new Hono();
  app.get("/healthz", async (context) => {
    try {
      await qualbot.db.$queryRawUnsafe("SELECT 1");
      return context.json({ status: "ok" });
    } catch {
      return context.json({ status: "unavailable", error: "database unreachable" }, 503);
    }
  });
  app.get("/metrics", async (context) => {
    context.header("content-type", qualbot.metrics.registry.contentType);
    return context.body(await qualbot.metrics.render());
  });
  if (parts.web) app.route("/", parts.web);
  useJsonErrors(app, qualbot.logger);
  return app;
}

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** One port serves web chat and Slack (DESIGN §1). */
export async function startHttpServer(
  app: Hono,
  parts: HttpParts,
  listen: { port: number; host: string },
): Promise<RunningServer> {
  const honoListener = getRequestListener(app.fetch);
  const server = createServer((request, response) => {
    if (parts.slack && request.url?.startsWith("/slack/")) parts.slack(request, response);
    else void honoListener(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
