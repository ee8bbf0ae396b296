import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createSlackChannel, SlackSetupError, slackEventsPath } from "../../../src/channels/slack/index.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../fakes/slack-api.js";
import { createTestQualbot, type TestQualbot } from "../../helpers/database.js";

let qualbot: TestQualbot | undefined;
let fake: FakeSlackApi | undefined;

afterEach(async () => {
  await qualbot?.cleanup();
  await fake?.close();
  qualbot = undefined;
  fake = undefined;
});

describe("Slack channel setup", () => {
  it("uses Socket Mode when SLACK_APP_TOKEN is set (no HTTP listener)", async () => {
    fake = await startFakeSlackApi();
    qualbot = await createTestQualbot({
      env: { SLACK_BOT_TOKEN: "xoxb-test", SLACK_APP_TOKEN: "xapp-test", SLACK_API_URL: fake.url },
    });
    const channel = await createSlackChannel(qualbot);
    expect(channel.mode).toBe("socket");
    expect(channel.requestListener).toBeUndefined();
    expect(channel.identity).toEqual({ teamId: fake.teamId, botUserId: fake.botUserId, botId: fake.botId });
    await channel.stop();
  });

  it("fails at start with a clear message when Slack rejects the bot token, without printing it", async () => {
    fake = await startFakeSlackApi({ token: "xoxb-the-right-one" });
    qualbot = await createTestQualbot({
      env: { SLACK_BOT_TOKEN: "xoxb-secret-wrong-token", SLACK_SIGNING_SECRET: "s", SLACK_API_URL: fake.url },
    });
    const failure = await createSlackChannel(qualbot).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SlackSetupError);
    expect((failure as Error).message).toMatch(/SLACK_BOT_TOKEN.*invalid_auth/);
    expect((failure as Error).message).not.toContain("xoxb-secret-wrong-token");
  });

  it("refuses to start without Slack configuration", async () => {
    qualbot = await createTestQualbot();
    await expect(createSlackChannel(qualbot)).rejects.toBeInstanceOf(SlackSetupError);
  });
});

describe("slack/manifest.json", () => {
  const manifest = JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, "../../../slack/manifest.json"), "utf8"),
  );

  it("subscribes to the events the channel handles and points both URLs at the events endpoint", () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([
      "app_mention",
      "message.channels",
      "message.groups",
      "message.im",
    ]);
    expect(new URL(manifest.settings.event_subscriptions.request_url).pathname).toBe(slackEventsPath);
    expect(new URL(manifest.settings.interactivity.request_url).pathname).toBe(slackEventsPath);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it("asks for the scopes the Web API calls need", () => {
    const scopes: string[] = manifest.oauth_config.scopes.bot;
    for (const scope of [
      "chat:write",
      "im:history",
      "app_mentions:read",
      "channels:history",
      "groups:history",
      "channels:read",
      "users:read",
    ])
      expect(scopes).toContain(scope);
  });
});
