import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackEventJob, turnFailedReply } from "../../../src/channels/slack/message-listener.js";
import { jobRows } from "../../helpers/job-rows.js";
import {
  bantRules,
  keywordExtractor,
  type SlackHarness,
  salesChannel,
  startSlackHarness,
} from "./harness.js";
import {
  appMentionEvent,
  channelMessageEvent,
  directMessageEvent,
  nextTs,
  slackSignature,
} from "./slack-requests.js";

let harness: SlackHarness;

beforeAll(async () => {
  harness = await startSlackHarness({
    extractor: keywordExtractor(bantRules, { failWhen: "BREAK THE EXTRACTOR" }),
  });
});

afterAll(async () => {
  await harness?.close();
});

const postsTo = (channel: string) =>
  harness.fake.callsTo("chat.postMessage").filter((call) => call.args.channel === channel);

describe("Slack events", () => {
  it("answers a direct message in the prospect's DM through the engine", async () => {
    const response = await harness.sendEvent(
      directMessageEvent(harness.workspace, {
        channel: "D_PROSPECT1",
        user: "U_PROSPECT1",
        text: "Hi! Our lead routing is slow.",
      }),
    );
    expect(response.status).toBe(200);
    await harness.settle();

    const replies = postsTo("D_PROSPECT1");
    expect(replies).toHaveLength(1);
    expect(String(replies[0]!.args.text).length).toBeGreaterThan(0);
    expect(replies[0]!.args.thread_ts).toBeUndefined();
    const conversation = await harness.qualbot.store.findConversation("slack", "D_PROSPECT1");
    const messages = await harness.qualbot.store.listMessages(conversation!.id);
    expect(messages.map((message) => [message.role, message.author ?? null])).toEqual([
      ["prospect", "U_PROSPECT1"],
      ["bot", "qualbot"],
    ]);
    expect(messages[1]!.text).toBe(replies[0]!.args.text);
    const lead = await harness.qualbot.store.getLeadRecord(conversation!.leadId);
    expect(lead?.qualification.need.status).toBe("explicit");
  });

  it("replies to a mention in a thread rooted at the mention, with the mention stripped", async () => {
    const ts = nextTs();
    await harness.sendEvent(
      appMentionEvent(harness.workspace, {
        channel: "C_GENERAL",
        user: "U_COLLEAGUE",
        text: "can you help? lead routing is slow",
        ts,
      }),
    );
    await harness.settle();

    const replies = postsTo("C_GENERAL");
    expect(replies).toHaveLength(1);
    expect(replies[0]!.args.thread_ts).toBe(ts);
    const conversation = await harness.qualbot.store.findConversation("slack", `C_GENERAL:${ts}`);
    const [first] = await harness.qualbot.store.listMessages(conversation!.id);
    expect(first!.text).toBe("can you help? lead routing is slow");
  });

  it("treats users of another team in a Slack Connect channel as prospects, and ignores our own people there", async () => {
    const root = nextTs();
    await harness.sendEvent(
      channelMessageEvent(harness.workspace, {
        channel: "C_CONNECT",
        user: "U_GUEST",
        userTeam: "T_ACME",
        shared: true,
        text: "Hello from Acme, our lead routing is slow",
        ts: root,
      }),
    );
    await harness.sendEvent(
      channelMessageEvent(harness.workspace, {
        channel: "C_CONNECT",
        user: "U_REP1",
        userTeam: harness.workspace.teamId,
        shared: true,
        text: "Welcome! (internal person talking)",
        threadTs: root,
      }),
    );
    await harness.sendEvent(
      appMentionEvent(harness.workspace, {
        channel: "C_CONNECT",
        user: "U_REP1",
        text: "say hi",
        shared: true,
      }),
    );
    await harness.settle();

    const replies = postsTo("C_CONNECT");
    expect(replies).toHaveLength(1);
    expect(replies[0]!.args.thread_ts).toBe(root);
    const conversation = await harness.qualbot.store.findConversation("slack", `C_CONNECT:${root}`);
    const messages = await harness.qualbot.store.listMessages(conversation!.id);
    expect(messages.filter((message) => message.role === "prospect")).toHaveLength(1);
  });

  it("handles a mention from a Slack Connect guest once although Slack sends it as two events", async () => {
    const ts = nextTs();
    const text = "quick question about pricing";
    await Promise.all([
      harness.sendEvent(
        appMentionEvent(harness.workspace, {
          channel: "C_CONNECT2",
          user: "U_GUEST2",
          userTeam: "T_ACME",
          shared: true,
          text,
          ts,
        }),
      ),
      harness.sendEvent(
        channelMessageEvent(harness.workspace, {
          channel: "C_CONNECT2",
          user: "U_GUEST2",
          userTeam: "T_ACME",
          shared: true,
          text: `<@${harness.workspace.botUserId}> ${text}`,
          ts,
        }),
      ),
    ]);
    await harness.settle();
    expect(postsTo("C_CONNECT2")).toHaveLength(1);
  });

  it("processes a retried event (same event_id, X-Slack-Retry-Num) exactly once", async () => {
    const event = directMessageEvent(harness.workspace, {
      channel: "D_RETRY",
      user: "U_RETRY",
      text: "hello there",
    });
    const first = await harness.sendEvent(event);
    const retried = await Promise.all([
      harness.sendEvent(event, { retryNum: 1 }),
      harness.sendEvent(event, { retryNum: 2 }),
    ]);
    expect([first.status, ...retried.map((response) => response.status)]).toEqual([200, 200, 200]);
    await harness.settle();
    expect(postsTo("D_RETRY")).toHaveLength(1);
    const conversation = await harness.qualbot.store.findConversation("slack", "D_RETRY");
    expect(await harness.qualbot.store.listMessages(conversation!.id)).toHaveLength(2);
    expect(
      await harness.qualbot.db.inboundEvent.count({ where: { key: `slack:event:${event.event_id}` } }),
    ).toBe(1);
  });

  it("refuses a bad signature and a stale timestamp without processing anything", async () => {
    const event = directMessageEvent(harness.workspace, {
      channel: "D_FORGED",
      user: "U_FORGER",
      text: "hello",
    });
    const forged = await harness.sendEvent(event, {
      signature: slackSignature("wrong-secret", Math.floor(Date.now() / 1000), JSON.stringify(event)),
    });
    const stale = await harness.sendEvent(event, { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 });
    expect(forged.status).toBe(401);
    expect(stale.status).toBe(401);
    await harness.settle();
    expect(postsTo("D_FORGED")).toHaveLength(0);
    expect(await harness.qualbot.store.findConversation("slack", "D_FORGED")).toBeNull();
  });

  it("answers Slack's url_verification challenge", async () => {
    const response = await harness.sendEvent({
      token: "x",
      challenge: "challenge-123",
      type: "url_verification",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: "challenge-123" });
  });

  it("ignores bot messages, edits and the bot's own posts", async () => {
    const before = harness.fake.callsTo("chat.postMessage").length;
    await harness.sendEvent(
      channelMessageEvent(harness.workspace, {
        channel: "C_CONNECT",
        user: "U_OTHERBOT",
        userTeam: "T_ACME",
        shared: true,
        text: "I am a bot",
        subtype: "bot_message",
        botId: "B_OTHER",
      }),
    );
    await harness.sendEvent(
      channelMessageEvent(harness.workspace, {
        channel: "C_CONNECT",
        user: "U_GUEST",
        userTeam: "T_ACME",
        shared: true,
        text: "edited",
        subtype: "message_changed",
      }),
    );
    await harness.sendEvent(
      directMessageEvent(harness.workspace, {
        channel: "D_SELF",
        user: harness.workspace.botUserId,
        text: "my own reply",
      }),
    );
    await harness.settle();
    expect(harness.fake.callsTo("chat.postMessage")).toHaveLength(before);
  });

  it("tells the prospect something short and true when their turn fails", async () => {
    await harness.sendEvent(
      directMessageEvent(harness.workspace, {
        channel: "D_FAIL",
        user: "U_FAIL",
        text: "BREAK THE EXTRACTOR",
      }),
    );
    await harness.settle();
    // The engine recovers from extractor failures itself: the prospect still gets a normal reply.
    const replies = postsTo("D_FAIL");
    expect(replies).toHaveLength(1);
    expect(replies[0]!.args.text).not.toBe(turnFailedReply);
    expect(String(replies[0]!.args.text)).not.toMatch(/scripted failure/);
  });

  it("acks well within Slack's 3 seconds while the turn takes longer (stored, then acked, then processed)", async () => {
    const slow = await startSlackHarness({ extractor: keywordExtractor(bantRules, { delayMs: 3500 }) });
    try {
      const started = performance.now();
      const response = await slow.sendEvent(
        directMessageEvent(slow.workspace, { channel: "D_SLOW", user: "U_SLOW", text: "hi" }),
      );
      const ackMs = performance.now() - started;
      expect(response.status).toBe(200);
      expect(ackMs).toBeLessThan(1000);
      expect(await jobRows(slow.qualbot, slackEventJob)).toHaveLength(1);
      expect(slow.fake.callsTo("chat.postMessage")).toHaveLength(0);
      await slow.settle();
      expect(slow.fake.callsTo("chat.postMessage")).toHaveLength(1);
    } finally {
      await slow.close();
    }
  });

  it("waits out a 429 for one conversation while another conversation's reply goes out", async () => {
    harness.fake.rateLimit("chat.postMessage", {
      retryAfter: 1,
      when: (args) => args.channel === "D_LIMITED",
    });
    const started = performance.now();
    await harness.sendEvent(
      directMessageEvent(harness.workspace, { channel: "D_LIMITED", user: "U_LIMITED", text: "hello" }),
    );
    const other = harness.fake.waitFor(
      (call) => call.method === "chat.postMessage" && call.args.channel === "D_FREE" && call.status === 200,
    );
    await harness.sendEvent(
      directMessageEvent(harness.workspace, { channel: "D_FREE", user: "U_FREE", text: "hello" }),
    );
    const freeCall = await other;
    const limited = await harness.fake.waitFor(
      (call) =>
        call.method === "chat.postMessage" && call.args.channel === "D_LIMITED" && call.status === 200,
    );
    await harness.settle();

    const attempts = postsTo("D_LIMITED");
    expect(attempts.map((call) => call.status)).toEqual([429, 200]);
    expect(limited.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(freeCall.at).toBeLessThan(limited.at);
    expect(freeCall.at - started).toBeLessThan(900);
  });

  it("does not treat sales-channel chatter as prospects", async () => {
    const before = harness.fake.callsTo("chat.postMessage").length;
    await harness.sendEvent(
      channelMessageEvent(harness.workspace, {
        channel: salesChannel,
        user: "U_REP1",
        userTeam: harness.workspace.teamId,
        text: "lead routing is slow",
      }),
    );
    await harness.settle();
    expect(harness.fake.callsTo("chat.postMessage")).toHaveLength(before);
  });
});
