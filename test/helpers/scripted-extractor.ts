import type { Signal } from "../../src/core/qualification.js";
import type { ExtractionInput, ExtractionResult, Extractor, Intent } from "../../src/extraction/extractor.js";

export type ScriptedTurn = { signals?: Signal[]; intents?: Intent[] } | Error;

/** Replays scripted results in order and fails loudly when called more often than scripted. */
export function scriptedExtractor(turns: ScriptedTurn[]): Extractor & { calls: ExtractionInput[] } {
  const calls: ExtractionInput[] = [];
  return {
    name: "scripted",
    calls,
    async extract(input: ExtractionInput): Promise<ExtractionResult> {
      calls.push(input);
      const turn = turns[calls.length - 1];
      if (turn === undefined)
        throw new Error(`scripted extractor called ${calls.length} times, scripted ${turns.length}`);
      if (turn instanceof Error) throw turn;
      return { signals: turn.signals ?? [], intents: turn.intents ?? [], extractor: "scripted" };
    },
  };
}

export const evidenceOf = (quote: string, confidence = 0.9) => ({ evidence: [quote], confidence });
