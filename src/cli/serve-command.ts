import { createSlackChannel, type SlackChannel } from "../channels/slack/index.js";
import { createWebApp } from "../channels/web/index.js";
import { startRecoveryScanner } from "../engine/message-recovery.js";
import { createHttpApp, type HttpParts, type RunningServer, startHttpServer } from "../http/server.js";
import type { Qualbot } from "../main.js";
import { type CliIo, writeLine } from "./io.js";

export interface Service {
  server: RunningServer;
  slack: SlackChannel | null;
  stop(): Promise<void>;
}

/**
 * Everything `qualbot serve` runs on one port: web chat, Slack (when configured), /healthz,
 * and the lead-event dispatcher. Slack registers its card sink before events flow.
 */
export async function startService(qualbot: Qualbot): Promise<Service> {
  const slack = qualbot.config.slack ? await createSlackChannel(qualbot) : null;
  const parts: HttpParts = { web: createWebApp(qualbot), slack: slack?.requestListener };
  const server = await startHttpServer(createHttpApp(qualbot, parts), parts, qualbot.config.http);
  await slack?.start();
  qualbot.dispatcher.start();
  qualbot.jobs.start();
  const recovery = startRecoveryScanner(qualbot.recovery, {
    // Often enough that an abandoned turn waits little more than TURN_RECOVERY_SECONDS.
    intervalMs: Math.min(30_000, Math.max(250, qualbot.recovery.staleAfterMs / 4)),
  });
  void recovery.scan();
  const pruneJobs = setInterval(() => {
    const weekAgo = new Date(qualbot.engine.clock.now().getTime() - 7 * 24 * 60 * 60_000);
    void qualbot.jobs
      .prune(weekAgo)
      .catch((error) =>
        qualbot.logger.warn(
          { code: "PRUNE_FAILED", error: (error as Error).message },
          "could not prune finished jobs",
        ),
      );
  }, 60 * 60_000);
  pruneJobs.unref();
  return {
    server,
    slack,
    async stop() {
      await server.close();
      clearInterval(pruneJobs);
      await recovery.stop();
      await slack?.stop();
      await qualbot.jobs.stop();
      await qualbot.dispatcher.stop();
    },
  };
}

export async function runServe(qualbot: Qualbot, io: CliIo): Promise<number> {
  const service = await startService(qualbot);
  const { url } = service.server;
  const brain = qualbot.config.openai ? `LLM ${qualbot.config.openai.model}` : "offline extractor";
  const slack = service.slack
    ? `Slack (${service.slack.mode === "socket" ? "Socket Mode" : `${url}/slack/events`})`
    : "Slack off";
  writeLine(
    io.stderr,
    `qualbot is serving on ${url}  ·  web chat demo: ${url}/  ·  widget: ${url}/widget.js`,
  );
  writeLine(io.stderr, `  ${brain} · ${slack} · health: ${url}/healthz · Ctrl+C to stop`);
  qualbot.logger.info(
    { url, extractor: qualbot.engine.extractor.name, slack: service.slack?.mode ?? "off" },
    "serving",
  );
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  writeLine(io.stderr, "qualbot is shutting down");
  await service.stop();
  return 0;
}
