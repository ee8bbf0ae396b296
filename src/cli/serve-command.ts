import { createHttpApp, startHttpServer } from "../http/server.js";
import type { Qualbot } from "../main.js";
import { type CliIo, writeLine } from "./io.js";

export async function runServe(qualbot: Qualbot, io: CliIo): Promise<number> {
  const parts = {};
  const app = createHttpApp(qualbot, parts);
  const running = await startHttpServer(app, parts, qualbot.config.http);
  const mode = qualbot.config.openai ? `LLM (${qualbot.config.openai.model})` : "offline extractor";
  writeLine(io.stderr, `qualbot listening on ${running.url} · ${mode} · health: ${running.url}/healthz`);
  qualbot.logger.info({ url: running.url, extractor: qualbot.engine.extractor.name }, "serving");
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  writeLine(io.stderr, "qualbot shutting down");
  await running.close();
  return 0;
}
