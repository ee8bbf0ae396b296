import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, EnvSchema, loadConfig } from "../../src/config/env.js";

describe("loadConfig", () => {
  it("runs on embedded defaults with an empty environment", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: "file:./data/qualbot.db",
      http: { port: 3000, host: "127.0.0.1" },
      openai: undefined,
      slack: undefined,
      logLevel: "info",
    });
  });

  it("treats empty values like unset ones (a copied .env.example works)", () => {
    expect(loadConfig({ OPENAI_API_KEY: "", SLACK_BOT_TOKEN: "", WEBHOOK_URLS: "" }).openai).toBeUndefined();
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ OPENAI_BASE_URL: "not a url" }, "OPENAI_BASE_URL"],
    [{ WEBHOOK_URLS: "https://ok.test/hook,nope" }, "WEBHOOK_URLS"],
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, "SLACK_SIGNING_SECRET"],
    [{ WEBHOOK_URLS: "https://crm.test/hook" }, "WEBHOOK_SECRET"],
  ])("fails at start naming the bad variable: %j", (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration:\\n  ${name}: `));
  });

  it("fsyncs every SQLite commit unless told otherwise, and names a bad SQLITE_SYNCHRONOUS", () => {
    expect(loadConfig({}).sqliteSynchronous).toBe("full");
    expect(loadConfig({ SQLITE_SYNCHRONOUS: "normal" }).sqliteSynchronous).toBe("normal");
    expect(() => loadConfig({ SQLITE_SYNCHRONOUS: "off" })).toThrow(
      /SQLITE_SYNCHRONOUS: must be "full" or "normal"/,
    );
  });

  it("never echoes a secret's value in an error", () => {
    const secret = "short-secret-value";
    try {
      loadConfig({ WEB_SESSION_SECRET: secret });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain("WEB_SESSION_SECRET");
      expect((error as Error).message).not.toContain(secret);
    }
  });

  it("turns on the LLM and Slack when their credentials are present", () => {
    const config = loadConfig({
      OPENAI_API_KEY: "sk-test",
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SIGNING_SECRET: "s",
      SLACK_REP_USER_IDS: "U1, U2",
    });
    expect(config.openai).toEqual({ apiKey: "sk-test", baseUrl: undefined, model: "gpt-4o-mini" });
    expect(config.slack?.repUserIds).toEqual(["U1", "U2"]);
  });
});

describe(".env.example", () => {
  const example = readFileSync(path.resolve(import.meta.dirname, "../../.env.example"), "utf8");
  const documented = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]));

  it("documents every variable of the schema, and nothing else", () => {
    expect([...documented].sort()).toEqual(Object.keys(EnvSchema.shape).sort());
  });

  it("is itself a valid configuration", () => {
    const values = Object.fromEntries(
      [...example.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((match) => [match[1], match[2]]),
    );
    expect(() => loadConfig(values)).not.toThrow();
  });
});
