import { createWebhookSink } from "./channels/webhook/webhook-sink.js";
import type { Config } from "./config/env.js";
import { loadScorecard } from "./config/scorecard-file.js";
import { createConversationFeed } from "./engine/conversation-feed.js";
import { createEventDispatcher, type EventDispatcher } from "./engine/event-dispatcher.js";
import type { EngineDeps } from "./engine/handle-prospect-message.js";
import {
  enqueueStaleMessages,
  type MessageRecoveryDeps,
  workOnMessageRecovery,
} from "./engine/message-recovery.js";
import {
  type Clock,
  type ConversationFeed,
  type EventOutbox,
  type JobQueue,
  type LeadEventSink,
  type LeadStore,
  type Logger,
  type ProspectDelivery,
  systemClock,
} from "./engine/ports.js";
import { type OutboundDeps, workOnProspectDeliveries } from "./engine/send-to-prospect.js";
import type { Extractor } from "./extraction/extractor.js";
import { createOfflineExtractor } from "./extraction/offline/index.js";
import { createMetrics, type Metrics } from "./observability/metrics.js";
import { loadReplyTemplates } from "./replies/load-templates.js";
import { isPostgres } from "./store/database-url.js";
import { migrateDatabase } from "./store/migrate-database.js";
import { createPgBossJobQueue } from "./store/pg-boss-job-queue.js";
import { relayFeedThroughPostgres } from "./store/postgres-feed-relay.js";
import { createPrismaClient, type Database } from "./store/prisma-client.js";
import { createPrismaEventOutbox } from "./store/prisma-event-outbox.js";
import { createPrismaJobQueue } from "./store/prisma-job-queue.js";
import { createPrismaLeadStore } from "./store/prisma-lead-store.js";
import { openSqliteAccess } from "./store/sqlite-access.js";
import { createSqliteLeadStore } from "./store/sqlite-lead-store.js";

export interface Qualbot {
  config: Config;
  db: Database;
  store: LeadStore;
  engine: EngineDeps;
  logger: Logger;
  feed: ConversationFeed;
  /** What `sendToProspect` needs: store, feed and each channel's delivery. */
  outbound: OutboundDeps;
  /** A channel (Slack, web) registers how to reach its prospects. */
  registerDelivery(channel: string, delivery: ProspectDelivery): void;
  /**
   * A target for every lead event (Slack handoff cards, webhooks), delivered at least once from
   * the durable outbox. `name` must be stable across restarts: pending deliveries are keyed on it.
   */
  addEventSink(name: string, sink: LeadEventSink): void;
  /**
   * A channel where reps work (Slack) is told about each prospect message of a conversation a rep
   * owns, by whichever instance handles the turn (before the turn commits; maybe more than once).
   */
  onRepOwnedMessage(listener: RepOwnedMessageListener): void;
  outbox: EventOutbox;
  dispatcher: EventDispatcher;
  metrics: Metrics;
  /** Durable background jobs shared by every instance (started by `serve`, drained by tests). */
  jobs: JobQueue;
  /** What the turn-recovery scan and job need (abandoned turns are answered by any instance). */
  recovery: MessageRecoveryDeps;
  /** Enqueues a recovery job for every prospect message left unanswered too long; returns how many. */
  recoverAbandonedTurns(): Promise<number>;
  close(): Promise<void>;
}

export type RepOwnedMessageListener = NonNullable<EngineDeps["onRepOwnedMessage"]>;

export interface QualbotOptions {
  logger: Logger;
  extractor?: Extractor;
  clock?: Clock;
}

async function chooseExtractor(config: Config, logger: Logger): Promise<Extractor> {
  const offline = createOfflineExtractor();
  if (!config.openai) return offline;
  const { createLlmBrainFromConfig } = await import("./llm/index.js");
  return createLlmBrainFromConfig(config.openai, { fallback: offline, logger });
}

/** Wiring only: config → store → extractor → engine. Channels attach to the result. */
export async function createQualbot(config: Config, options: QualbotOptions): Promise<Qualbot> {
  const { logger } = options;
  const migration = await migrateDatabase(config.databaseUrl);
  if (migration.applied.length > 0) logger.info({ applied: migration.applied }, "database migrated");
  // SQLite: the turn's hot path is hand-written SQL on its own connection (sqlite-lead-store.ts),
  // sharing a lock with Prisma; PostgreSQL: everything through Prisma.
  const synchronous = config.sqliteSynchronous;
  const sqlite = isPostgres(config.databaseUrl)
    ? null
    : openSqliteAccess(config.databaseUrl, { synchronous });
  const db = createPrismaClient(config.databaseUrl, { sqliteLock: sqlite?.lock, synchronous });
  const sinks = new Map<string, LeadEventSink>();
  const targets = () => [...sinks.keys()];
  const store = sqlite
    ? createSqliteLeadStore(sqlite, { eventTargets: targets })
    : createPrismaLeadStore(db, { eventTargets: targets });
  const outbox = createPrismaEventOutbox(db, targets);
  const clock = options.clock ?? systemClock;
  const dispatcher = createEventDispatcher({ outbox, sinks, clock, logger });
  if (config.webhooks.secret)
    for (const url of config.webhooks.urls)
      sinks.set(`webhook:${url}`, createWebhookSink({ url, secret: config.webhooks.secret }));
  // Several instances on PostgreSQL: a message stored by one wakes event streams on all.
  const relay = isPostgres(config.databaseUrl)
    ? await relayFeedThroughPostgres(createConversationFeed(), {
        connectionString: config.databaseUrl,
        logger,
      })
    : null;
  const feed = relay?.feed ?? createConversationFeed();
  const metrics = createMetrics(db);
  const deliveries = new Map<string, ProspectDelivery>();
  const repOwnedMessageListeners: RepOwnedMessageListener[] = [];
  const engine: EngineDeps = {
    store,
    extractor: options.extractor ?? (await chooseExtractor(config, logger)),
    scorecard: loadScorecard(config.scorecardPath),
    templates: loadReplyTemplates(),
    clock,
    events: {
      async publish(event) {
        await outbox.append([event], clock.now());
        dispatcher.nudge();
      },
    },
    onEventsRecorded: () => dispatcher.nudge(),
    async onRepOwnedMessage(message) {
      for (const listener of repOwnedMessageListeners) await listener(message);
    },
    observer: metrics,
    logger,
    feed,
  };
  // PostgreSQL (scale-out) runs jobs through pg-boss; SQLite (one instance) through the Job table.
  const jobs = isPostgres(config.databaseUrl)
    ? createPgBossJobQueue({ connectionString: config.databaseUrl, logger })
    : createPrismaJobQueue(db, { clock, logger });
  const recovery: MessageRecoveryDeps = {
    engine,
    jobs,
    deliveries,
    logger,
    staleAfterMs: config.turnRecoverySeconds * 1000,
  };
  workOnMessageRecovery(recovery);
  workOnProspectDeliveries(jobs, deliveries);
  return {
    config,
    db,
    store,
    engine,
    logger,
    feed,
    outbound: { store, feed, deliveries, logger, jobs },
    registerDelivery: (channel, delivery) => deliveries.set(channel, delivery),
    addEventSink: (name, sink) => sinks.set(name, sink),
    onRepOwnedMessage: (listener) => void repOwnedMessageListeners.push(listener),
    outbox,
    dispatcher,
    metrics,
    jobs,
    recovery,
    recoverAbandonedTurns: () => enqueueStaleMessages(recovery),
    async close() {
      await jobs.stop();
      // Hand over what is due before exiting (short-lived commands such as `chat`); the rest
      // stays in the outbox for the next start.
      await dispatcher.stop();
      if (sinks.size > 0) await dispatcher.drain();
      await relay?.stop();
      await db.$disconnect();
      sqlite?.close();
    },
  };
}
