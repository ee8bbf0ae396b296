import type { SocketModeReceiver } from "@slack/bolt";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createSlackChannel, type SlackChannel } from "../../../src/channels/slack/index.js";
import { slackEventJob } from "../../../src/channels/slack/message-listener.js";
import type { JobQueue } from "../../../src/engine/ports.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../fakes/slack-api.js";
import { createTestQualbot, describeEachDatabase, type TestQualbot } from "../../helpers/database.js";
import { jobRows } from "../../helpers/job-rows.js";
import { bantRules, keywordExtractor, type SlackHarness, startSlackHarness } from "./harness.js";
import { directMessageEvent } from "./slack-requests.js";

// Slack does not redeliver an event it got a 2xx (or a Socket Mode ack) for, so the ack goes out
// only once the event is stored as a job; a job outlives the instance that took it.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Makes the queue's next enqueue slower (by `delayMs`) or fail, as a loaded or broken database would. */
function disturbEnqueue(jobs: JobQueue, how: { delayMs: number } | { failWith: Error }) {
  const enqueue = jobs.enqueue.bind(jobs);
  return vi.spyOn(jobs, "enqueue").mockImplementationOnce(async (...args) => {
    if ("failWith" in how) throw how.failWith;
    await sleep(how.delayMs);
    return enqueue(...args);
  });
}

describeEachDatabase("Slack events are stored before they are acknowledged", (database) => {
  let harness: SlackHarness;
  beforeAll(async () => {
    harness = await startSlackHarness({ extractor: keywordExtractor(bantRules), database });
  });
  afterAll(async () => {
    await harness?.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const postsTo = (channel: string) =>
    harness.fake.callsTo("chat.postMessage").filter((call) => call.args.channel === channel);

  it("answers Slack's request only once the event's job is stored", async () => {
    disturbEnqueue(harness.qualbot.jobs, { delayMs: 300 });
    const event = directMessageEvent(harness.workspace, { channel: "D_STORED", user: "U_S", text: "hello" });
    const started = performance.now();
    const response = await harness.sendEvent(event);
    const ackMs = performance.now() - started;
    expect(response.status).toBe(200);
    expect(ackMs).toBeGreaterThanOrEqual(290);
    // Looked at the moment Slack has its answer: the job is there already.
    expect(await jobRows(harness.qualbot, slackEventJob)).toHaveLength(1);
    await harness.settle();
    expect(postsTo("D_STORED")).toHaveLength(1);
  });

  it("answers 503 when the event cannot be stored, and handles Slack's retry once", async () => {
    const before = (await jobRows(harness.qualbot, slackEventJob)).length;
    disturbEnqueue(harness.qualbot.jobs, {
      failWith: Object.assign(new Error("connection refused"), { code: "ECONNREFUSED" }),
    });
    const event = directMessageEvent(harness.workspace, { channel: "D_DOWN", user: "U_D", text: "hello" });
    const refused = await harness.sendEvent(event);
    expect(refused.status).toBe(503);
    expect(await refused.text()).toBe("");
    await harness.settle();
    expect(postsTo("D_DOWN")).toHaveLength(0);
    expect(await harness.qualbot.store.findConversation("slack", "D_DOWN")).toBeNull();
    expect(await jobRows(harness.qualbot, slackEventJob)).toHaveLength(before);

    // Slack's retries (the database is back): stored once, answered once.
    expect((await harness.sendEvent(event, { retryNum: 1 })).status).toBe(200);
    await harness.settle();
    expect((await harness.sendEvent(event, { retryNum: 2 })).status).toBe(200);
    await harness.settle();
    expect(postsTo("D_DOWN")).toHaveLength(1);
    const jobs = await jobRows(harness.qualbot, slackEventJob);
    expect(jobs).toHaveLength(before + 1);
    expect(jobs.at(-1)).toMatchObject({ status: "done", attempts: 1 });
  });
});

describe("Slack events as durable jobs", () => {
  let harness: SlackHarness;
  beforeAll(async () => {
    harness = await startSlackHarness({ extractor: keywordExtractor(bantRules) });
  });
  afterAll(async () => {
    await harness?.close();
  });

  const postsTo = (channel: string) =>
    harness.fake.callsTo("chat.postMessage").filter((call) => call.args.channel === channel);

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
    // What a SIGKILL leaves in the database: a leased, unfinished job and the event's claimed keys.
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

describe("Slack events over Socket Mode", () => {
  let fake: FakeSlackApi;
  let qualbot: TestQualbot;
  let channel: SlackChannel;
  beforeAll(async () => {
    fake = await startFakeSlackApi();
    qualbot = await createTestQualbot({
      extractor: keywordExtractor(bantRules),
      env: { SLACK_BOT_TOKEN: "xoxb-test", SLACK_APP_TOKEN: "xapp-test", SLACK_API_URL: fake.url },
    });
    channel = await createSlackChannel(qualbot);
  });
  afterAll(async () => {
    await channel?.stop();
    await qualbot?.cleanup();
    await fake?.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /**
   * An envelope as the Socket Mode client emits it off the websocket; `ack` records what the
   * client would send back, and how many jobs were stored by then.
   */
  function deliver(body: unknown, retryNum = 0) {
    const acks: { jobsStored: number }[] = [];
    (channel.receiver as SocketModeReceiver).client.emit("slack_event", {
      ack: async () => {
        acks.push({ jobsStored: (await jobRows(qualbot, slackEventJob)).length });
      },
      envelope_id: `envelope-${retryNum}`,
      type: "events_api",
      body,
      retry_num: retryNum,
      retry_reason: retryNum > 0 ? "timeout" : undefined,
      accepts_response_payload: false,
    });
    return acks;
  }
  const workspace = () => ({ teamId: fake.teamId, botUserId: fake.botUserId });
  const postsTo = (id: string) => fake.callsTo("chat.postMessage").filter((call) => call.args.channel === id);

  it("acknowledges the envelope after the event's job is stored", async () => {
    disturbEnqueue(qualbot.jobs, { delayMs: 200 });
    const before = (await jobRows(qualbot, slackEventJob)).length;
    const acks = deliver(directMessageEvent(workspace(), { channel: "D_SOCKET", user: "U_S", text: "hi" }));
    await vi.waitFor(() => expect(acks).toHaveLength(1), { timeout: 5000 });
    expect(acks[0]!.jobsStored).toBe(before + 1);
    await channel.idle();
    expect(postsTo("D_SOCKET")).toHaveLength(1);
  });

  it("leaves an envelope whose event could not be stored unacknowledged, so Slack sends it again", async () => {
    const failing = disturbEnqueue(qualbot.jobs, { failWith: new Error("database unavailable") });
    const event = directMessageEvent(workspace(), { channel: "D_SOCKET_DOWN", user: "U_D", text: "hi" });
    const unacknowledged = deliver(event);
    await vi.waitFor(() => expect(failing).toHaveBeenCalled());
    await channel.idle();
    await sleep(50);
    expect(unacknowledged).toHaveLength(0);

    const retried = deliver(event, 1);
    await vi.waitFor(() => expect(retried).toHaveLength(1), { timeout: 5000 });
    await channel.idle();
    expect(postsTo("D_SOCKET_DOWN")).toHaveLength(1);
  });
});
