import { describe, expect, it } from "vitest";
import { createRateLimitGate, SlackRateLimitedError } from "../../../src/channels/slack/rate-limit-gate.js";
import { createSlackRepDirectory } from "../../../src/channels/slack/rep-directory.js";
import { silentLogger } from "../../../src/logging/logger.js";

const rateLimited = (retryAfter: number) =>
  Object.assign(new Error("rate limited"), { code: "slack_webapi_rate_limited_error", retryAfter });

/** Virtual time: sleeping advances it, so waits are measured without real delays. */
function virtualTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe("rate-limit gate", () => {
  it("waits Retry-After for the limited key, then succeeds", async () => {
    const time = virtualTime();
    const gate = createRateLimitGate({ logger: silentLogger, now: time.now, sleep: time.sleep });
    let attempts = 0;
    const result = await gate.run("chat.postMessage:C1", async () => {
      if (++attempts === 1) throw rateLimited(3);
      return "ok";
    });
    expect(result).toBe("ok");
    expect(attempts).toBe(2);
    expect(time.sleeps).toEqual([3000]);
  });

  it("does not hold back other keys while one waits", async () => {
    let now = 0;
    let release!: () => void;
    const gate = createRateLimitGate({
      logger: silentLogger,
      now: () => now,
      // The wait ends only when the test says so (and time has moved on).
      sleep: (ms) =>
        new Promise<void>((resolve) => {
          release = () => {
            now += ms;
            resolve();
          };
        }),
    });
    let first = 0;
    const limited = gate.run("chat.postMessage:C1", async () => {
      if (++first === 1) throw rateLimited(30);
      return "C1";
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await expect(gate.run("chat.postMessage:C2", async () => "C2")).resolves.toBe("C2");
    release();
    await expect(limited).resolves.toBe("C1");
  });

  it("makes later calls on a limited key wait too, instead of hitting Slack again", async () => {
    const time = virtualTime();
    const gate = createRateLimitGate({ logger: silentLogger, now: time.now, sleep: time.sleep });
    let calls = 0;
    await gate.run("views.open", async () => {
      if (++calls === 1) throw rateLimited(2);
    });
    expect(time.now()).toBe(2000);
    await gate.run("views.open", async () => void calls++);
    expect(calls).toBe(3);
    expect(time.sleeps).toEqual([2000]);
  });

  it("gives up after the attempts allowed, and on a Retry-After longer than it will wait", async () => {
    const time = virtualTime();
    const gate = createRateLimitGate({
      logger: silentLogger,
      now: time.now,
      sleep: time.sleep,
      maxAttempts: 3,
      maxWaitMs: 10_000,
    });
    await expect(gate.run("k", async () => Promise.reject(rateLimited(1)))).rejects.toBeInstanceOf(
      SlackRateLimitedError,
    );
    expect(time.sleeps).toEqual([1000, 1000]);
    await expect(gate.run("other", async () => Promise.reject(rateLimited(60)))).rejects.toMatchObject({
      code: "SLACK_RATE_LIMITED",
      attempts: 1,
    });
  });

  it("passes other errors through untouched", async () => {
    const gate = createRateLimitGate({ logger: silentLogger });
    const failure = Object.assign(new Error("channel_not_found"), { code: "slack_webapi_platform_error" });
    await expect(gate.run("k", async () => Promise.reject(failure))).rejects.toBe(failure);
  });
});

describe("rep directory", () => {
  const clock = { now: () => new Date() };

  it("configured reps only; never a user of another team", async () => {
    const reps = createSlackRepDirectory({
      slack: { channelMembers: async () => ["U_MEMBER"] },
      teamId: "T_HOME",
      repUserIds: ["U_REP"],
      salesChannel: "C_SALES",
      clock,
      logger: silentLogger,
    });
    expect(await reps.canDecide({ id: "U_REP" })).toBe(true);
    expect(await reps.canDecide({ id: "U_REP", teamId: "T_HOME" })).toBe(true);
    expect(await reps.canDecide({ id: "U_REP", teamId: "T_ACME" })).toBe(false);
    expect(await reps.canDecide({ id: "U_MEMBER" })).toBe(false);
  });

  it("without configured reps, the sales channel's members (listed once per TTL)", async () => {
    let listed = 0;
    let now = 0;
    const reps = createSlackRepDirectory({
      slack: {
        channelMembers: async (channel) => {
          listed++;
          return channel === "C_SALES" ? ["U_MEMBER"] : [];
        },
      },
      teamId: "T_HOME",
      repUserIds: [],
      salesChannel: "C_SALES",
      clock: { now: () => new Date(now) },
      logger: silentLogger,
      membersTtlMs: 1000,
    });
    expect(await reps.canDecide({ id: "U_MEMBER" })).toBe(true);
    expect(await reps.canDecide({ id: "U_STRANGER" })).toBe(false);
    expect(await reps.canDecide({ id: "U_MEMBER", teamId: "T_ACME" })).toBe(false);
    expect(listed).toBe(1);
    now = 5000;
    await reps.canDecide({ id: "U_MEMBER" });
    expect(listed).toBe(2);
  });

  it("nobody decides when the member list cannot be read, and it is retried next time", async () => {
    let fail = true;
    const reps = createSlackRepDirectory({
      slack: {
        channelMembers: async () => (fail ? Promise.reject(new Error("missing_scope")) : ["U_MEMBER"]),
      },
      teamId: "T_HOME",
      repUserIds: [],
      salesChannel: "C_SALES",
      clock,
      logger: silentLogger,
    });
    expect(await reps.canDecide({ id: "U_MEMBER" })).toBe(false);
    fail = false;
    expect(await reps.canDecide({ id: "U_MEMBER" })).toBe(true);
  });
});
