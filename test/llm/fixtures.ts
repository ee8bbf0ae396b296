import type { z } from "zod";
import type { Move } from "../../src/core/policy.js";
import { emptyQualification, type QualificationState } from "../../src/core/qualification.js";
import type { ExtractionInput, ExtractionResult, Extractor } from "../../src/extraction/extractor.js";
import type { GenerateObjectRequest } from "../../src/llm/llm-client.js";
import type { Timing } from "../../src/llm/timing.js";
import type { ModelSignal, TurnOutput } from "../../src/llm/turn-schema.js";

export const NOW = new Date("2026-11-23T10:00:00Z");

/** A model signal with every detail key null, as strict mode makes the model send it. */
export function modelSignal(
  fields: Partial<ModelSignal> & Pick<ModelSignal, "field" | "value" | "quote">,
): ModelSignal {
  return {
    amount: null,
    currency: null,
    period: null,
    target_date: null,
    pains: [],
    certainty: "stated",
    ...fields,
  };
}

export function turnOutput(fields: Partial<TurnOutput> = {}): TurnOutput {
  return {
    signals: [],
    intents: [],
    reply_for: "reply_goal",
    reply: "Thanks! When are you hoping to have something in place?",
    ...fields,
  };
}

export function askMove(slot: Extract<Move, { kind: "ask" }>["slot"]): Move {
  return { kind: "ask", slot, greet: false, deferQuestion: false, afterDecline: false };
}

export function extractionInput(
  fields: Partial<ExtractionInput> & Pick<ExtractionInput, "text">,
): ExtractionInput {
  const state: QualificationState = emptyQualification();
  return { history: [], now: NOW, state, plannedMove: askMove("timeline"), ...fields };
}

/** Time that only moves when the code under test sleeps (or the test advances it). */
export function createFakeTiming(start = Date.parse("2026-11-23T10:00:00Z")) {
  let now = start;
  const sleeps: number[] = [];
  const timing: Timing = {
    now: () => now,
    random: () => 0.5,
    sleep: async (milliseconds, signal) => {
      if (signal?.aborted) return;
      sleeps.push(milliseconds);
      now += milliseconds;
    },
  };
  return {
    timing,
    sleeps,
    advance(milliseconds: number) {
      now += milliseconds;
    },
  };
}

/** Stands in for the offline extractor where a test needs a known, fixed answer. */
export function scriptedExtractor(
  name: string,
  result: Omit<ExtractionResult, "extractor">,
): Extractor & { calls: ExtractionInput[] } {
  const calls: ExtractionInput[] = [];
  return {
    name,
    calls,
    async extract(input) {
      calls.push(input);
      return { ...result, extractor: name };
    },
  };
}

/** A structured request asking the model for a city (the fake server answers from its script). */
export function cityRequest<Schema extends z.ZodType>(schema: Schema, options: { system?: string } = {}) {
  return (signal?: AbortSignal): GenerateObjectRequest<Schema> => ({
    schema,
    schemaName: "answer",
    messages: [
      ...(options.system ? [{ role: "system" as const, content: options.system }] : []),
      { role: "user" as const, content: "Largest city in Bavaria?" },
    ],
    promptId: "test.v1",
    signal,
  });
}
