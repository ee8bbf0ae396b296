import type { Config } from "./config/env.js";
import { loadScorecard } from "./config/scorecard-file.js";
import { createConversationFeed } from "./engine/conversation-feed.js";
import type { EngineDeps } from "./engine/handle-prospect-message.js";
import {
  type Clock,
  type ConversationFeed,
  type LeadEvent,
  type LeadEventSink,
  type LeadStore,
  type Logger,
  type ProspectDelivery,
  systemClock,
} from "./engine/ports.js";
import type { OutboundDeps } from "./engine/send-to-prospect.js";
import type { Extractor } from "./extraction/extractor.js";
import { createOfflineExtractor } from "./extraction/offline/index.js";
import { loadReplyTemplates } from "./replies/load-templates.js";
import { migrateSqlite } from "./store/migrate.js";
import { createPrismaClient, type Database } from "./store/prisma-client.js";
import { createPrismaLeadStore } from "./store/prisma-lead-store.js";

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
  /** Sinks added by channels (Slack handoff cards, webhooks) receive every lead event. */
  addEventSink(sink: LeadEventSink): void;
  close(): Promise<void>;
}

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
  const migration = migrateSqlite(config.databaseUrl);
  if (migration.applied.length > 0) logger.info({ applied: migration.applied }, "database migrated");
  const db = createPrismaClient(config.databaseUrl);
  const store = createPrismaLeadStore(db);
  const sinks: LeadEventSink[] = [];
  const feed = createConversationFeed();
  const deliveries = new Map<string, ProspectDelivery>();
  const events: LeadEventSink = {
    async publish(event: LeadEvent) {
      logger.info({ type: event.type, leadId: event.lead.id, stage: event.lead.stage }, "lead event");
      const results = await Promise.allSettled(sinks.map((sink) => sink.publish(event)));
      for (const result of results)
        if (result.status === "rejected")
          logger.error({ code: "EVENT_SINK_FAILED", type: event.type, error: String(result.reason) }, "lead event sink failed");
    },
  };
  const engine: EngineDeps = {
    store,
    extractor: options.extractor ?? (await chooseExtractor(config, logger)),
    scorecard: loadScorecard(config.scorecardPath),
    templates: loadReplyTemplates(),
    clock: options.clock ?? systemClock,
    events,
    logger,
    feed,
  };
  return {
    config,
    db,
    store,
    engine,
    logger,
    feed,
    outbound: { store, feed, deliveries, logger },
    registerDelivery: (channel, delivery) => deliveries.set(channel, delivery),
    addEventSink: (sink) => sinks.push(sink),
    close: () => db.$disconnect(),
  };
}
