import { afterEach, expect, it } from "vitest";
import { handleProspectMessage } from "../../src/engine/handle-prospect-message.js";
import type { OutboundMessage } from "../../src/engine/ports.js";
import { deliverToProspectJob, sendToProspect } from "../../src/engine/send-to-prospect.js";
import { createTestQualbot, describeEachDatabase, type TestQualbot } from "../helpers/database.js";
import { jobRows, makeJobsDue } from "../helpers/job-rows.js";
import { scriptedExtractor } from "../helpers/scripted-extractor.js";

let qualbot: TestQualbot | undefined;
afterEach(async () => {
  await qualbot?.cleanup();
  qualbot = undefined;
});

describeEachDatabase("delivery to the prospect", (kind) => {
  it("retries a failed delivery from the job queue until it goes through, once", async () => {
    qualbot = await createTestQualbot({ extractor: scriptedExtractor([{}]), database: kind });
    const delivered: OutboundMessage[] = [];
    let failures = 2;
    qualbot.registerDelivery("web", {
      async deliver(message) {
        if (failures-- > 0) throw new Error("channel unavailable");
        delivered.push(message);
      },
    });
    const turn = await handleProspectMessage(qualbot.engine, {
      channel: "web",
      conversationKey: "c-1",
      text: "hi",
    });
    const sent = await sendToProspect(qualbot.outbound, {
      conversationId: turn.conversationId,
      role: "rep",
      author: "Riley Rep",
      text: "Hi, Riley here — happy to help.",
    });
    expect(sent).toMatchObject({ ok: false, error: "delivery_failed" });
    expect(delivered).toEqual([]);

    // Attempt 2 fails too; the queue backs off and attempt 3 goes through.
    await qualbot.jobs.drain();
    expect(await jobRows(qualbot, deliverToProspectJob)).toEqual([
      { status: "pending", attempts: 1, lastError: "channel unavailable" },
    ]);
    await makeJobsDue(qualbot, deliverToProspectJob);
    await qualbot.jobs.drain();

    expect(delivered).toEqual([
      expect.objectContaining({
        conversationKey: "c-1",
        role: "rep",
        author: "Riley Rep",
        text: "Hi, Riley here — happy to help.",
      }),
    ]);
    expect(await jobRows(qualbot, deliverToProspectJob)).toEqual([
      { status: "done", attempts: 2, lastError: null },
    ]);
    expect(await qualbot.jobs.drain()).toBe(0);
  });
});
