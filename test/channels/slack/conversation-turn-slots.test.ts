import { afterEach, expect, it } from "vitest";
import type { ExtractionInput, Extractor } from "../../../src/extraction/extractor.js";
import { describeEachDatabase } from "../../helpers/database.js";
import { type SlackHarness, startSlackHarness } from "./harness.js";
import { directMessageEvent } from "./slack-requests.js";

// A conversation's Slack events are one job group: its turns run one at a time and in the order
// received, and a turn waiting for its conversation's previous one holds none of the job queue's
// slots (10 per instance), so a busy conversation does not stall the others.

const slotsPerInstance = 10;

/** Extracts nothing; the first message of the slow conversation waits until it is let go. */
function gatedExtractor(slowText: string) {
  let letGo!: () => void;
  const gate = new Promise<void>((resolve) => {
    letGo = resolve;
  });
  const calls: ExtractionInput[] = [];
  const extractor: Extractor = {
    name: "gated",
    async extract(input) {
      calls.push(input);
      if (input.text === slowText) await gate;
      return { signals: [], intents: [], extractor: "gated" };
    },
  };
  return { extractor, calls, letGo };
}

async function waitFor(done: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describeEachDatabase("turns of one Slack conversation and the job slots", (database) => {
  let harness: SlackHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it("answers another conversation while a slow one has more queued turns than there are slots", async () => {
    const slow = gatedExtractor("slow 1");
    harness = await startSlackHarness({ extractor: slow.extractor, database });
    const { workspace } = harness;
    const slowTexts = Array.from({ length: slotsPerInstance + 2 }, (_, index) => `slow ${index + 1}`);
    for (const text of slowTexts)
      await harness.sendEvent(directMessageEvent(workspace, { channel: "D_SLOW", user: "U_SLOW", text }));
    await waitFor(() => slow.calls.some((call) => call.text === "slow 1"), "the slow turn to start");
    await harness.sendEvent(
      directMessageEvent(workspace, { channel: "D_QUICK", user: "U_QUICK", text: "hi" }),
    );

    const fake = harness.fake;
    const repliesTo = (channel: string) =>
      fake.callsTo("chat.postMessage").filter((call) => call.args.channel === channel);
    try {
      await waitFor(() => repliesTo("D_QUICK").length > 0, "the quick conversation's reply");
      // The slow conversation's later turns did not start behind its first one.
      expect(slow.calls.map((call) => call.text).filter((text) => text.startsWith("slow"))).toEqual([
        "slow 1",
      ]);
    } finally {
      slow.letGo();
    }
    await harness.settle();
    // Then its turns ran, one after another, in the order the prospect wrote them.
    expect(slow.calls.map((call) => call.text).filter((text) => text.startsWith("slow"))).toEqual(slowTexts);
    expect(repliesTo("D_SLOW").length).toBeGreaterThanOrEqual(slowTexts.length);
  }, 60_000);
});
