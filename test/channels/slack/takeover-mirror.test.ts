import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prospectMirrorDepsOf } from "../../../src/channels/slack/card-thread-mirror.js";
import { handleProspectMessage } from "../../../src/engine/handle-prospect-message.js";
import {
  enqueueProspectMirror,
  mirrorProspectMessage,
  prospectMirrorJob,
} from "../../../src/engine/rep-takeover.js";
import { describeEachDatabase } from "../../helpers/database.js";
import { jobRows, makeJobsDue, reopenFinishedJobs } from "../../helpers/job-rows.js";
import { testPostgresUrl } from "../../helpers/temp-database.js";
import { qualifyingMessages, reps, type SlackHarness, salesChannel, startSlackHarness } from "./harness.js";
import { blockActionPayload, channelMessageEvent, directMessageEvent } from "./slack-requests.js";

// While a rep owns a prospect conversation, each prospect message is posted in the handoff card's
// thread through a durable job (one per message): whichever instance handled the prospect's turn,
// whichever instance runs the job, however often it runs.

interface Takeover {
  dm: string;
  prospect: string;
  cardTs: string;
  handoffId: string;
  conversationId: string;
}

const prospectPost = (text: string) => `💬 *Prospect:* ${text}`;

function threadPosts(harness: SlackHarness, takeover: Takeover): string[] {
  return harness.fake
    .callsTo("chat.postMessage")
    .filter(
      (call) =>
        call.args.channel === salesChannel &&
        call.args.thread_ts === takeover.cardTs &&
        call.response.ok === true,
    )
    .map((call) => String(call.args.text));
}

/** Every post of `text` in the card thread that reached Slack, whatever Slack answered. */
function postsReachingSlack(harness: SlackHarness, takeover: Takeover, text: string) {
  return harness.fake
    .callsTo("chat.postMessage")
    .filter((call) => call.args.thread_ts === takeover.cardTs && call.args.text === prospectPost(text));
}

/** Whether the card thread was read back with its messages' metadata (a retry looking for its post). */
function threadLookedUp(harness: SlackHarness, takeover: Takeover): boolean {
  return harness.fake
    .callsTo("conversations.replies")
    .some((call) => call.args.ts === takeover.cardTs && String(call.args.include_all_metadata) === "true");
}

async function settleAll(...instances: SlackHarness[]) {
  // A job enqueued by one instance may be leased by the other: settle both, twice.
  for (let round = 0; round < 2; round++) for (const instance of instances) await instance.settle();
}

/** A prospect qualifies over DMs (through `through`), and `rep` approves the card: a takeover. */
async function startTakeover(
  through: SlackHarness,
  prospect: { dm: string; user: string },
  rep = reps.first,
  others: SlackHarness[] = [],
): Promise<Takeover> {
  for (const text of qualifyingMessages) {
    await through.sendEvent(
      directMessageEvent(through.workspace, { channel: prospect.dm, user: prospect.user, text }),
    );
    await settleAll(through, ...others);
  }
  const conversation = await through.qualbot.store.findConversation("slack", prospect.dm);
  const handoff = await through.qualbot.db.handoff.findFirstOrThrow({
    where: { leadId: conversation!.leadId },
  });
  const card = await through.fake.waitFor(
    (call) =>
      call.method === "chat.postMessage" && JSON.stringify(call.args.blocks ?? "").includes(handoff.id),
  );
  const blocks = card.args.blocks as { type: string; block_id?: string }[];
  await through.sendInteraction(
    blockActionPayload(through.workspace, {
      user: rep,
      channel: salesChannel,
      messageTs: String(card.response.ts),
      actionId: "handoff_approve",
      blockId: blocks.find((block) => block.type === "actions")!.block_id!,
      value: handoff.id,
    }),
  );
  await settleAll(through, ...others);
  expect((await through.qualbot.store.getConversation(conversation!.id))?.humanOwner).toBe(rep);
  return {
    dm: prospect.dm,
    prospect: prospect.user,
    cardTs: String(card.response.ts),
    handoffId: handoff.id,
    conversationId: conversation!.id,
  };
}

function prospectWrites(harness: SlackHarness, takeover: Takeover, text: string) {
  return harness.sendEvent(
    directMessageEvent(harness.workspace, { channel: takeover.dm, user: takeover.prospect, text }),
  );
}

function handBackInThread(harness: SlackHarness, takeover: Takeover, rep = reps.first) {
  return harness.sendEvent(
    channelMessageEvent(harness.workspace, {
      channel: salesChannel,
      user: rep,
      userTeam: harness.workspace.teamId,
      threadTs: takeover.cardTs,
      text: "handback",
    }),
  );
}

async function storedProspectMessage(harness: SlackHarness, takeover: Takeover, text: string) {
  const messages = await harness.qualbot.store.listMessages(takeover.conversationId);
  const found = messages.find((message) => message.role === "prospect" && message.text === text);
  if (!found) throw new Error(`no stored prospect message "${text}"`);
  return { conversationId: takeover.conversationId, messageId: found.messageId };
}

describeEachDatabase("the rep's card thread during a takeover", (database) => {
  let harness: SlackHarness;
  let takeover: Takeover;

  beforeAll(async () => {
    harness = await startSlackHarness({ database });
    takeover = await startTakeover(harness, { dm: "D_MIRROR", user: "U_MIRROR" });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it("shows a prospect message in the thread once; a second enqueue or run of its job posts nothing more", async () => {
    const dmsBefore = harness.fake
      .callsTo("chat.postMessage")
      .filter((call) => call.args.channel === takeover.dm);
    await prospectWrites(harness, takeover, "Tuesday at 10 works!");
    await harness.settle();
    expect(
      threadPosts(harness, takeover).filter((text) => text === prospectPost("Tuesday at 10 works!")),
    ).toHaveLength(1);
    // The bot stays quiet while the rep owns the conversation.
    expect(
      harness.fake.callsTo("chat.postMessage").filter((call) => call.args.channel === takeover.dm),
    ).toHaveLength(dmsBefore.length);

    const message = await storedProspectMessage(harness, takeover, "Tuesday at 10 works!");
    expect(await enqueueProspectMirror(harness.qualbot.jobs, message)).toBe(false);
    expect(await mirrorProspectMessage(prospectMirrorDepsOf(harness.channel.deps), message)).toBe(
      "already_posted",
    );
    await harness.settle();
    expect(await jobRows(harness.qualbot, prospectMirrorJob)).toEqual([
      { status: "done", attempts: 1, lastError: null },
    ]);
    expect(
      threadPosts(harness, takeover).filter((text) => text === prospectPost("Tuesday at 10 works!")),
    ).toHaveLength(1);
  });

  it.skipIf(database !== "sqlite")(
    "posts once when the job runs again after its instance posted and died before finishing it",
    async () => {
      await prospectWrites(harness, takeover, "Can we add a second seat?");
      await harness.settle();
      // What a SIGKILL right after the post leaves: the job unfinished, its lease run out.
      await harness.qualbot.db.job.updateMany({
        where: { name: prospectMirrorJob, status: "done" },
        data: { status: "pending", lockedBy: null, lockedUntil: null, runAfter: new Date(0) },
      });
      await harness.settle();
      expect(
        threadPosts(harness, takeover).filter((text) => text === prospectPost("Can we add a second seat?")),
      ).toHaveLength(1);
      expect((await jobRows(harness.qualbot, prospectMirrorJob)).map((job) => job.status)).toEqual([
        "done",
        "done",
      ]);
    },
  );

  it("posts once when Slack took the post but the job never learned it did", async () => {
    // Slack keeps the post, but its answer is an error: as a timeout after Slack accepted it.
    harness.fake.fail("chat.postMessage", "internal_error", {
      applied: true,
      when: (args) => args.thread_ts === takeover.cardTs && String(args.text).includes("answer got lost"),
    });
    await prospectWrites(harness, takeover, "Hope this answer got lost");
    await harness.settle();
    expect(postsReachingSlack(harness, takeover, "Hope this answer got lost")).toHaveLength(1);
    expect((await jobRows(harness.qualbot, prospectMirrorJob)).at(-1)).toMatchObject({ status: "pending" });

    await makeJobsDue(harness.qualbot, prospectMirrorJob);
    await harness.settle();
    expect(threadLookedUp(harness, takeover)).toBe(true);
    expect(postsReachingSlack(harness, takeover, "Hope this answer got lost")).toHaveLength(1);
    expect((await jobRows(harness.qualbot, prospectMirrorJob)).at(-1)).toMatchObject({ status: "done" });
  });

  it("posts once when its instance died between the post and recording it", async () => {
    await prospectWrites(harness, takeover, "Posted, then the lights went out");
    await harness.settle();
    expect(postsReachingSlack(harness, takeover, "Posted, then the lights went out")).toHaveLength(1);
    // The crash: Slack has the post; neither the mark nor the job's end was written.
    const message = await storedProspectMessage(harness, takeover, "Posted, then the lights went out");
    const mark = `slack:mirrored:${message.messageId}`;
    expect(await harness.qualbot.db.inboundEvent.deleteMany({ where: { key: mark } })).toEqual({ count: 1 });
    await reopenFinishedJobs(harness.qualbot, prospectMirrorJob);

    await harness.settle();
    expect(postsReachingSlack(harness, takeover, "Posted, then the lights went out")).toHaveLength(1);
    expect((await jobRows(harness.qualbot, prospectMirrorJob)).every((job) => job.status === "done")).toBe(
      true,
    );
    // Found in the thread, and marked again: the next run does not even look.
    expect(await harness.qualbot.db.inboundEvent.count({ where: { key: mark } })).toBe(1);
  });

  it("retries a post that Slack refused, and then shows the message once", async () => {
    harness.fake.fail("chat.postMessage", "internal_error", {
      when: (args) => args.thread_ts === takeover.cardTs && String(args.text).includes("Friday"),
    });
    await prospectWrites(harness, takeover, "Friday is better for us");
    await harness.settle();
    expect(threadPosts(harness, takeover)).not.toContain(prospectPost("Friday is better for us"));
    expect((await jobRows(harness.qualbot, prospectMirrorJob)).at(-1)).toMatchObject({ status: "pending" });

    await makeJobsDue(harness.qualbot, prospectMirrorJob);
    const lookupsBefore = harness.fake.callsTo("conversations.replies").length;
    await harness.settle();
    // The retry looked for an earlier post, found none, and posted.
    expect(harness.fake.callsTo("conversations.replies").length).toBeGreaterThan(lookupsBefore);
    expect(
      threadPosts(harness, takeover).filter((text) => text === prospectPost("Friday is better for us")),
    ).toHaveLength(1);
  });

  it("after the hand-back shows nothing more, not even a message whose job was still waiting", async () => {
    harness.fake.fail("chat.postMessage", "internal_error", {
      when: (args) => args.thread_ts === takeover.cardTs && String(args.text).includes("One last thing"),
    });
    await prospectWrites(harness, takeover, "One last thing before you go");
    await harness.settle();
    expect((await jobRows(harness.qualbot, prospectMirrorJob)).at(-1)).toMatchObject({ status: "pending" });

    await handBackInThread(harness, takeover);
    await harness.settle();
    expect((await harness.qualbot.store.getConversation(takeover.conversationId))?.humanOwner).toBeNull();
    await makeJobsDue(harness.qualbot, prospectMirrorJob);
    await harness.settle();
    expect(threadPosts(harness, takeover)).not.toContain(prospectPost("One last thing before you go"));
    expect((await jobRows(harness.qualbot, prospectMirrorJob)).at(-1)).toMatchObject({ status: "done" });

    const jobsBefore = (await jobRows(harness.qualbot, prospectMirrorJob)).length;
    const threadBefore = threadPosts(harness, takeover).length;
    await prospectWrites(harness, takeover, "Hello again, bot?");
    await harness.settle();
    expect(threadPosts(harness, takeover)).toHaveLength(threadBefore);
    expect(await jobRows(harness.qualbot, prospectMirrorJob)).toHaveLength(jobsBefore);
    const afterHandBack = await storedProspectMessage(harness, takeover, "Hello again, bot?");
    expect(await mirrorProspectMessage(prospectMirrorDepsOf(harness.channel.deps), afterHandBack)).toBe(
      "not_taken_over",
    );
  });
});

describe.skipIf(!testPostgresUrl)("the rep's card thread with two instances on one PostgreSQL", () => {
  let first: SlackHarness;
  let second: SlackHarness;
  let takeover: Takeover;

  beforeAll(async () => {
    first = await startSlackHarness({ database: "postgresql" });
    second = await startSlackHarness({ besides: first });
    takeover = await startTakeover(first, { dm: "D_SCALE", user: "U_SCALE" }, reps.first, [second]);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it("shows a message handled by the other instance once, although the takeover started on the first", async () => {
    // The turn runs in the second instance's process; either instance may run the mirror job.
    await handleProspectMessage(second.qualbot.engine, {
      channel: "slack",
      conversationKey: takeover.dm,
      channelMessageId: "second-instance-1",
      text: "Handled by the second instance",
    });
    await settleAll(first, second);
    expect(
      threadPosts(first, takeover).filter((text) => text === prospectPost("Handled by the second instance")),
    ).toHaveLength(1);

    // Through Slack, to the second instance's URL: whichever instance runs the turn, one post.
    await prospectWrites(second, takeover, "Through the load balancer");
    await settleAll(first, second);
    expect(
      threadPosts(first, takeover).filter((text) => text === prospectPost("Through the load balancer")),
    ).toHaveLength(1);
  });

  it("shows nothing after a hand-back made through the other instance", async () => {
    await handBackInThread(second, takeover);
    await settleAll(first, second);
    expect((await first.qualbot.store.getConversation(takeover.conversationId))?.humanOwner).toBeNull();
    const threadBefore = threadPosts(first, takeover).length;
    await handleProspectMessage(first.qualbot.engine, {
      channel: "slack",
      conversationKey: takeover.dm,
      channelMessageId: "first-instance-after-hand-back",
      text: "Anyone there?",
    });
    await settleAll(first, second);
    expect(threadPosts(first, takeover)).toHaveLength(threadBefore);
  });
});
