import type { IncomingMessage, ServerResponse } from "node:http";
import { App, HTTPReceiver, SocketModeReceiver, type ViewSubmitAction } from "@slack/bolt";
import { checkHandoffSla, type HandoffSlaDeps, type SlaReport } from "../../engine/handoff-sla.js";
import { KeyedLock } from "../../engine/keyed-lock.js";
import { type PeriodicJob, startPeriodicJob } from "../../engine/periodic-job.js";
import type { Clock } from "../../engine/ports.js";
import { enqueueProspectMirror, workOnProspectMirror } from "../../engine/rep-takeover.js";
import type { Qualbot } from "../../main.js";
import { ackEventsAfterListeners } from "./ack-after-listeners.js";
import { BackgroundWork } from "./background-work.js";
import { prospectMirrorDepsOf } from "./card-thread-mirror.js";
import {
  approveAction,
  editAction,
  handBackAction,
  reassignAction,
  rejectAction,
} from "./handoff-actions.js";
import { handoffActionIds } from "./handoff-card.js";
import { createHandoffCardSink } from "./handoff-card-sink.js";
import { modalCallbackIds } from "./handoff-modals.js";
import { editFieldsSubmission, rejectReasonSubmission } from "./handoff-submissions.js";
import { createInboundKeys } from "./inbound-keys.js";
import {
  handleSlackMessageEvent,
  SlackEventNotStoredError,
  slackEventJob,
  slackMessageListener,
} from "./message-listener.js";
import { createPrismaHandoffStore } from "./prisma-handoff-store.js";
import { createRateLimitGate } from "./rate-limit-gate.js";
import { createSlackRepDirectory } from "./rep-directory.js";
import { createSlackSlaNotifier } from "./sla-notifier.js";
import {
  createSlackApi,
  createWebClient,
  type SlackApi,
  type SlackIdentity,
  SlackSetupError,
  slackClientOptions,
} from "./slack-api.js";
import { createSlackProspectDelivery } from "./slack-delivery.js";
import type { SlackChannelDeps } from "./slack-deps.js";
import { toSlackLogger } from "./slack-logger.js";

export interface SlackChannelOptions {
  /** Defaults to the engine's clock (the SLA and member caching read it). */
  clock?: Clock;
  /** How often the approval SLA is checked. */
  slaCheckIntervalMs?: number;
  /** How long inbound event ids are kept for deduplication. */
  inboundKeyTtlMs?: number;
  /** For tests and benchmarks: a different Slack API (the default is the web client). */
  slack?: SlackApi;
  /** Waits between rate-limited attempts (tests shorten it). */
  sleep?: (ms: number) => Promise<void>;
}

export interface SlackChannel {
  app: App;
  mode: "http" | "socket";
  /** HTTP mode: Slack's requests to POST /slack/events (events and interactivity); mount it on the server. */
  requestListener?: (request: IncomingMessage, response: ServerResponse) => void;
  receiver: HTTPReceiver | SocketModeReceiver;
  identity: SlackIdentity;
  slack: SlackApi;
  deps: SlackChannelDeps;
  /** Starts the SLA timer (through the job queue, which it also starts) and key pruning, and (Socket Mode) connects. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when everything acknowledged so far has been handled. */
  idle(): Promise<void>;
  /** One SLA check now (the timer runs it too). */
  checkSla(): Promise<SlaReport>;
}

export const slackEventsPath = "/slack/events";
const dayMs = 24 * 60 * 60_000;

/**
 * The Slack channel (DESIGN §7): a Bolt app whose receiver only does transport (verify, parse,
 * ack: interactivity at once, events once stored as jobs) and whose listeners are named callbacks
 * over qualbot's engine and handoff use cases. Registers the Slack prospect delivery, the handoff-card
 * event sink and the takeover's card-thread mirror (a job) on `qualbot`.
 */
export async function createSlackChannel(
  qualbot: Qualbot,
  options: SlackChannelOptions = {},
): Promise<SlackChannel> {
  const config = qualbot.config.slack;
  if (!config) throw new SlackSetupError("Slack is not configured: set SLACK_BOT_TOKEN");
  if (!config.appToken && !config.signingSecret)
    throw new SlackSetupError("Set SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)");
  const { logger } = qualbot;
  const clock = options.clock ?? qualbot.engine.clock;
  const slack =
    options.slack ??
    createSlackApi(createWebClient({ botToken: config.botToken, apiUrl: config.apiUrl, logger }), {
      logger,
      gate: createRateLimitGate({ logger, sleep: options.sleep }),
    });
  const identity = await slack.identify();

  const boltLogger = toSlackLogger(logger, "slack-bolt");
  // A request whose processing failed (an event not stored) is not acknowledged: Slack sends it
  // again. A stored event's failure was logged by app.error already.
  const notAcknowledged = (error: Error) => {
    if (!(error instanceof SlackEventNotStoredError))
      logger.error(
        { code: (error as { code?: string }).code ?? "SLACK_REQUEST_FAILED" },
        "Slack request failed",
      );
  };
  const receiver = config.appToken
    ? new SocketModeReceiver({
        appToken: config.appToken,
        logger: boltLogger,
        processEventErrorHandler: async ({ error }) => {
          notAcknowledged(error);
          return false;
        },
      })
    : new HTTPReceiver({
        signingSecret: config.signingSecret!,
        endpoints: slackEventsPath,
        // Interactivity is acked by its listeners before they work; events once they are stored
        // (ackEventsAfterListeners). Slack retries anything not acknowledged within 3 seconds.
        processBeforeResponse: false,
        processEventErrorHandler: async ({ error, response }) => {
          notAcknowledged(error);
          if (!response.headersSent) response.writeHead(503).end();
          return true;
        },
        logger: boltLogger,
      });
  const app = new App({
    token: config.botToken,
    // Known from auth.test above, so Bolt does not call it again per event.
    botId: identity.botId,
    botUserId: identity.botUserId,
    receiver: ackEventsAfterListeners(receiver),
    logger: boltLogger,
    clientOptions: slackClientOptions({ apiUrl: config.apiUrl, logger }),
    ignoreSelf: true,
    // Conversation state lives in qualbot's store, not in Bolt's in-memory one.
    convoStore: false,
  });

  const handoffs = createPrismaHandoffStore(qualbot.db);
  const work = new BackgroundWork();
  const deps: SlackChannelDeps = {
    engine: qualbot.engine,
    leads: qualbot.store,
    outbound: qualbot.outbound,
    slack,
    identity,
    salesChannel: config.salesChannel,
    handoffs,
    reps: createSlackRepDirectory({
      slack,
      teamId: identity.teamId,
      repUserIds: config.repUserIds,
      salesChannel: config.salesChannel,
      clock,
      logger,
    }),
    inbound: createInboundKeys(qualbot.db),
    locks: new KeyedLock(),
    work,
    jobs: qualbot.jobs,
    clock,
    logger,
  };

  app.event("message", slackMessageListener(deps));
  app.event("app_mention", slackMessageListener(deps));
  app.action(handoffActionIds.approve, approveAction(deps));
  app.action(handoffActionIds.reject, rejectAction(deps));
  app.action(handoffActionIds.reassign, reassignAction(deps));
  app.action(handoffActionIds.edit, editAction(deps));
  app.action(handoffActionIds.handBack, handBackAction(deps));
  app.view<ViewSubmitAction>(
    { callback_id: modalCallbackIds.reject, type: "view_submission" },
    rejectReasonSubmission(deps),
  );
  app.view<ViewSubmitAction>(
    { callback_id: modalCallbackIds.edit, type: "view_submission" },
    editFieldsSubmission(deps),
  );
  app.error(async (error) => {
    if (error instanceof SlackEventNotStoredError) {
      const cause = error.cause as { code?: string; message?: string } | undefined;
      logger.error(
        { code: error.code, eventId: error.eventId, cause: cause?.code, error: cause?.message },
        "Slack event not stored; not acknowledged, so Slack sends it again",
      );
      // Back to the receiver, which then leaves the event unacknowledged.
      throw error;
    }
    logger.error({ code: error.code ?? "SLACK_LISTENER_FAILED" }, "Slack listener failed");
  });

  qualbot.registerDelivery("slack", createSlackProspectDelivery(slack));
  // During a takeover each prospect message is shown in the card's thread, whichever instance
  // handled the prospect's turn and whichever runs the job.
  workOnProspectMirror(qualbot.jobs, prospectMirrorDepsOf(deps));
  qualbot.onRepOwnedMessage(async (message) => {
    await enqueueProspectMirror(qualbot.jobs, message);
  });
  qualbot.addEventSink(
    "slack:handoff-cards",
    createHandoffCardSink({ ...deps, salesChannel: config.salesChannel }),
  );

  const slaDeps: HandoffSlaDeps = {
    store: handoffs,
    notifier: createSlackSlaNotifier(slack),
    clock,
    logger,
    slaMinutes: qualbot.config.handoff.slaMinutes,
    escalateTo: qualbot.config.handoff.escalateTo,
  };
  qualbot.jobs.work(slackEventJob, async (payload, job) => {
    await handleSlackMessageEvent(deps, payload.body, { retry: job.attempt > 1 });
  });
  // One SLA check per period across all instances: the check runs as a job.
  const slaCheckJob = "handoff.sla-check";
  qualbot.jobs.work(slaCheckJob, async () => {
    await checkHandoffSla(slaDeps);
  });
  let slaTimer: PeriodicJob | undefined;
  let pruneTimer: NodeJS.Timeout | undefined;
  const inboundKeyTtlMs = options.inboundKeyTtlMs ?? 7 * dayMs;
  const mode = config.appToken ? "socket" : "http";

  return {
    app,
    mode,
    requestListener: receiver instanceof HTTPReceiver ? receiver.requestListener : undefined,
    receiver,
    identity,
    slack,
    deps,
    async start() {
      slaTimer ??= startPeriodicJob({ jobs: qualbot.jobs, clock, logger }, slaCheckJob, {
        intervalMs: options.slaCheckIntervalMs ?? 60_000,
      });
      qualbot.jobs.start();
      pruneTimer ??= setInterval(() => {
        void deps.inbound
          .prune(new Date(clock.now().getTime() - inboundKeyTtlMs))
          .catch((error) =>
            logger.warn(
              { code: "PRUNE_FAILED", error: (error as Error).message },
              "could not prune Slack event keys",
            ),
          );
      }, 60 * 60_000);
      pruneTimer.unref();
      if (mode === "socket") await app.start();
      logger.info({ mode, team: identity.teamId }, "Slack channel started");
    },
    async stop() {
      slaTimer?.stop();
      slaTimer = undefined;
      clearInterval(pruneTimer);
      pruneTimer = undefined;
      if (mode === "socket") await app.stop();
      await work.idle();
    },
    async idle() {
      // Events become jobs before they are acknowledged; wait for enqueues in flight and the jobs.
      for (;;) {
        await work.idle();
        const ran = await qualbot.jobs.drain();
        if (ran === 0 && work.size === 0) return;
      }
    },
    checkSla: () => checkHandoffSla(slaDeps),
  };
}
