import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveAction } from "../../../src/channels/slack/handoff-actions.js";
import { handoffBlockId } from "../../../src/channels/slack/handoff-card.js";
import { rejectReasonSubmission } from "../../../src/channels/slack/handoff-submissions.js";
import { handleSlackMessageEvent, turnFailedReply } from "../../../src/channels/slack/message-listener.js";
import type { SlackChannelDeps } from "../../../src/channels/slack/slack-deps.js";
import { type SlackHarness, startSlackHarness } from "./harness.js";
import { blockActionPayload, directMessageEvent, viewSubmissionPayload } from "./slack-requests.js";

// The listeners are plain named callbacks: driven here with Bolt-shaped arguments, no App.

let harness: SlackHarness;

beforeAll(async () => {
  harness = await startSlackHarness();
});

afterAll(async () => {
  await harness?.close();
});

function withOverrides(overrides: Partial<SlackChannelDeps>): SlackChannelDeps {
  return { ...harness.channel.deps, ...overrides };
}

describe("message listener", () => {
  it("handles an event id once: a redelivery never reaches the engine", async () => {
    let received = 0;
    const store = harness.qualbot.store;
    const deps = withOverrides({
      engine: {
        ...harness.qualbot.engine,
        store: {
          ...store,
          receive(message) {
            received++;
            return store.receive(message);
          },
        },
      },
    });
    const body = directMessageEvent(harness.workspace, { channel: "D_ONCE", user: "U_ONCE", text: "hello" });
    expect(await handleSlackMessageEvent(deps, body)).toMatchObject({ kind: "prospect_turn", replies: 1 });
    expect(await handleSlackMessageEvent(deps, body)).toEqual({ kind: "duplicate" });
    expect(received).toBe(1);
  });

  it("tells the prospect something short and true when the turn cannot be processed", async () => {
    const store = harness.qualbot.store;
    const deps = withOverrides({
      engine: {
        ...harness.qualbot.engine,
        store: {
          ...store,
          receive: async () =>
            Promise.reject(Object.assign(new Error("disk I/O error"), { code: "SQLITE_IOERR" })),
        },
      },
    });
    const body = directMessageEvent(harness.workspace, {
      channel: "D_BROKEN",
      user: "U_BROKEN",
      text: "hello",
    });
    expect(await handleSlackMessageEvent(deps, body)).toEqual({ kind: "failed", code: "SQLITE_IOERR" });
    const posted = harness.fake
      .callsTo("chat.postMessage")
      .filter((call) => call.args.channel === "D_BROKEN");
    expect(posted.map((call) => call.args.text)).toEqual([turnFailedReply]);
    expect(String(posted[0]!.args.text)).not.toMatch(/disk|SQLITE/);
  });

  it("ignores payloads that are not message events", async () => {
    expect(
      await handleSlackMessageEvent(harness.channel.deps, {
        type: "event_callback",
        event: { type: "reaction_added" },
      }),
    ).toMatchObject({
      kind: "ignored",
    });
  });
});

describe("action listeners", () => {
  it("ack first, then decide; an outsider is told privately", async () => {
    const order: string[] = [];
    const deps = withOverrides({
      slack: {
        ...harness.channel.deps.slack,
        postEphemeral: async (input) => {
          order.push(`ephemeral:${input.user}`);
          await harness.channel.deps.slack.postEphemeral(input);
        },
      },
    });
    const body = blockActionPayload(harness.workspace, {
      user: "U_OUTSIDER",
      channel: "C_SALES",
      messageTs: "1.1",
      actionId: "handoff_approve",
      blockId: handoffBlockId({ handoffId: "does-not-matter", version: 0 }),
    });
    await approveAction(deps)({
      ack: async () => {
        order.push("ack");
      },
      body,
    });
    await harness.channel.idle();
    expect(order).toEqual(["ack", "ephemeral:U_OUTSIDER"]);
  });

  it("a reject modal without a reason is answered with a field error and decides nothing", async () => {
    const acks: unknown[] = [];
    await rejectReasonSubmission(harness.channel.deps)({
      ack: async (response) => {
        acks.push(response);
      },
      body: viewSubmissionPayload(harness.workspace, {
        user: "U_REP1",
        callbackId: "handoff_reject_reason",
        privateMetadata: JSON.stringify({ handoffId: "h-none", version: 0, channel: "C_SALES", ts: "1.1" }),
        values: { reason: { reason: { type: "plain_text_input", value: "" } } },
      }),
    });
    expect(acks).toEqual([{ response_action: "errors", errors: { reason: expect.any(String) } }]);
  });
});
