import { ConfigError, loadConfig } from "../config/env.js";
import { createLogger, type LevelName } from "../logging/logger.js";
import { createQualbot } from "../main.js";
import { chatUsage, parseChatArgs, runChat } from "./chat-command.js";
import { type CliIo, UsageError, writeLine } from "./io.js";
import { leadsUsage, runLeads } from "./leads-command.js";
import { runServe } from "./serve-command.js";

const usage = `qualbot — conversational lead qualification

Usage:
  qualbot serve                       web chat, Slack (when configured) and /healthz
  qualbot chat [--json] [--now ISO]   talk to the bot in the terminal
  qualbot eval --dataset FILE.jsonl   measure extraction and routing (see --help)
  qualbot leads list|show ID|export   see and export leads

Configuration comes from the environment (see .env.example).

${chatUsage}

${leadsUsage}`;

/** Runs one command; returns the process exit code. Never throws for expected problems. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    writeLine(command ? io.stdout : io.stderr, usage);
    return command ? 0 : 2;
  }
  try {
    if (command === "eval") {
      const { runEvalCommand } = await import("../evals/eval-command.js");
      return await runEvalCommand(rest, io);
    }
    if (!["serve", "chat", "leads"].includes(command))
      throw new UsageError(`unknown command "${command}"\n\n${usage}`);
    const chatOptions = command === "chat" ? parseChatArgs(rest) : undefined;
    const config = loadConfig(io.env);
    // Interactive and piped chat keep stderr quiet unless the user asked for logs.
    const level: LevelName = command === "serve" || io.env.LOG_LEVEL ? config.logLevel : "warn";
    const logger = createLogger(level);
    const qualbot = await createQualbot(config, { logger });
    try {
      if (command === "serve") return await runServe(qualbot, io);
      if (command === "chat") return await runChat(qualbot, chatOptions!, io);
      return await runLeads(qualbot, rest, io);
    } finally {
      await qualbot.close();
    }
  } catch (error) {
    if (error instanceof UsageError) {
      writeLine(io.stderr, error.message);
      return 2;
    }
    if (error instanceof ConfigError) {
      writeLine(io.stderr, error.message);
      return 78;
    }
    if (
      (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ||
      (error as { code?: string }).code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE"
    ) {
      writeLine(io.stderr, (error as Error).message);
      return 2;
    }
    writeLine(io.stderr, `qualbot: ${(error as Error).message}`);
    return 1;
  }
}
