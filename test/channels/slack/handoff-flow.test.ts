import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandoffCardSink } from "../../../src/channels/slack/handoff-card-sink.js";
import { exportCorrectionsAsDataset } from "../../../src/channels/slack/index.js";
import { cardDepsOf } from "../../../src/channels/slack/slack-deps.js";
import { handleProspectMessage } from "../../../src/engine/handle-prospect-message.js";
import type { LeadEvent } from "../../../src/engine/ports.js";
import { parseDataset } from "../../../src/evals/dataset.js";
import type { RecordedSlackCall } from "../../fakes/slack-api.js";
import { qualifyingMessages, reps, type SlackHarness, salesChannel, startSlackHarness } from "./harness.js";
import {
  blockActionPayload,
  channelMessageEvent,
  directMessageEvent,
  viewSubmissionPayload,
} from "./slack-requests.js";

let harness: SlackHarness;
const events: LeadEvent[] = [];

beforeAll(async () => {
  harness = await startSlackHarness();
  harness.qualbot.addEventSink("test-recorder", { publish: async (event) => void events.push(event) });
});

afterAll(async () => {
  await harness?.close();
});

interface Card {
  ts: string;
  handoffId: string;
  leadId: string;
  blockId: string;
  post: RecordedSlackCall;
}

type Block = {
  type: string;
  block_id?: string;
  elements?: { action_id?: string; type: string; text?: unknown }[];
  text?: { text: string };
};

function blocksOf(call: RecordedSlackCall): Block[] {
  return call.args.blocks as Block[];
}

function actionBlock(blocks: Block[]): Block | undefined {
  return blocks.find((block) => block.type === "actions");
}

function textOf(blocks: Block[]): string {
  return JSON.stringify(blocks);
}

/** A prospect qualifies over three DMs; returns the card posted for their handoff. */
async function qualify(dm: string, user: string): Promise<Card> {
  for (const text of qualifyingMessages) {
    await harness.sendEvent(directMessageEvent(harness.workspace, { channel: dm, user, text }));
    await harness.settle();
  }
  const conversation = await harness.qualbot.store.findConversation("slack", dm);
  const handoff = await harness.qualbot.db.handoff.findFirstOrThrow({
    where: { leadId: conversation!.leadId },
  });
  const post = await harness.fake.waitFor(
    (call) =>
      call.method === "chat.postMessage" &&
      call.args.channel === salesChannel &&
      JSON.stringify(call.args.blocks ?? "").includes(handoff.id),
  );
  return {
    ts: String(post.response.ts),
    handoffId: handoff.id,
    leadId: handoff.leadId,
    blockId: actionBlock(blocksOf(post))!.block_id!,
    post,
  };
}

function click(
  card: Card,
  user: string,
  actionId: string,
  extra: { selectedUser?: string; userTeam?: string; blockId?: string } = {},
) {
  return harness.sendInteraction(
    blockActionPayload(harness.workspace, {
      user,
      userTeam: extra.userTeam,
      channel: salesChannel,
      messageTs: card.ts,
      actionId,
      blockId: extra.blockId ?? card.blockId,
      value: card.handoffId,
      selectedUser: extra.selectedUser,
    }),
  );
}

function ephemeralsFor(user: string): string[] {
  return harness.fake
    .callsTo("chat.postEphemeral")
    .filter((call) => call.args.user === user)
    .map((call) => String(call.args.text));
}

function latestCardUpdate(card: Card): RecordedSlackCall | undefined {
  return harness.fake
    .callsTo("chat.update")
    .filter((call) => call.args.ts === card.ts)
    .at(-1);
}

function threadPosts(card: Card): string[] {
  return harness.fake
    .callsTo("chat.postMessage")
    .filter((call) => call.args.channel === salesChannel && call.args.thread_ts === card.ts)
    .map((call) => String(call.args.text));
}

function dmTexts(dm: string): string[] {
  return harness.fake
    .callsTo("chat.postMessage")
    .filter((call) => call.args.channel === dm)
    .map((call) => String(call.args.text));
}

describe("handoff card", () => {
  let card: Card;

  beforeAll(async () => {
    card = await qualify("D_LEAD1", "U_LEAD1");
  });

  it("is posted to the sales channel with score, rules, evidence and the four actions, and its place is stored", async () => {
    const blocks = blocksOf(card.post);
    const text = textOf(blocks);
    expect(text).toContain("Qualified lead: Dana Reyes");
    expect(text).toMatch(/Score \d+/);
    expect(text).toContain("need.explicit");
    expect(text).toContain("budget.allocated");
    expect(text).toContain("authority.decision_maker");
    expect(text).toContain("“$50k a year”");
    expect(text).toContain("“I sign off”");
    expect(text).toContain("50,000 USD / year");
    expect(text).toContain("<@U_LEAD1>");
    expect(text).toContain("Slack direct message");
    expect(actionBlock(blocks)!.elements!.map((element) => element.action_id)).toEqual([
      "handoff_approve",
      "handoff_reject",
      "handoff_reassign",
      "handoff_edit",
    ]);
    const handoff = await harness.qualbot.db.handoff.findUniqueOrThrow({ where: { id: card.handoffId } });
    expect(handoff.cardRef).toEqual({ channel: salesChannel, ts: card.ts });
  });

  it("is posted once even if the handoff.requested event is delivered again", async () => {
    const record = await harness.qualbot.store.getLeadRecord(card.leadId);
    await createHandoffCardSink(cardDepsOf(harness.channel.deps)).publish({
      id: "redelivered",
      type: "handoff.requested",
      createdAt: new Date().toISOString(),
      lead: record!,
      handoffId: card.handoffId,
    });
    const cards = harness.fake
      .callsTo("chat.postMessage")
      .filter(
        (call) =>
          call.args.channel === salesChannel &&
          call.args.blocks &&
          JSON.stringify(call.args.blocks).includes(card.handoffId),
      );
    expect(cards).toHaveLength(1);
  });

  it("refuses a decision from someone who is not a rep, and from a user of another team", async () => {
    await click(card, reps.outsider, "handoff_approve");
    await click(card, reps.first, "handoff_approve", { userTeam: "T_ACME" });
    await harness.settle();
    expect(ephemeralsFor(reps.outsider).at(-1)).toMatch(/Only sales reps/);
    expect(ephemeralsFor(reps.first).at(-1)).toMatch(/Only sales reps/);
    const handoff = await harness.qualbot.db.handoff.findUniqueOrThrow({ where: { id: card.handoffId } });
    expect(handoff.status).toBe("pending");
  });

  it("answers a click at once while its work waits out a 429 (only events wait until they are stored)", async () => {
    const toOutsider = () =>
      harness.fake.callsTo("chat.postEphemeral").filter((call) => call.args.user === reps.outsider);
    const before = toOutsider().length;
    harness.fake.rateLimit("chat.postEphemeral", {
      retryAfter: 1,
      times: 1,
      when: (args) => args.user === reps.outsider,
    });
    const started = performance.now();
    const response = await click(card, reps.outsider, "handoff_approve");
    const ackMs = performance.now() - started;
    expect(response.status).toBe(200);
    expect(ackMs).toBeLessThan(500);
    await harness.settle();
    expect(
      toOutsider()
        .slice(before)
        .map((call) => call.status),
    ).toEqual([429, 200]);
  });

  it("two reps click Approve at once: one decision, the other is told who decided", async () => {
    const toldBefore = {
      [reps.first]: ephemeralsFor(reps.first).length,
      [reps.second]: ephemeralsFor(reps.second).length,
    };
    const responses = await Promise.all([
      click(card, reps.first, "handoff_approve"),
      click(card, reps.second, "handoff_approve"),
    ]);
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    await harness.settle();

    const handoff = await harness.qualbot.db.handoff.findUniqueOrThrow({ where: { id: card.handoffId } });
    expect(handoff.status).toBe("approved");
    expect(handoff.version).toBe(1);
    const winner = handoff.decidedBy!;
    const loser = winner === reps.first ? reps.second : reps.first;
    expect([reps.first, reps.second]).toContain(winner);
    expect(ephemeralsFor(loser).at(-1)).toMatch(new RegExp(`already approved by <@${winner}>`));
    expect(ephemeralsFor(winner)).toHaveLength(toldBefore[winner]!);
    expect(ephemeralsFor(loser)).toHaveLength(toldBefore[loser]! + 1);

    const update = latestCardUpdate(card)!;
    expect(textOf(blocksOf(update))).toContain(`Approved by <@${winner}>`);
    expect(actionBlock(blocksOf(update))!.elements!.map((element) => element.action_id)).toEqual([
      "handoff_hand_back",
    ]);
    expect(dmTexts("D_LEAD1").at(-1)).toMatch(/^Good news: .* is taking over/);

    const lead = await harness.qualbot.store.getLeadRecord(card.leadId);
    expect(lead?.stage).toBe("handed_off");
    const audit = await harness.qualbot.db.auditEvent.findMany({
      where: { leadId: card.leadId, type: "handoff.approved" },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe(winner);
    const conversation = await harness.qualbot.store.findConversation("slack", "D_LEAD1");
    expect(conversation?.humanOwner).toBe(winner);
    expect(
      events.filter((event) => event.type === "handoff.approved" && event.handoffId === card.handoffId),
    ).toHaveLength(1);
  });

  it("rep takeover: the owner's thread replies reach the prospect, the prospect's messages reach the thread, the bot stays quiet", async () => {
    const handoff = await harness.qualbot.db.handoff.findUniqueOrThrow({ where: { id: card.handoffId } });
    const owner = handoff.decidedBy!;
    const other = owner === reps.first ? reps.second : reps.first;
    const ownerName = owner === reps.first ? "Riley Rep" : "Sam Second";

    const reply = channelMessageEvent(harness.workspace, {
      channel: salesChannel,
      user: owner,
      userTeam: harness.workspace.teamId,
      threadTs: card.ts,
      text: "Hi Dana, thanks for the details! Does Tuesday work for a call?",
    });
    await harness.sendEvent(reply);
    await harness.sendEvent(reply, { retryNum: 1 });
    await harness.sendEvent(
      channelMessageEvent(harness.workspace, {
        channel: salesChannel,
        user: other,
        userTeam: harness.workspace.teamId,
        threadTs: card.ts,
        text: "internal note: big account",
      }),
    );
    await harness.settle();
    const toProspect = dmTexts("D_LEAD1").filter((text) => text.includes("Tuesday"));
    expect(toProspect).toEqual([
      `*${ownerName}:* Hi Dana, thanks for the details! Does Tuesday work for a call?`,
    ]);
    expect(dmTexts("D_LEAD1").some((text) => text.includes("internal note"))).toBe(false);

    const before = dmTexts("D_LEAD1").length;
    await harness.sendEvent(
      directMessageEvent(harness.workspace, {
        channel: "D_LEAD1",
        user: "U_LEAD1",
        text: "Tuesday at 10 works!",
      }),
    );
    await harness.settle();
    expect(dmTexts("D_LEAD1")).toHaveLength(before);
    expect(threadPosts(card)).toContain("💬 *Prospect:* Tuesday at 10 works!");

    const conversation = await harness.qualbot.store.findConversation("slack", "D_LEAD1");
    const stored = await harness.qualbot.store.listMessages(conversation!.id);
    expect(stored.filter((message) => message.role === "rep").map((message) => message.author)).toEqual([
      ownerName,
    ]);
  });

  it("hands the prospect back to the bot from the thread", async () => {
    const handoff = await harness.qualbot.db.handoff.findUniqueOrThrow({ where: { id: card.handoffId } });
    await harness.sendEvent(
      channelMessageEvent(harness.workspace, {
        channel: salesChannel,
        user: handoff.decidedBy!,
        userTeam: harness.workspace.teamId,
        threadTs: card.ts,
        text: "handback",
      }),
    );
    await harness.settle();
    const conversation = await harness.qualbot.store.findConversation("slack", "D_LEAD1");
    expect(conversation?.humanOwner).toBeNull();
    expect(threadPosts(card).at(-1)).toMatch(/handed the prospect back to the bot/);
    expect(textOf(blocksOf(latestCardUpdate(card)!))).toContain("the bot is answering the prospect again");
    expect(dmTexts("D_LEAD1").some((text) => text === "handback")).toBe(false);

    const before = dmTexts("D_LEAD1").length;
    const threadBefore = threadPosts(card).length;
    await harness.sendEvent(
      directMessageEvent(harness.workspace, {
        channel: "D_LEAD1",
        user: "U_LEAD1",
        text: "One more question",
      }),
    );
    await harness.settle();
    expect(dmTexts("D_LEAD1")).toHaveLength(before + 1);
    expect(threadPosts(card)).toHaveLength(threadBefore);
  });
});

describe("reject", () => {
  let card: Card;

  beforeAll(async () => {
    card = await qualify("D_LEAD2", "U_LEAD2");
  });

  it("opens a modal asking for a reason, requires one, then rejects and tells the prospect", async () => {
    await click(card, reps.first, "handoff_reject");
    await harness.settle();
    const open = harness.fake.callsTo("views.open").at(-1)!;
    const view = open.args.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe("handoff_reject_reason");

    const empty = await harness.sendInteraction(
      viewSubmissionPayload(harness.workspace, {
        user: reps.first,
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        values: { reason: { reason: { type: "plain_text_input", value: "   " } } },
      }),
    );
    expect(await empty.json()).toEqual({ response_action: "errors", errors: { reason: expect.any(String) } });

    const submitted = await harness.sendInteraction(
      viewSubmissionPayload(harness.workspace, {
        user: reps.first,
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        values: {
          reason: { reason: { type: "plain_text_input", value: "Too small for us, under 10 seats" } },
        },
      }),
    );
    expect(submitted.status).toBe(200);
    await harness.settle();

    const handoff = await harness.qualbot.db.handoff.findUniqueOrThrow({ where: { id: card.handoffId } });
    expect(handoff).toMatchObject({
      status: "rejected",
      decidedBy: reps.first,
      reason: "Too small for us, under 10 seats",
    });
    expect(textOf(blocksOf(latestCardUpdate(card)!))).toContain("Rejected by <@U_REP1>");
    expect(actionBlock(blocksOf(latestCardUpdate(card)!))).toBeUndefined();
    expect(dmTexts("D_LEAD2").at(-1)).toMatch(/Our team has reviewed your request/);
    expect(dmTexts("D_LEAD2").at(-1)).not.toContain("10 seats");
    expect((await harness.qualbot.store.getLeadRecord(card.leadId))?.stage).toBe("nurture");
    const rejected = events.find(
      (event) => event.type === "handoff.rejected" && event.handoffId === card.handoffId,
    );
    expect(rejected?.reason).toBe("Too small for us, under 10 seats");
  });

  it("a reject modal submitted after the handoff was decided changes nothing", async () => {
    const open = harness.fake.callsTo("views.open").at(-1)!;
    const view = open.args.view as { callback_id: string; private_metadata: string };
    await harness.sendInteraction(
      viewSubmissionPayload(harness.workspace, {
        user: reps.second,
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        values: { reason: { reason: { type: "plain_text_input", value: "another reason" } } },
      }),
    );
    await harness.settle();
    expect(ephemeralsFor(reps.second).at(-1)).toMatch(/already rejected by <@U_REP1>/);
    const handoff = await harness.qualbot.db.handoff.findUniqueOrThrow({ where: { id: card.handoffId } });
    expect(handoff.reason).toBe("Too small for us, under 10 seats");
  });
});

describe("reassign and edit", () => {
  let card: Card;

  beforeAll(async () => {
    card = await qualify("D_LEAD3", "U_LEAD3");
  });

  it("edits the extracted fields: the correction is stored, shown and exportable as an eval case", async () => {
    await click(card, reps.first, "handoff_edit");
    await harness.settle();
    const view = harness.fake.callsTo("views.open").at(-1)!.args.view as {
      callback_id: string;
      private_metadata: string;
      blocks: { block_id?: string; element?: { initial_option?: { value: string } } }[];
    };
    expect(view.callback_id).toBe("handoff_edit_fields");
    expect(
      view.blocks.find((block) => block.block_id === "budget_status")?.element?.initial_option?.value,
    ).toBe("allocated");

    const values = (overrides: Record<string, unknown> = {}) => ({
      budget_status: { budget_status: { type: "static_select", selected_option: { value: "exploring" } } },
      budget_amount: { budget_amount: { type: "number_input", value: "30000" } },
      budget_currency: { budget_currency: { type: "plain_text_input", value: "usd" } },
      budget_period: { budget_period: { type: "static_select", selected_option: { value: "year" } } },
      authority_status: {
        authority_status: { type: "static_select", selected_option: { value: "influencer" } },
      },
      seniority: { seniority: { type: "static_select", selected_option: { value: "director" } } },
      need_status: { need_status: { type: "static_select", selected_option: { value: "explicit" } } },
      timeline_status: {
        timeline_status: { type: "static_select", selected_option: { value: "within_3_months" } },
      },
      disqualifiers: { disqualifiers: { type: "multi_static_select", selected_options: [] } },
      ...overrides,
    });
    const invalid = await harness.sendInteraction(
      viewSubmissionPayload(harness.workspace, {
        user: reps.first,
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        values: values({
          budget_currency: { budget_currency: { type: "plain_text_input", value: "dollars" } },
        }),
      }),
    );
    expect(await invalid.json()).toMatchObject({
      response_action: "errors",
      errors: { budget_currency: expect.any(String) },
    });

    await harness.sendInteraction(
      viewSubmissionPayload(harness.workspace, {
        user: reps.first,
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        values: values(),
      }),
    );
    await harness.settle();

    const corrections = await harness.qualbot.db.auditEvent.findMany({
      where: { leadId: card.leadId, type: "qualification.corrected" },
    });
    expect(corrections).toHaveLength(1);
    const expected = {
      budget: { status: "exploring", amount: 30000, currency: "USD", period: "year" },
      authority: { status: "influencer" },
      seniority: "director",
      need: { status: "explicit" },
      timeline: { status: "within_3_months" },
      disqualifiers: [],
      qualified: true,
    };
    expect(corrections[0]).toMatchObject({
      actor: reps.first,
      data: { handoffId: card.handoffId, after: expected },
    });
    expect((corrections[0]!.data as { changed: string[] }).changed).toEqual([
      "budget",
      "authority",
      "seniority",
      "timeline",
    ]);
    expect(textOf(blocksOf(latestCardUpdate(card)!))).toContain("Corrected by <@U_REP1>");

    const lines = await exportCorrectionsAsDataset(harness.qualbot.db);
    const dataset = parseDataset(lines.join("\n"));
    expect(dataset.errors).toEqual([]);
    const exported = dataset.cases.find((entry) => entry.id === `correction-${card.leadId}`);
    expect(exported?.expected).toEqual(expected);
    expect(
      exported?.messages.filter((message) => message.role === "prospect").map((message) => message.text),
    ).toEqual(qualifyingMessages);
  });

  it("reassigns to another rep (not to an outsider); the stale card cannot decide; the new assignee approves and owns the prospect", async () => {
    await click(card, reps.first, "handoff_reassign", { selectedUser: reps.outsider });
    await harness.settle();
    expect(ephemeralsFor(reps.first).at(-1)).toMatch(/not one of the sales reps/);

    await click(card, reps.first, "handoff_reassign", { selectedUser: reps.second });
    await harness.settle();
    const reassigned = await harness.qualbot.db.handoff.findUniqueOrThrow({ where: { id: card.handoffId } });
    expect(reassigned).toMatchObject({
      status: "reassigned",
      assignee: reps.second,
      decidedBy: reps.first,
      version: 1,
    });
    expect(threadPosts(card).at(-1)).toMatch(/<@U_REP2>, <@U_REP1> reassigned this lead to you/);
    const update = latestCardUpdate(card)!;
    expect(textOf(blocksOf(update))).toContain("Reassigned to <@U_REP2>");
    const newBlockId = actionBlock(blocksOf(update))!.block_id!;
    expect(newBlockId).not.toBe(card.blockId);

    await click(card, reps.first, "handoff_approve");
    await harness.settle();
    expect(ephemeralsFor(reps.first).at(-1)).toMatch(/reassigned to <@U_REP2>/);
    expect(
      (await harness.qualbot.db.handoff.findUniqueOrThrow({ where: { id: card.handoffId } })).status,
    ).toBe("reassigned");

    await click(card, reps.second, "handoff_approve", { blockId: newBlockId });
    await harness.settle();
    const approved = await harness.qualbot.db.handoff.findUniqueOrThrow({ where: { id: card.handoffId } });
    expect(approved).toMatchObject({
      status: "approved",
      decidedBy: reps.second,
      assignee: reps.second,
      version: 2,
    });
    expect((await harness.qualbot.store.findConversation("slack", "D_LEAD3"))?.humanOwner).toBe(reps.second);
    expect(events.filter((event) => event.handoffId === card.handoffId).map((event) => event.type)).toEqual([
      "handoff.requested",
      "handoff.reassigned",
      "handoff.approved",
    ]);
  });

  it("the Hand back button returns the prospect to the bot", async () => {
    const update = latestCardUpdate(card)!;
    await click(card, reps.second, "handoff_hand_back", { blockId: actionBlock(blocksOf(update))!.block_id });
    await harness.settle();
    expect((await harness.qualbot.store.findConversation("slack", "D_LEAD3"))?.humanOwner).toBeNull();

    const threadBefore = threadPosts(card).length;
    const dmsBefore = dmTexts("D_LEAD3").length;
    await harness.sendEvent(
      directMessageEvent(harness.workspace, { channel: "D_LEAD3", user: "U_LEAD3", text: "Still there?" }),
    );
    await harness.settle();
    expect(threadPosts(card)).toHaveLength(threadBefore);
    expect(dmTexts("D_LEAD3")).toHaveLength(dmsBefore + 1);
  });
});

describe("web prospects", () => {
  it("a web lead's card works the same; the rep's thread replies reach the widget through the feed", async () => {
    const conversationKey = "web-session-1";
    for (const text of qualifyingMessages)
      await handleProspectMessage(harness.qualbot.engine, { channel: "web", conversationKey, text });
    await harness.settle();
    const conversation = await harness.qualbot.store.findConversation("web", conversationKey);
    const handoff = await harness.qualbot.db.handoff.findFirstOrThrow({
      where: { leadId: conversation!.leadId },
    });
    const post = await harness.fake.waitFor(
      (call) =>
        call.method === "chat.postMessage" && JSON.stringify(call.args.blocks ?? "").includes(handoff.id),
    );
    expect(textOf(blocksOf(post))).toContain("Web chat");
    const card: Card = {
      ts: String(post.response.ts),
      handoffId: handoff.id,
      leadId: handoff.leadId,
      blockId: actionBlock(blocksOf(post))!.block_id!,
      post,
    };

    const pushed: string[] = [];
    const unsubscribe = harness.qualbot.feed.subscribe(conversation!.id, (message) =>
      pushed.push(`${message.role}:${message.text}`),
    );
    await click(card, reps.first, "handoff_approve");
    await harness.settle();
    await harness.sendEvent(
      channelMessageEvent(harness.workspace, {
        channel: salesChannel,
        user: reps.first,
        userTeam: harness.workspace.teamId,
        threadTs: card.ts,
        text: "Hello from Riley &amp; team, see <https://example.com/demo|our demo>",
      }),
    );
    await harness.settle();
    const outcome = await handleProspectMessage(harness.qualbot.engine, {
      channel: "web",
      conversationKey,
      text: "Great, thanks!",
    });
    await harness.settle();
    unsubscribe();

    expect(pushed).toContain("rep:Hello from Riley & team, see our demo (https://example.com/demo)");
    expect(pushed.some((entry) => entry.startsWith("system:Good news"))).toBe(true);
    expect(outcome.replies).toEqual([]);
    expect(threadPosts(card)).toContain("💬 *Prospect:* Great, thanks!");
  });
});
