import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Service, startService } from "../../src/cli/serve-command.js";
import { directMessageEvent, postSignedJson } from "../channels/slack/slack-requests.js";
import { type FakeSlackApi, startFakeSlackApi } from "../fakes/slack-api.js";
import { createTestQualbot, type TestQualbot } from "../helpers/database.js";

// Everything `qualbot serve` wires, together on one port, with the real offline extractor:
// a web visitor qualifies → the Slack handoff card is posted and the CRM webhook is called.

const signingSecret = "slack-signing-secret";
const webhookSecret = "whsec_service_test";
const hooks: { body: string; signature: string }[] = [];
const receiver = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk) => (body += chunk));
  request.on("end", () => {
    hooks.push({ body, signature: String(request.headers["x-qualbot-signature"]) });
    response.writeHead(204).end();
  });
});

let slack: FakeSlackApi;
let qualbot: TestQualbot;
let service: Service;
let base: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  slack = await startFakeSlackApi({ members: { C_SALES: ["U_REP1"] } });
  qualbot = await createTestQualbot({
    env: {
      PORT: "0",
      HOST: "127.0.0.1",
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.url,
      SLACK_SALES_CHANNEL: "C_SALES",
      WEBHOOK_URLS: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/crm`,
      WEBHOOK_SECRET: webhookSecret,
    },
  });
  service = await startService(qualbot);
  base = service.server.url;
});

afterAll(async () => {
  await service?.stop();
  await qualbot?.cleanup();
  await slack?.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

async function waitUntil<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("qualbot serve", () => {
  it("serves health, the demo page and the widget", async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: "ok" });
    const demo = await fetch(`${base}/`);
    expect(demo.headers.get("content-type")).toContain("text/html");
    expect(await demo.text()).toContain("widget.js");
    expect((await fetch(`${base}/widget.js`)).headers.get("content-type")).toContain("javascript");
  });

  it("routes a web visitor who qualifies to the Slack sales channel and the CRM webhook", async () => {
    const session = (await (await fetch(`${base}/api/sessions`, { method: "POST" })).json()) as {
      sessionId: string;
      token: string;
    };
    const say = async (text: string) => {
      const response = await fetch(`${base}/api/sessions/${session.sessionId}/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${session.token}`, "content-type": "application/json" },
        body: JSON.stringify({ text }),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { messages: { role: string; text: string }[] };
    };
    await say("Hi, I'm Dana Whitfield, VP of Sales at Acme Logistics, we're about 200 people.");
    await say("Our reps waste hours every week qualifying inbound leads by hand and we need to automate it.");
    await say("I sign off on tools like this.");
    const last = await say("We have $50k a year set aside for it.");
    expect(last.messages[0]?.text).toMatch(/specialist|sales team/i);

    const card = await slack.waitFor(
      (call) => call.method === "chat.postMessage" && call.args.channel === "C_SALES",
    );
    expect(JSON.stringify(card.args.blocks)).toContain("$50k a year set aside");

    const hook = await waitUntil(() =>
      hooks.find((entry) => JSON.parse(entry.body).type === "lead.qualified"),
    );
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]+)$/.exec(hook.signature)!;
    expect(v1).toBe(createHmac("sha256", webhookSecret).update(`${t}.${hook.body}`).digest("hex"));
    expect(JSON.parse(hook.body).lead).toMatchObject({ stage: "pending_handoff", qualified: true });
  });

  it("exposes Prometheus metrics for turns, handoffs and the event queue", async () => {
    const response = await fetch(`${base}/metrics`);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toMatch(/qualbot_turns_total\{channel="web",move="offer_handoff"\} 1/);
    expect(text).toMatch(/qualbot_extractions_total\{extractor="offline",outcome="ok"\} 4/);
    expect(text).toMatch(/qualbot_handoffs\{status="pending"\} 1/);
    expect(text).toMatch(/qualbot_event_deliveries\{status="delivered"\} \d+/);
    expect(text).toContain("qualbot_turn_duration_seconds_bucket");
  });

  it("answers a Slack DM in thread through the same engine", async () => {
    const event = directMessageEvent(
      { teamId: slack.teamId, botUserId: slack.botUserId },
      { channel: "D_PROSPECT", user: "U_PROSPECT", text: "Hi, what does qualbot do?" },
    );
    const response = await postSignedJson(`${base}/slack/events`, event, { secret: signingSecret });
    expect(response.status).toBe(200);
    const reply = await slack.waitFor(
      (call) => call.method === "chat.postMessage" && call.args.channel === "D_PROSPECT",
    );
    expect(String(reply.args.text)).toMatch(/\?/);
  });
});
