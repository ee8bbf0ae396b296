import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { TurnObservation, TurnObserver } from "../engine/handle-prospect-message.js";
import type { Database } from "../store/prisma-client.js";

export interface Metrics extends TurnObserver {
  registry: Registry;
  /** Prometheus text exposition of every metric. */
  render(): Promise<string>;
}

/**
 * Prometheus metrics for `/metrics`. Turn, extraction and LLM figures are counted in-process;
 * handoffs and the event queue are read from the database when scraped, so they are right
 * across restarts and instances.
 */
export function createMetrics(db: Database): Metrics {
  const registry = new Registry();
  const turns = new Counter({
    name: "qualbot_turns_total",
    help: "Prospect turns processed, by channel and the bot's move",
    labelNames: ["channel", "move"] as const,
    registers: [registry],
  });
  const turnSeconds = new Histogram({
    name: "qualbot_turn_duration_seconds",
    help: "Time to process one prospect turn (extraction, scoring, storage)",
    labelNames: ["channel"] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const extractions = new Counter({
    name: "qualbot_extractions_total",
    help: "Extractions by extractor and outcome (ok, fallback to offline, error)",
    labelNames: ["extractor", "outcome"] as const,
    registers: [registry],
  });
  const dropped = new Counter({
    name: "qualbot_extracted_values_dropped_total",
    help: "Extracted values dropped because their evidence was not in the prospect's words or contradicted it",
    registers: [registry],
  });
  const llmSeconds = new Histogram({
    name: "qualbot_llm_latency_seconds",
    help: "Latency of LLM extraction calls",
    labelNames: ["model"] as const,
    buckets: [0.25, 0.5, 1, 2, 4, 8, 16, 32],
    registers: [registry],
  });
  const llmTokens = new Counter({
    name: "qualbot_llm_tokens_total",
    help: "LLM tokens by kind (prompt, completion)",
    labelNames: ["model", "kind"] as const,
    registers: [registry],
  });
  const llmCost = new Counter({
    name: "qualbot_llm_cost_usd_total",
    help: "LLM cost in US dollars",
    labelNames: ["model"] as const,
    registers: [registry],
  });
  new Gauge({
    name: "qualbot_handoffs",
    help: "Handoffs by current status (pending, reassigned, approved, rejected)",
    labelNames: ["status"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const groups = await db.handoff.groupBy({ by: ["status"], _count: { _all: true } });
      for (const group of groups) this.set({ status: group.status }, group._count._all);
    },
  });
  new Gauge({
    name: "qualbot_event_deliveries",
    help: "Lead-event deliveries (Slack cards, webhooks) by status; pending is the queue depth",
    labelNames: ["status"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const groups = await db.eventDelivery.groupBy({ by: ["status"], _count: { _all: true } });
      for (const group of groups) this.set({ status: group.status }, group._count._all);
    },
  });

  return {
    registry,
    onTurn(observation: TurnObservation) {
      const { extraction } = observation;
      turns.inc({ channel: observation.channel, move: observation.move.kind });
      turnSeconds.observe({ channel: observation.channel }, observation.durationMs / 1000);
      extractions.inc({
        extractor: extraction.extractor.startsWith("llm:") ? "llm" : extraction.extractor,
        outcome: extraction.outcome,
      });
      if (extraction.droppedValues > 0) dropped.inc(extraction.droppedValues);
      if (extraction.model) {
        const model = extraction.model;
        llmSeconds.observe({ model }, extraction.latencyMs / 1000);
        llmTokens.inc({ model, kind: "prompt" }, extraction.promptTokens);
        llmTokens.inc({ model, kind: "completion" }, extraction.completionTokens);
        if (extraction.costUsd > 0) llmCost.inc({ model }, extraction.costUsd);
      }
    },
    render: () => registry.metrics(),
  };
}
