import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebApp } from "../../../src/channels/web/index.js";
import { createTestQualbot, type TestQualbot } from "../../helpers/database.js";

// The web channel with the real default brain (offline extractor), as `qualbot serve` runs without an API key.
let qualbot: TestQualbot;
beforeAll(async () => {
  qualbot = await createTestQualbot();
});
afterAll(async () => {
  await qualbot.cleanup();
});

describe("web chat with the default offline extractor", () => {
  it("qualifies a visitor through the API into a lead with a pending handoff", async () => {
    expect(qualbot.engine.extractor.name).toBe("offline");
    const app = createWebApp(qualbot);
    const created = await app.request("/api/sessions", { method: "POST" });
    const session = (await created.json()) as { sessionId: string; token: string };
    const replies: string[] = [];
    for (const text of [
      "Hi, I'm Dana Kim, VP of Sales at Acme Corp.",
      "Our pipeline forecasts are always wrong and we need a tool to fix that.",
      "We have a budget of $60,000 a year for this.",
      "I'm the decision maker and we want it live within 2 months.",
    ]) {
      const response = await app.request(`/api/sessions/${session.sessionId}/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${session.token}`, "content-type": "application/json" },
        body: JSON.stringify({ text }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { messages: { role: string; text: string }[] };
      replies.push(...body.messages.map((message) => message.text));
    }
    expect(replies).toHaveLength(4);
    const conversation = (await qualbot.store.findConversation("web", session.sessionId))!;
    const lead = (await qualbot.store.getLeadRecord(conversation.leadId))!;
    expect(lead).toMatchObject({
      stage: "pending_handoff",
      qualified: true,
      qualification: {
        need: { status: "explicit" },
        budget: { status: "allocated", amount: 60000, currency: "USD", period: "year" },
        authority: { status: "decision_maker" },
        timeline: { status: "within_3_months" },
        disqualifiers: [],
      },
      handoff: { status: "pending" },
    });
    // The bot offers the handoff in its last reply.
    expect(replies.at(-1)).toMatch(/email|sales|team|touch/i);
  });
});
