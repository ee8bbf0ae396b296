import { Prisma } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaHandoffStore } from "../../../src/channels/slack/prisma-handoff-store.js";
import { handleProspectMessage } from "../../../src/engine/handle-prospect-message.js";
import {
  checkHandoffSla,
  type HandoffSlaDeps,
  type SlaHandoff,
  startHandoffSlaTimer,
} from "../../../src/engine/handoff-sla.js";
import {
  type FakeClock,
  fakeClock,
  qualifyingMessages,
  type SlackHarness,
  salesChannel,
  startSlackHarness,
} from "./harness.js";

let harness: SlackHarness;
const minute = 60_000;

beforeAll(async () => {
  harness = await startSlackHarness({ channel: { slaCheckIntervalMs: 20 } });
});

afterAll(async () => {
  await harness?.close();
});

let leads = 0;
/** A web lead qualifies and the card sink posts its card (removed again to test a handoff without one). */
async function pendingHandoff(
  options: { withCard?: boolean } = {},
): Promise<{ id: string; cardTs: string | null }> {
  const conversationKey = `sla-${++leads}`;
  for (const text of qualifyingMessages)
    await handleProspectMessage(harness.qualbot.engine, { channel: "web", conversationKey, text });
  await harness.settle();
  const conversation = await harness.qualbot.store.findConversation("web", conversationKey);
  const handoff = await harness.qualbot.db.handoff.findFirstOrThrow({
    where: { leadId: conversation!.leadId },
  });
  if (options.withCard === false) {
    await harness.qualbot.db.handoff.update({ where: { id: handoff.id }, data: { cardRef: Prisma.DbNull } });
    return { id: handoff.id, cardTs: null };
  }
  return { id: handoff.id, cardTs: (handoff.cardRef as { ts: string }).ts };
}

function recordingNotifier(failTimes = 0) {
  const calls: { step: "remind" | "escalate"; handoffId: string; to?: string; minutes: number }[] = [];
  let failures = failTimes;
  return {
    calls,
    notifier: {
      async remind(handoff: SlaHandoff, minutes: number) {
        if (failures-- > 0) throw new Error("slack down");
        calls.push({ step: "remind" as const, handoffId: handoff.id, minutes });
      },
      async escalate(handoff: SlaHandoff, to: string, minutes: number) {
        calls.push({ step: "escalate" as const, handoffId: handoff.id, to, minutes });
      },
    },
  };
}

function slaDeps(
  notifier: HandoffSlaDeps["notifier"],
  clock: FakeClock,
  overrides: Partial<HandoffSlaDeps> = {},
): HandoffSlaDeps {
  return {
    store: createPrismaHandoffStore(harness.qualbot.db),
    notifier,
    clock,
    logger: harness.qualbot.logger,
    slaMinutes: 60,
    escalateTo: "U_MANAGER",
    ...overrides,
  };
}

describe("SLA in Slack", () => {
  it("posts the reminder in the card's thread, then escalates to HANDOFF_ESCALATE_TO, driven by the channel's timer", async () => {
    await harness.channel.start();
    const waiting = await pendingHandoff();
    const inThread = (call: { method: string; args: Record<string, unknown> }) =>
      call.method === "chat.postMessage" &&
      call.args.channel === salesChannel &&
      call.args.thread_ts === waiting.cardTs;

    // Several timer ticks before the SLA is due: nothing yet.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(harness.fake.calls.filter(inThread)).toEqual([]);

    harness.clock.advance(61 * minute);
    const reminder = await harness.fake.waitFor(
      (call) => inThread(call) && String(call.args.text).startsWith("⏰"),
    );
    expect(reminder.args.text).toMatch(/waited 6\d min for a decision/);

    harness.clock.advance(61 * minute);
    const escalation = await harness.fake.waitFor(
      (call) => call.method === "chat.postMessage" && call.args.channel === "U_MANAGER",
    );
    expect(escalation.args.text).toMatch(
      /no decision for \d+ min: https:\/\/fake\.slack\.test\/archives\/C_SALES\//,
    );
    await harness.fake.waitFor(
      (call) => inThread(call) && String(call.args.text).includes("escalated to <@U_MANAGER>"),
    );

    await new Promise((resolve) => setTimeout(resolve, 100));
    const reminders = harness.fake.calls.filter(
      (call) => inThread(call) && String(call.args.text).startsWith("⏰"),
    );
    expect(reminders).toHaveLength(1);
    const stored = await harness.qualbot.db.handoff.findUniqueOrThrow({ where: { id: waiting.id } });
    expect(stored.remindedAt).not.toBeNull();
    expect(stored.escalatedAt).not.toBeNull();
    // The channel's timer must not race the use-case tests below for reminders.
    await harness.channel.stop();
  });
});

describe("checkHandoffSla (use case, fake clock)", () => {
  it("reminds once after the SLA, escalates once after another SLA period, and skips decided or card-less handoffs", async () => {
    const waiting = await pendingHandoff();
    const cardless = await pendingHandoff({ withCard: false });
    const { calls, notifier } = recordingNotifier();
    const clock = fakeClock();
    const deps = slaDeps(notifier, clock);
    const mine = () => calls.filter((call) => call.handoffId === waiting.id);

    clock.advance(59 * minute);
    await checkHandoffSla(deps);
    expect(mine()).toEqual([]);

    clock.advance(2 * minute);
    await checkHandoffSla(deps);
    await checkHandoffSla(deps);
    expect(mine()).toEqual([{ step: "remind", handoffId: waiting.id, minutes: 61 }]);
    expect(calls.some((call) => call.handoffId === cardless.id)).toBe(false);

    clock.advance(30 * minute);
    await checkHandoffSla(deps);
    expect(mine()).toHaveLength(1);

    clock.advance(31 * minute);
    await Promise.all([checkHandoffSla(deps), checkHandoffSla(deps)]);
    expect(mine()).toEqual([
      { step: "remind", handoffId: waiting.id, minutes: 61 },
      { step: "escalate", handoffId: waiting.id, to: "U_MANAGER", minutes: 122 },
    ]);

    clock.advance(600 * minute);
    await checkHandoffSla(deps);
    expect(mine()).toHaveLength(2);
  });

  it("does not escalate without HANDOFF_ESCALATE_TO, and retries a reminder that could not be sent", async () => {
    const waiting = await pendingHandoff();
    const { calls, notifier } = recordingNotifier(1);
    const clock = fakeClock();
    const deps = slaDeps(notifier, clock, { escalateTo: undefined });
    clock.advance(61 * minute);
    const first = await checkHandoffSla(deps);
    expect(first.reminded).not.toContain(waiting.id);
    const second = await checkHandoffSla(deps);
    expect(second.reminded).toContain(waiting.id);
    clock.advance(120 * minute);
    await checkHandoffSla(deps);
    expect(calls.filter((call) => call.handoffId === waiting.id).map((call) => call.step)).toEqual([
      "remind",
    ]);
  });

  it("a timer drives the checks", async () => {
    const waiting = await pendingHandoff();
    const { calls, notifier } = recordingNotifier();
    const clock = fakeClock();
    const timer = startHandoffSlaTimer(slaDeps(notifier, clock), { intervalMs: 10 });
    try {
      clock.advance(61 * minute);
      await expect
        .poll(() => calls.some((call) => call.handoffId === waiting.id), { timeout: 5000 })
        .toBe(true);
    } finally {
      await timer.stop();
    }
  });
});
