import { LogLevel, type Logger as SlackLogger } from "@slack/bolt";
import type { Logger } from "../../engine/ports.js";

const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

function joinParts(parts: unknown[]): string {
  return parts
    .map((part) => (part instanceof Error ? part.message : typeof part === "string" ? part : String(part)))
    .join(" ")
    .slice(0, 500);
}

/**
 * Bolt and the web client log through this into qualbot's logger. Their debug output carries
 * whole payloads (prospects' words, tokens in headers), so it is never forwarded.
 */
export function toSlackLogger(logger: Logger, name = "slack"): SlackLogger {
  let level = LogLevel.INFO;
  let source = name;
  const enabled = (at: LogLevel) => order.indexOf(at) >= order.indexOf(level);
  return {
    debug() {},
    info(...parts: unknown[]) {
      if (enabled(LogLevel.INFO)) logger.info({ source }, joinParts(parts));
    },
    warn(...parts: unknown[]) {
      if (enabled(LogLevel.WARN)) logger.warn({ source }, joinParts(parts));
    },
    error(...parts: unknown[]) {
      logger.error({ source }, joinParts(parts));
    },
    setLevel(next) {
      level = next;
    },
    getLevel: () => level,
    setName(next) {
      source = next;
    },
  };
}
