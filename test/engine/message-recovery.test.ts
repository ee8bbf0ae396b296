import { afterEach, expect, it } from "vitest";
import type { Signal } from "../../src/core/qualification.js";
import { handleProspectMessage } from "../../src/engine/handle-prospect-message.js";
import type { OutboundMessage } from "../../src/engine/ports.js";
import type { DatabaseKind } from "../../src/store/database-url.js";
import { createTestQualbot, describeEachDatabase, type TestQualbot } from "../helpers/database.js";
import { evidenceOf, type ScriptedTurn, scriptedExtractor } from "../helpers/scripted-extractor.js";

let qualbot: TestQualbot | undefined;
afterEach(async () => {
  await qualbot?.cleanup();
  qualbot = undefined;
});

const need: Signal = {
  field: "need",
  value: { status: "explicit", pains: ["slow lead routing"] },
  ...evidenceOf("lead routing is slow"),
};

async function setup(kind: DatabaseKind, turns: ScriptedTurn[]) {
  const extractor = scriptedExtractor(turns);
  let offsetMs = 0;
  const clock = { now: () => new Date(Date.now() + offsetMs) };
  qualbot = await createTestQualbot({
    extractor,
    clock,
    database: kind,
    env: { TURN_RECOVERY_SECONDS: "60" },
  });
  return { qualbot, extractor, later: (ms: number) => (offsetMs += ms) };
}

/** What an instance killed mid-turn leaves: the prospect's message stored, no turn committed. */
const storeOnly = (bot: TestQualbot, text: string, conversationKey = "conversation-1") =>
  bot.store.receive({
    channel: "web",
    conversationKey,
    channelMessageId: `${conversationKey}:${text}`,
    text,
  });

describeEachDatabase("turn recovery", (kind) => {
  it("answers a message left unanswered, once, after TURN_RECOVERY_SECONDS", async () => {
    const { qualbot, extractor, later } = await setup(kind, [{ signals: [need] }]);
    const receipt = await storeOnly(qualbot, "our lead routing is slow");
    expect(await qualbot.recoverAbandonedTurns()).toBe(0); // too recent: its turn may still be running
    later(61_000);
    expect(await qualbot.recoverAbandonedTurns()).toBe(1);
    expect(await qualbot.recoverAbandonedTurns()).toBe(0); // one job per message, however many scans
    expect(await qualbot.jobs.drain()).toBe(1);

    const replies = await qualbot.db.message.findMany({ where: { inReplyTo: receipt.messageId } });
    expect(replies).toHaveLength(1);
    expect(replies[0]?.role).toBe("bot");
    expect(extractor.calls).toHaveLength(1);
    const lead = await qualbot.store.getLeadRecord(receipt.leadId);
    expect(lead?.qualification.need.status).toBe("explicit");
    expect(await qualbot.recoverAbandonedTurns()).toBe(0); // answered: nothing left to recover
  });

  it("does not answer twice when the original turn finishes after recovery was enqueued", async () => {
    const { qualbot, later } = await setup(kind, [{ signals: [need] }, { signals: [need] }]);
    const receipt = await storeOnly(qualbot, "lead routing is slow");
    later(61_000);
    await qualbot.recoverAbandonedTurns();
    // The slow original turn (e.g. a web retry with the same idempotency key) and the recovery job race.
    const [outcome] = await Promise.all([
      handleProspectMessage(qualbot.engine, {
        channel: "web",
        conversationKey: "conversation-1",
        channelMessageId: "conversation-1:lead routing is slow",
        text: "lead routing is slow",
      }),
      qualbot.jobs.drain(),
    ]);
    expect(outcome.messageId).toBe(receipt.messageId);
    expect(await qualbot.db.message.count({ where: { inReplyTo: receipt.messageId } })).toBe(1);
    expect(await qualbot.db.scoreSnapshot.count()).toBe(1);
  });

  it("pushes a recovered reply through the channel's delivery (Slack posts it)", async () => {
    const { qualbot, later } = await setup(kind, [{}]);
    const delivered: OutboundMessage[] = [];
    qualbot.registerDelivery("web", { deliver: async (message) => void delivered.push(message) });
    const receipt = await storeOnly(qualbot, "hello?");
    later(61_000);
    await qualbot.recoverAbandonedTurns();
    await qualbot.jobs.drain();
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({
      conversationId: receipt.conversationId,
      conversationKey: "conversation-1",
      role: "bot",
    });
  });
});
