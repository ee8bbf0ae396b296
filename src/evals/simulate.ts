import { isSlotKnown, type Move } from "../core/policy.js";
import { labelsOf } from "../core/qualification.js";
import type { Slot } from "../core/scorecard.js";
import type { ConversationDriver } from "./conversation-driver.js";
import type { Prediction } from "./expected.js";
import type { Persona } from "./persona.js";
import { mapWithConcurrency } from "./pool.js";
import {
  type Aggregate,
  aggregate,
  type Metrics,
  type RoutingConfusion,
  routingConfusion,
  type SlotOutcomes,
  scoreCase,
} from "./score.js";
import { createSimulatedProspect, type ProspectFactory, type TranscriptEntry } from "./simulated-prospect.js";

/** Prospect messages per conversation before the simulation gives up. */
export const DEFAULT_MAX_TURNS = 12;

export type SimulationEnd = "prospect_left" | "max_turns";

export interface SimulatedConversation {
  id: string;
  /** Prospect messages sent. */
  turns: number;
  end: SimulationEnd;
  lastMove: Move["kind"] | null;
  factsAvailable: Slot[];
  factsGiven: Slot[];
  /** Available facts the lead's state knows at the end. */
  factsGathered: Slot[];
  /** Questions for a slot the bot had asked before. */
  reAsks: number;
  /** Questions for a slot the prospect had already answered (the answer was not understood). */
  reAsksAfterAnswer: number;
  routingCorrect: boolean | null;
  predicted: Prediction;
  outcomes: SlotOutcomes;
  transcript: TranscriptEntry[];
  error?: string;
}

export interface SimulationReport {
  personas: number;
  routing: RoutingConfusion;
  fields: Aggregate["fields"];
  micro: Metrics;
  meanTurns: number | null;
  /** Facts gathered / facts available, pooled over personas. */
  factsGatheredRate: number | null;
  /** Of the facts the prospect actually said, the share the lead's state knows at the end. */
  factsUnderstoodRate: number | null;
  reAsks: number;
  reAsksAfterAnswer: number;
  conversations: SimulatedConversation[];
  /** Who played the prospect, and what an LLM-played prospect cost (set by the command). */
  prospect?: ProspectUsage;
}

export interface ProspectUsage {
  kind: "rules" | "llm";
  model?: string;
  calls: number;
  cacheHits: number;
  promptTokens: number;
  completionTokens: number;
  /** Cost of every reply used, cached ones included. */
  costUsd: number;
}

export interface SimulationOptions {
  driver: ConversationDriver;
  runNow: Date;
  maxTurns?: number;
  concurrency?: number;
  /** Who plays the persona; the rule-based prospect by default. */
  createProspect?: ProspectFactory;
  onPersonaDone?: (done: number, total: number) => void;
}

function errorText(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? `${code}: ${error.message}` : error.message;
}

export async function simulatePersona(
  persona: Persona,
  options: SimulationOptions,
): Promise<SimulatedConversation> {
  const prospect = (options.createProspect ?? createSimulatedProspect)(persona);
  const conversation = await options.driver.start({
    now: persona.now ? new Date(persona.now) : options.runNow,
  });
  const transcript: SimulatedConversation["transcript"] = [];
  const askedBefore = new Set<Slot>();
  let reAsks = 0;
  let reAsksAfterAnswer = 0;
  let text: string | null = persona.opening;
  let turns = 0;
  let lastTurn: Awaited<ReturnType<typeof conversation.send>> | null = null;
  let end: SimulationEnd = "prospect_left";
  let error: string | undefined;

  while (text !== null) {
    if (turns >= (options.maxTurns ?? DEFAULT_MAX_TURNS)) {
      end = "max_turns";
      break;
    }
    transcript.push({ role: "prospect", text });
    turns++;
    try {
      lastTurn = await conversation.send(text);
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
      break;
    }
    transcript.push({ role: "bot", text: lastTurn.reply ?? "", move: lastTurn.move });
    const toldBefore = new Set(prospect.told());
    let answer: Awaited<ReturnType<typeof prospect.answer>>;
    try {
      answer = await prospect.answer(lastTurn.move, { transcript });
    } catch (caught) {
      error = `prospect: ${caught instanceof Error ? errorText(caught) : String(caught)}`;
      break;
    }
    if (answer.asked !== undefined && lastTurn.move.kind !== "explain_why") {
      if (askedBefore.has(answer.asked)) reAsks++;
      if (toldBefore.has(answer.asked)) reAsksAfterAnswer++;
      askedBefore.add(answer.asked);
    }
    text = answer.text;
  }

  const view = lastTurn?.view;
  const predicted = view
    ? labelsOf(view)
    : ({
        budget: { status: "unknown" },
        authority: { status: "unknown" },
        seniority: "unknown",
        need: { status: "unknown" },
        timeline: { status: "unknown" },
        disqualifiers: [],
        qualified: false,
      } satisfies Prediction);
  const factsAvailable = Object.keys(persona.facts) as Slot[];
  return {
    id: persona.id,
    turns,
    end,
    lastMove: lastTurn?.move.kind ?? null,
    factsAvailable,
    factsGiven: prospect.told(),
    factsGathered: view ? factsAvailable.filter((slot) => isSlotKnown(slot, view)) : [],
    reAsks,
    reAsksAfterAnswer,
    routingCorrect:
      persona.expected.qualified === undefined ? null : persona.expected.qualified === predicted.qualified,
    predicted,
    outcomes: scoreCase(persona.expected, predicted),
    transcript,
    ...(error ? { error } : {}),
  };
}

/** Talk to the bot once per persona and score what it gathered, how fast, and where it routed. */
export async function simulate(
  personas: readonly Persona[],
  options: SimulationOptions,
): Promise<SimulationReport> {
  let done = 0;
  const conversations = await mapWithConcurrency(personas, options.concurrency ?? 1, async (persona) => {
    const result = await simulatePersona(persona, options);
    options.onPersonaDone?.(++done, personas.length);
    return result;
  });
  const totals = aggregate(conversations.map((entry) => entry.outcomes));
  const available = conversations.reduce((sum, entry) => sum + entry.factsAvailable.length, 0);
  const gathered = conversations.reduce((sum, entry) => sum + entry.factsGathered.length, 0);
  const given = conversations.reduce((sum, entry) => sum + entry.factsGiven.length, 0);
  const understood = conversations.reduce(
    (sum, entry) => sum + entry.factsGiven.filter((slot) => entry.factsGathered.includes(slot)).length,
    0,
  );
  return {
    personas: conversations.length,
    routing: routingConfusion(
      personas.flatMap((persona, index) =>
        persona.expected.qualified === undefined
          ? []
          : [{ expected: persona.expected.qualified, predicted: conversations[index]!.predicted.qualified }],
      ),
    ),
    fields: totals.fields,
    micro: totals.micro,
    meanTurns:
      conversations.length === 0
        ? null
        : conversations.reduce((sum, entry) => sum + entry.turns, 0) / conversations.length,
    factsGatheredRate: available === 0 ? null : gathered / available,
    factsUnderstoodRate: given === 0 ? null : understood / given,
    reAsks: conversations.reduce((sum, entry) => sum + entry.reAsks, 0),
    reAsksAfterAnswer: conversations.reduce((sum, entry) => sum + entry.reAsksAfterAnswer, 0),
    conversations,
  };
}
