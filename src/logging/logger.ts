import { pino } from "pino";
import type { Logger } from "../engine/ports.js";
import { redactPii, redactPiiText } from "./redact.js";

// Secrets and prospect contact details never reach the logs.
const redactPaths = [
  "apiKey",
  "token",
  "authorization",
  "*.apiKey",
  "*.token",
  "*.authorization",
  "*.botToken",
  "*.signingSecret",
  "*.appToken",
  "*.secret",
  "email",
  "*.email",
  "text",
  "*.text",
];

export type LevelName = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

/** JSON logs on stderr (stdout belongs to the CLI's output). */
export function createLogger(
  level: LevelName,
  destination: NodeJS.WritableStream = process.stderr,
): Logger & { level: string } {
  return pino(
    {
      level,
      base: { service: "qualbot" },
      redact: { paths: redactPaths, censor: "[redacted]" },
      formatters: { log: (object) => redactPii(object) },
      hooks: {
        logMethod(args, method) {
          // The message string too: `logger.warn({…}, "could not reach dana@acme.test")`.
          const scrubbed = args.map((argument) =>
            typeof argument === "string" ? redactPiiText(argument) : argument,
          );
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination as pino.DestinationStream,
  );
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };
