import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { handleProspectMessage } from "../../src/engine/handle-prospect-message.js";
import { fakeReply } from "../fakes/openai-server.js";
import { createTestQualbot, type TestQualbot } from "../helpers/database.js";
import { useFakeOpenAiServer } from "../helpers/fake-openai.js";
import { modelSignal, turnOutput } from "./fixtures.js";

// The LLM brain wired by main.ts from OPENAI_* configuration, driven through the real engine.

describe("the engine with the LLM brain (OPENAI_BASE_URL → fake server)", () => {
  const server = useFakeOpenAiServer();
  let qualbot: TestQualbot;
  beforeEach(async () => {
    qualbot = await createTestQualbot({
      env: { OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: server.baseURL, QUALBOT_MODEL: "gpt-4o-mini" },
    });
  });
  afterEach(async () => {
    await qualbot.cleanup();
  });

  const send = (text: string) =>
    handleProspectMessage(qualbot.engine, { channel: "web", conversationKey: "llm-1", text });
  const lastRequestData = () => JSON.parse(server.requests.at(-1)!.body.messages![1]!.content!);

  it("sends the model's draft when the final move is the planned one, templates otherwise, offline on faults", async () => {
    const greeting = "Hello! What's the main challenge you're hoping to solve?";
    server.enqueue(fakeReply.object(turnOutput({ intents: ["greeting"], reply: greeting })));
    const first = await send("hi there");
    expect(lastRequestData().reply_goal).toMatch(/greet/);
    expect(first.replies.map((reply) => reply.text)).toEqual([greeting]);

    // The message answers the question, so the move changes and the draft (written for it) is not used.
    const stale = "Drafted for the need question.";
    server.enqueue(
      fakeReply.object(
        turnOutput({
          signals: [
            modelSignal({
              field: "need",
              value: "explicit",
              pains: ["slow lead routing"],
              quote: "lead routing is slow",
            }),
          ],
          reply: stale,
        }),
      ),
    );
    const second = await send("Our lead routing is slow and reps lose deals");
    expect(second.lead.qualification.need).toEqual({ status: "explicit", pains: ["slow lead routing"] });
    expect(second.replies).toHaveLength(1);
    expect(second.replies[0]!.text).not.toBe(stale);
    expect(second.move).toMatchObject({ kind: "ask" });
    expect(second.move).not.toMatchObject({ slot: "need" });
    // The window carries the earlier turns; the state carries what was learned.
    expect(lastRequestData().recent_messages).toEqual([
      { from: "prospect", text: "hi there" },
      { from: "bot", text: greeting },
    ]);

    server.enqueue(fakeReply.malformed());
    const third = await send("I'm the VP of Sales, and I sign off on tools like this");
    expect(third.replies).toHaveLength(1);
    expect(third.lead.qualification.seniority).toBe("vp");
    server.verify();
  });

  it("uses a draft written for the answered goal when the prospect answers the question", async () => {
    server.enqueue(
      fakeReply.object(turnOutput({ reply: "Hi! What's the main challenge you're hoping to solve?" })),
    );
    await send("hello");
    const answered = "Got it, slow routing hurts. Who would sign off on a tool like this on your side?";
    server.enqueue(
      fakeReply.object(
        turnOutput({
          signals: [
            modelSignal({
              field: "need",
              value: "explicit",
              pains: ["slow lead routing"],
              quote: "lead routing is slow",
            }),
          ],
          reply_for: "reply_goal_if_answered",
          reply: answered,
        }),
      ),
    );
    const second = await send("Our lead routing is slow and reps lose deals");
    expect(lastRequestData().reply_goal_if_answered).toMatch(/role and who decides/);
    expect(second.move).toMatchObject({ kind: "ask", slot: "authority" });
    expect(second.replies.map((reply) => reply.text)).toEqual([answered]);

    // Claiming the answered goal when nothing was answered does not get the draft sent.
    server.enqueue(
      fakeReply.object(turnOutput({ reply_for: "reply_goal_if_answered", reply: "Wrong goal draft?" })),
    );
    const third = await send("hmm, let me think");
    expect(third.move).toMatchObject({ kind: "ask", slot: "authority" });
    expect(third.replies[0]!.text).not.toBe("Wrong goal draft?");
    server.verify();
  });
});
