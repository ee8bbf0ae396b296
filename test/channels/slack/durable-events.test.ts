import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackEventJob } from "../../../src/channels/slack/message-listener.js";
import { bantRules, keywordExtractor, type SlackHarness, startSlackHarness } from "./harness.js";
import { directMessageEvent } from "./slack-requests.js";

// Slack is acknowledged before the turn runs, so Slack will not redeliver: the acknowledged event
// must survive the instance that took it dying. Here "that instance" left exactly what a SIGKILL
// leaves in the database — a leased, unfinished job and the event's claimed keys.

let harness: SlackHarness;
beforeAll(async () => {
  harness = await startSlackHarness({ extractor: keywordExtractor(bantRules) });
});
afterAll(async () => {
  await harness?.close();
});

const postsTo = (channel: string) =>
  harness.fake.callsTo("chat.postMessage").filter((call) => call.args.channel === channel);

describe("Slack events as durable jobs", () => {
  it("queues an acknowledged event as one job per event id, however often Slack retries it", async () => {
    const event = directMessageEvent(harness.workspace, { channel: "D_QUEUED", user: "U_Q", text: "hello" });
    await harness.sendEvent(event);
    await harness.sendEvent(event, { retryNum: 1 });
    await harness.settle();
    expect(
      await harness.qualbot.db.job.count({ where: { name: slackEventJob, singletonKey: event.event_id } }),
    ).toBe(1);
    expect(postsTo("D_QUEUED")).toHaveLength(1);
  });

  it("answers an event whose instance died mid-turn, once, when its lease runs out", async () => {
    const event = directMessageEvent(harness.workspace, {
      channel: "D_ORPHAN",
      user: "U_ORPHAN",
      text: "Our lead routing is slow",
    });
    const leaseEnds = new Date(harness.clock.now().getTime() + 30_000);
    await harness.qualbot.db.job.create({
      data: {
        name: slackEventJob,
        payload: JSON.parse(JSON.stringify({ body: event })),
        singletonKey: event.event_id,
        attempts: 1,
        lockedBy: "instance-that-died",
        lockedUntil: leaseEnds,
      },
    });
    await harness.qualbot.db.inboundEvent.createMany({
      data: [{ key: `slack:event:${event.event_id}` }, { key: `slack:message:D_ORPHAN:${event.event.ts}` }],
    });
    await harness.settle();
    expect(postsTo("D_ORPHAN")).toHaveLength(0); // still leased by the dead instance

    harness.clock.advance(30_001);
    await harness.settle();
    expect(postsTo("D_ORPHAN")).toHaveLength(1);
    const conversation = await harness.qualbot.store.findConversation("slack", "D_ORPHAN");
    const messages = await harness.qualbot.store.listMessages(conversation!.id);
    expect(messages.map((message) => message.role)).toEqual(["prospect", "bot"]);
    expect(
      await harness.qualbot.db.job.findFirstOrThrow({ where: { singletonKey: event.event_id } }),
    ).toMatchObject({
      status: "done",
      attempts: 2,
    });
  });
});
