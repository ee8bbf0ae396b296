import {
  createSlackChannel,
  type SlackChannel,
  type SlackChannelOptions,
} from "../../../src/channels/slack/index.js";
import type { Signal } from "../../../src/core/qualification.js";
import type { Clock } from "../../../src/engine/ports.js";
import type { ExtractionInput, Extractor } from "../../../src/extraction/extractor.js";
import { createHttpApp, type RunningServer, startHttpServer } from "../../../src/http/server.js";
import { silentLogger } from "../../../src/logging/logger.js";
import { createQualbot } from "../../../src/main.js";
import type { DatabaseKind } from "../../../src/store/database-url.js";
import { type FakeSlackApi, type FakeSlackOptions, startFakeSlackApi } from "../../fakes/slack-api.js";
import { createTestQualbot, type TestQualbot } from "../../helpers/database.js";
import {
  postSignedInteraction,
  postSignedJson,
  type SlackRequestOptions,
  type Workspace,
} from "./slack-requests.js";

type SignalWithoutEvidence = Signal extends infer S
  ? S extends Signal
    ? Omit<S, "evidence" | "confidence">
    : never
  : never;

/** Substring rules: a message containing `when` yields `emit`, with `when` as its evidence quote. */
export function keywordExtractor(
  rules: { when: string; emit: SignalWithoutEvidence }[],
  options: { delayMs?: number; failWhen?: string } = {},
): Extractor & { calls: ExtractionInput[] } {
  const calls: ExtractionInput[] = [];
  return {
    name: "keywords",
    calls,
    async extract(input) {
      calls.push(input);
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      if (options.failWhen && input.text.includes(options.failWhen))
        throw Object.assign(new Error("scripted failure"), { code: "SCRIPTED" });
      const signals = rules
        .filter((rule) => input.text.includes(rule.when))
        .map((rule) => ({ ...rule.emit, evidence: [rule.when], confidence: 0.9 }) as Signal);
      return { signals, intents: [], extractor: "keywords" };
    },
  };
}

/** Three messages that qualify a lead under the default rule (need + budget + authority). */
export const qualifyingMessages = [
  "Hi, I'm Dana Reyes. Our lead routing is slow and reps lose deals.",
  "We have $50k a year for this.",
  "I sign off on tools like this.",
];

export const bantRules = [
  {
    when: "lead routing is slow",
    emit: { field: "need", value: { status: "explicit", pains: ["slow lead routing"] } },
  },
  {
    when: "$50k a year",
    emit: { field: "budget", value: { status: "allocated", amount: 50000, currency: "USD", period: "year" } },
  },
  { when: "I sign off", emit: { field: "authority", value: { status: "decision_maker" } } },
  { when: "Dana Reyes", emit: { field: "contact.name", value: "Dana Reyes" } },
] satisfies { when: string; emit: SignalWithoutEvidence }[];

export interface FakeClock extends Clock {
  advance(ms: number): void;
}

/** Real time plus an offset that tests move forward. */
export function fakeClock(): FakeClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms) {
      offset += ms;
    },
  };
}

export interface SlackHarness {
  qualbot: TestQualbot;
  fake: FakeSlackApi;
  channel: SlackChannel;
  server: RunningServer;
  eventsUrl: string;
  secret: string;
  workspace: Workspace;
  clock: FakeClock;
  sendEvent(payload: unknown, options?: Partial<SlackRequestOptions>): Promise<Response>;
  sendInteraction(payload: unknown, options?: Partial<SlackRequestOptions>): Promise<Response>;
  /** Waits until every acknowledged request is handled and due lead events are delivered. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export const salesChannel = "C_SALES";
export const reps = { first: "U_REP1", second: "U_REP2", outsider: "U_OUTSIDER" };

async function startInstance(
  qualbot: TestQualbot,
  parts: { fake: FakeSlackApi; clock: FakeClock; secret: string; channel?: SlackChannelOptions },
): Promise<Omit<SlackHarness, "close">> {
  const { fake, clock, secret } = parts;
  const channel = await createSlackChannel(qualbot, { clock, ...parts.channel });
  const listeners = { slack: channel.requestListener };
  const server = await startHttpServer(createHttpApp(qualbot, listeners), listeners, {
    port: 0,
    host: "127.0.0.1",
  });
  qualbot.dispatcher.start();
  // As `serve` does: acknowledged Slack events are handled as durable jobs.
  qualbot.jobs.start();
  const eventsUrl = `${server.url}/slack/events`;
  const workspace = { teamId: fake.teamId, botUserId: fake.botUserId };
  return {
    qualbot,
    fake,
    channel,
    server,
    eventsUrl,
    secret,
    workspace,
    clock,
    sendEvent: (payload, requestOptions = {}) =>
      postSignedJson(eventsUrl, payload, { secret, ...requestOptions }),
    sendInteraction: (payload, requestOptions = {}) =>
      postSignedInteraction(eventsUrl, payload, { secret, ...requestOptions }),
    async settle() {
      for (let round = 0; round < 3; round++) {
        await channel.idle();
        await qualbot.dispatcher.drain();
      }
      await channel.idle();
    },
  };
}

async function startAnotherInstance(
  first: SlackHarness,
  options: { extractor?: Extractor; channel?: SlackChannelOptions },
): Promise<SlackHarness> {
  const qualbot = await createQualbot(first.qualbot.config, {
    logger: silentLogger,
    extractor: options.extractor ?? keywordExtractor(bantRules),
    clock: first.clock,
  });
  const instance = await startInstance(
    { ...qualbot, cleanup: () => qualbot.close() },
    { fake: first.fake, clock: first.clock, secret: first.secret, channel: options.channel },
  );
  return {
    ...instance,
    async close() {
      await instance.channel.stop();
      await instance.server.close();
      await instance.qualbot.cleanup();
    },
  };
}

export async function startSlackHarness(
  options: {
    extractor?: Extractor;
    env?: Record<string, string>;
    fake?: FakeSlackOptions;
    channel?: SlackChannelOptions;
    /** PostgreSQL runs the jobs through pg-boss; SQLite (the default) through the Job table. */
    database?: DatabaseKind;
    /**
     * Another instance of this harness's deployment: its own Qualbot, Slack channel and server on
     * the first one's database, clock and fake Slack (closing it leaves those to the first).
     */
    besides?: SlackHarness;
  } = {},
): Promise<SlackHarness> {
  if (options.besides) return startAnotherInstance(options.besides, options);
  const secret = "test-signing-secret-0123456789";
  const fake = await startFakeSlackApi({
    token: "xoxb-test-token",
    users: {
      [reps.first]: { name: "Riley Rep", teamId: "T_HOME" },
      [reps.second]: { name: "Sam Second", teamId: "T_HOME" },
      [reps.outsider]: { name: "Olly Outsider", teamId: "T_HOME" },
    },
    ...options.fake,
  });
  const clock = fakeClock();
  const qualbot = await createTestQualbot({
    extractor: options.extractor ?? keywordExtractor(bantRules),
    clock,
    database: options.database,
    env: {
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: fake.url,
      SLACK_SALES_CHANNEL: salesChannel,
      SLACK_REP_USER_IDS: `${reps.first},${reps.second}`,
      HANDOFF_SLA_MINUTES: "60",
      HANDOFF_ESCALATE_TO: "U_MANAGER",
      ...options.env,
    },
  });
  const instance = await startInstance(qualbot, { fake, clock, secret, channel: options.channel });
  return {
    ...instance,
    async close() {
      await instance.channel.stop();
      await instance.server.close();
      await qualbot.cleanup();
      await fake.close();
    },
  };
}
