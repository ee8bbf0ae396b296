import type { EngineDeps } from "../../engine/handle-prospect-message.js";
import type { HandoffDecisionDeps, RepDirectory } from "../../engine/handoff-decisions.js";
import type { KeyedLock } from "../../engine/keyed-lock.js";
import type { Clock, JobQueue, LeadStore, Logger } from "../../engine/ports.js";
import type { RepTakeoverDeps } from "../../engine/rep-takeover.js";
import type { OutboundDeps } from "../../engine/send-to-prospect.js";
import type { BackgroundWork } from "./background-work.js";
import type { HandoffCardPublisherDeps } from "./handoff-card-sink.js";
import type { InboundKeys } from "./inbound-keys.js";
import type { PrismaHandoffStore } from "./prisma-handoff-store.js";
import type { SlackApi, SlackIdentity } from "./slack-api.js";

/** What every Slack listener gets; built once by `createSlackChannel`, faked in listener tests. */
export interface SlackChannelDeps {
  engine: EngineDeps;
  leads: LeadStore;
  outbound: OutboundDeps;
  slack: SlackApi;
  identity: SlackIdentity;
  salesChannel?: string;
  handoffs: PrismaHandoffStore;
  reps: RepDirectory;
  inbound: InboundKeys;
  /** Per-conversation order: one prospect turn (and its replies) at a time. */
  locks: KeyedLock;
  work: BackgroundWork;
  /**
   * Durable queue for events acknowledged to Slack: an instance that dies mid-turn leaves the job
   * to another. Without it (listener tests), events are handled in-process after the ack.
   */
  jobs?: JobQueue;
  clock: Clock;
  logger: Logger;
}

export function decisionDepsOf(deps: SlackChannelDeps): HandoffDecisionDeps {
  return {
    handoffs: deps.handoffs,
    leads: deps.leads,
    reps: deps.reps,
    events: deps.engine.events,
    outbound: deps.outbound,
    clock: deps.clock,
    logger: deps.logger,
  };
}

export function takeoverDepsOf(deps: SlackChannelDeps): RepTakeoverDeps {
  return {
    handoffs: deps.handoffs,
    takeovers: deps.handoffs,
    leads: deps.leads,
    reps: deps.reps,
    outbound: deps.outbound,
    logger: deps.logger,
  };
}

export function cardDepsOf(deps: SlackChannelDeps): HandoffCardPublisherDeps {
  return {
    handoffs: deps.handoffs,
    leads: deps.leads,
    slack: deps.slack,
    salesChannel: deps.salesChannel,
    logger: deps.logger,
  };
}
