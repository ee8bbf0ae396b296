import { z } from "zod";

export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const commaList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean),
  );

const url = (what: string) =>
  optionalText.refine((value) => value === undefined || URL.canParse(value), `must be a URL (${what})`);

/** DESIGN §4: every variable qualbot reads. `.env.example` documents each (a test keeps them in step). */
export const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .default("file:./data/qualbot.db")
    .refine(
      (value) => /^(file:|postgres(ql)?:\/\/)/.test(value),
      "must start with file: (SQLite) or postgresql://",
    ),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: url("an OpenAI-compatible API base, e.g. http://127.0.0.1:11434/v1"),
  QUALBOT_MODEL: z.string().trim().min(1).default("gpt-4o-mini"),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_API_URL: url("Slack Web API base, e.g. https://slack.com/api/"),
  SLACK_SALES_CHANNEL: optionalText,
  SLACK_REP_USER_IDS: commaList,
  WEBHOOK_URLS: commaList.refine(
    (urls) => urls.every((entry) => URL.canParse(entry)),
    "must be comma-separated URLs",
  ),
  WEBHOOK_SECRET: optionalText,
  SCORECARD_PATH: optionalText,
  WEB_SESSION_SECRET: optionalText.refine(
    (value) => value === undefined || value.length >= 32,
    "must be at least 32 characters",
  ),
  WEB_SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(168),
  WEB_ALLOWED_ORIGINS: commaList,
  WEB_MAX_MESSAGE_CHARS: z.coerce.number().int().min(1).max(100_000).default(4000),
  WEB_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  WEB_TRUST_PROXY: z
    .enum(["true", "false", ""])
    .optional()
    .transform((value) => value === "true"),
  HANDOFF_SLA_MINUTES: z.coerce.number().positive().default(60),
  HANDOFF_ESCALATE_TO: optionalText,
  TURN_RECOVERY_SECONDS: z.coerce.number().positive().max(86_400).default(60),
  SQLITE_SYNCHRONOUS: z.enum(["full", "normal"], { error: 'must be "full" or "normal"' }).default("full"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});
export type Env = z.infer<typeof EnvSchema>;
export type SqliteSynchronous = Env["SQLITE_SYNCHRONOUS"];

export interface Config {
  databaseUrl: string;
  http: { port: number; host: string };
  /** Present only when an API key is set: the LLM brain is on. */
  openai?: { apiKey: string; baseUrl?: string; model: string };
  slack?: {
    botToken: string;
    signingSecret?: string;
    appToken?: string;
    apiUrl?: string;
    salesChannel?: string;
    repUserIds: string[];
  };
  webhooks: { urls: string[]; secret?: string };
  scorecardPath?: string;
  web: {
    /** Signs visitor tokens; random per process when unset (tokens then die with the process). */
    sessionSecret?: string;
    sessionTtlHours: number;
    /** Site origins allowed to embed the widget (CORS); the server's own origin always is. */
    allowedOrigins: string[];
    maxMessageChars: number;
    /** Messages per minute per session (and, ×5, per client IP). */
    rateLimitPerMinute: number;
    /** Take the client address from X-Forwarded-For (only behind a trusted proxy). */
    trustProxy: boolean;
  };
  handoff: { slaMinutes: number; escalateTo?: string };
  /** A prospect message stored but still unanswered after this long is answered by the recovery job. */
  turnRecoverySeconds: number;
  /** SQLite only: "full" fsyncs every commit; "normal" survives a crash of the process but not a power cut. */
  sqliteSynchronous: SqliteSynchronous;
  logLevel: Env["LOG_LEVEL"];
}

const secretNames = new Set([
  "OPENAI_API_KEY",
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  "WEBHOOK_SECRET",
  "WEB_SESSION_SECRET",
]);

/** One line per bad variable, naming it; secret values are never echoed. */
function describe(error: z.ZodError): string {
  const lines = error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const message = secretNames.has(name) ? issue.message.replace(/"[^"]*"/g, "(hidden)") : issue.message;
    return `  ${name}: ${message}`;
  });
  return `Invalid configuration:\n${lines.join("\n")}`;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(describe(parsed.error));
  const value = parsed.data;
  const problems: string[] = [];
  if (value.SLACK_BOT_TOKEN && !value.SLACK_SIGNING_SECRET && !value.SLACK_APP_TOKEN)
    problems.push(
      "  SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)",
    );
  if (!value.SLACK_BOT_TOKEN && (value.SLACK_APP_TOKEN || value.SLACK_SIGNING_SECRET))
    problems.push("  SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set");
  if (value.WEBHOOK_URLS.length > 0 && !value.WEBHOOK_SECRET)
    problems.push("  WEBHOOK_SECRET: required when WEBHOOK_URLS is set (deliveries are signed)");
  if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.join("\n")}`);

  return {
    databaseUrl: value.DATABASE_URL,
    http: { port: value.PORT, host: value.HOST },
    openai: value.OPENAI_API_KEY
      ? { apiKey: value.OPENAI_API_KEY, baseUrl: value.OPENAI_BASE_URL, model: value.QUALBOT_MODEL }
      : undefined,
    slack: value.SLACK_BOT_TOKEN
      ? {
          botToken: value.SLACK_BOT_TOKEN,
          signingSecret: value.SLACK_SIGNING_SECRET,
          appToken: value.SLACK_APP_TOKEN,
          apiUrl: value.SLACK_API_URL,
          salesChannel: value.SLACK_SALES_CHANNEL,
          repUserIds: value.SLACK_REP_USER_IDS,
        }
      : undefined,
    webhooks: { urls: value.WEBHOOK_URLS, secret: value.WEBHOOK_SECRET },
    scorecardPath: value.SCORECARD_PATH,
    web: {
      sessionSecret: value.WEB_SESSION_SECRET,
      sessionTtlHours: value.WEB_SESSION_TTL_HOURS,
      allowedOrigins: value.WEB_ALLOWED_ORIGINS,
      maxMessageChars: value.WEB_MAX_MESSAGE_CHARS,
      rateLimitPerMinute: value.WEB_RATE_LIMIT_PER_MINUTE,
      trustProxy: value.WEB_TRUST_PROXY,
    },
    handoff: { slaMinutes: value.HANDOFF_SLA_MINUTES, escalateTo: value.HANDOFF_ESCALATE_TO },
    turnRecoverySeconds: value.TURN_RECOVERY_SECONDS,
    sqliteSynchronous: value.SQLITE_SYNCHRONOUS,
    logLevel: value.LOG_LEVEL,
  };
}
