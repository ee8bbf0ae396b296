import { describe, expect, it } from "vitest";
import { classifySlackMessage } from "../../../src/channels/slack/classify-message.js";
import { conversationKeyOf, placeOfConversationKey } from "../../../src/channels/slack/conversation-key.js";
import { EventEnvelope } from "../../../src/channels/slack/slack-payloads.js";
import { plainTextFromSlack } from "../../../src/channels/slack/slack-text.js";
import { isHandBackCommand } from "../../../src/engine/rep-takeover.js";
import { appMentionEvent, channelMessageEvent, directMessageEvent } from "./slack-requests.js";

const workspace = { teamId: "T_HOME", botUserId: "U_BOT" };
const context = { teamId: "T_HOME", botUserId: "U_BOT", salesChannel: "C_SALES" };
const classify = (payload: unknown) => classifySlackMessage(EventEnvelope.parse(payload), context);

describe("classifySlackMessage", () => {
  const cases: { name: string; payload: unknown; expected: Record<string, unknown> }[] = [
    {
      name: "a DM is a prospect turn keyed by the DM channel, answered where it was written",
      payload: directMessageEvent(workspace, { channel: "D1", user: "U1", text: "hello", ts: "100.1" }),
      expected: {
        kind: "prospect",
        via: "direct_message",
        conversationKey: "D1",
        channelMessageId: "D1:100.1",
        reply: { channel: "D1" },
      },
    },
    {
      name: "a DM inside a thread stays the DM's conversation, answered in that thread",
      payload: directMessageEvent(workspace, {
        channel: "D1",
        user: "U1",
        text: "more",
        ts: "101.1",
        threadTs: "100.1",
      }),
      expected: { kind: "prospect", conversationKey: "D1", reply: { channel: "D1", threadTs: "100.1" } },
    },
    {
      name: "a top-level mention starts a thread conversation; the mention is stripped",
      payload: appMentionEvent(workspace, { channel: "C1", user: "U1", text: "help me", ts: "200.1" }),
      expected: {
        kind: "prospect",
        via: "mention",
        conversationKey: "C1:200.1",
        text: "help me",
        reply: { channel: "C1", threadTs: "200.1" },
      },
    },
    {
      name: "a Slack Connect guest (another team) is a prospect in a thread",
      payload: channelMessageEvent(workspace, {
        channel: "C2",
        user: "U9",
        userTeam: "T_ACME",
        shared: true,
        text: "hi",
        ts: "300.1",
        threadTs: "299.1",
      }),
      expected: { kind: "prospect", via: "slack_connect", conversationKey: "C2:299.1" },
    },
    {
      name: "our own people in a Slack Connect channel are not prospects",
      payload: channelMessageEvent(workspace, {
        channel: "C2",
        user: "U2",
        userTeam: "T_HOME",
        shared: true,
        text: "hi",
      }),
      expected: { kind: "ignore", reason: "internal user in a shared channel" },
    },
    {
      name: "…not even when they mention the bot there",
      payload: appMentionEvent(workspace, { channel: "C2", user: "U2", text: "hi", shared: true }),
      expected: { kind: "ignore" },
    },
    {
      name: "a top-level message in an internal channel is not for the bot",
      payload: channelMessageEvent(workspace, {
        channel: "C3",
        user: "U2",
        userTeam: "T_HOME",
        text: "lunch?",
      }),
      expected: { kind: "ignore", reason: "internal channel message" },
    },
    {
      name: "an internal thread reply may continue a mention's conversation",
      payload: channelMessageEvent(workspace, {
        channel: "C3",
        user: "U2",
        userTeam: "T_HOME",
        text: "and then?",
        ts: "401.1",
        threadTs: "400.1",
      }),
      expected: { kind: "thread_followup", conversationKey: "C3:400.1" },
    },
    {
      name: "a rep's reply in a card thread in the sales channel",
      payload: channelMessageEvent(workspace, {
        channel: "C_SALES",
        user: "U_REP",
        userTeam: "T_HOME",
        text: "hi!",
        ts: "501.1",
        threadTs: "500.1",
      }),
      expected: {
        kind: "card_thread",
        channel: "C_SALES",
        threadTs: "500.1",
        ts: "501.1",
        user: "U_REP",
        userTeam: "T_HOME",
      },
    },
    {
      name: "top-level sales channel chatter",
      payload: channelMessageEvent(workspace, {
        channel: "C_SALES",
        user: "U_REP",
        userTeam: "T_HOME",
        text: "morning",
      }),
      expected: { kind: "ignore", reason: "sales channel chatter" },
    },
    {
      name: "another bot",
      payload: channelMessageEvent(workspace, {
        channel: "C2",
        user: "U8",
        userTeam: "T_ACME",
        shared: true,
        text: "beep",
        subtype: "bot_message",
        botId: "B8",
      }),
      expected: { kind: "ignore", reason: "bot message" },
    },
    {
      name: "an edit",
      payload: channelMessageEvent(workspace, {
        channel: "C2",
        user: "U9",
        userTeam: "T_ACME",
        shared: true,
        text: "x",
        subtype: "message_changed",
      }),
      expected: { kind: "ignore", reason: "subtype message_changed" },
    },
    {
      name: "the bot itself",
      payload: directMessageEvent(workspace, { channel: "D1", user: "U_BOT", text: "my reply" }),
      expected: { kind: "ignore", reason: "own message" },
    },
    {
      name: "a mention with nothing else",
      payload: appMentionEvent(workspace, { channel: "C1", user: "U1", text: "" }),
      expected: { kind: "ignore", reason: "empty text" },
    },
  ];

  it.each(cases)("$name", ({ payload, expected }) => {
    expect(classify(payload)).toMatchObject(expected);
  });

  it("hands the extractor plain text (links, e-mails, escapes)", () => {
    const route = classify(
      directMessageEvent(workspace, {
        channel: "D1",
        user: "U1",
        text: "Mail <mailto:sam@acme.test|sam@acme.test> &amp; see <https://acme.test>",
      }),
    );
    expect(route).toMatchObject({ text: "Mail sam@acme.test & see https://acme.test" });
  });
});

describe("plainTextFromSlack", () => {
  it.each([
    ["&lt;b&gt; &amp; co", "<b> & co"],
    ["<https://a.test/x|the docs>", "the docs (https://a.test/x)"],
    ["<https://a.test/x|https://a.test/x>", "https://a.test/x"],
    ["ping <@U123> in <#C123|sales>", "ping @U123 in #sales"],
    ["<!here> call me at <tel:+15550100|555 0100>", "@here call me at 555 0100"],
  ])("%s → %s", (input, expected) => {
    expect(plainTextFromSlack(input)).toBe(expected);
  });
});

describe("conversation keys", () => {
  it.each([{ channel: "D1" }, { channel: "C1", threadTs: "1700000000.000100" }])(
    "round-trips %o",
    (place) => {
      expect(placeOfConversationKey(conversationKeyOf(place))).toEqual(place);
    },
  );
});

describe("isHandBackCommand", () => {
  it.each([
    "handback",
    "Hand back",
    "hand back to bot",
    "hand back to the bot.",
    "/qualbot handback",
    "qualbot hand back",
    "<@U123> handback",
  ])("%s is a hand-back", (text) => expect(isHandBackCommand(text)).toBe(true));
  it.each(["I will hand back the contract tomorrow", "handback?? no", "please handback later"])(
    "%s is not",
    (text) => expect(isHandBackCommand(text)).toBe(false),
  );
});
