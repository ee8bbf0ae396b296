import { checkEvidence } from "../core/evidence.js";
import { mergeSignals } from "../core/merge.js";
import {
  emptyQualification,
  labelsOf,
  type QualificationState,
  viewQualification,
} from "../core/qualification.js";
import { type Scorecard, scoreLead } from "../core/scorecard.js";
import type { ExtractionResult, Extractor, TranscriptLine } from "../extraction/extractor.js";
import type { EvalCase } from "./dataset.js";
import type { Prediction } from "./expected.js";

/** Same window the engine gives the extractor, so an eval sees what production sees. */
export const DEFAULT_HISTORY_WINDOW = 12;

export interface CaseRunDeps {
  extractor: Extractor;
  scorecard: Scorecard;
  /** "now" for cases that do not fix their own. */
  runNow: Date;
  historyWindow?: number;
  /** Lets a cache decorator tell which results cost nothing this run. */
  servedFromCache?: (result: ExtractionResult) => boolean;
  /** The original call's latency for a cached result: reported instead of the lookup's. */
  recordedLatencyMs?: (result: ExtractionResult) => number | undefined;
}

export interface TurnUsage {
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

export interface CaseRun {
  id: string;
  /** 1-based trial number (`--repeat`). */
  trial: number;
  predicted: Prediction;
  /** Predictions after prospect turns that carry per-turn gold. */
  checkpoints: { messageIndex: number; predicted: Prediction }[];
  latencyMs: number;
  turnLatenciesMs: number[];
  extractCalls: number;
  cacheHits: number;
  /** Token and cost totals as reported by the extractor (cached results included). */
  usage: TurnUsage;
  /** Cost of calls actually made in this run (cache hits excluded). */
  spentUsd: number;
  /** Values dropped because their quote is not in the prospect's message. */
  droppedSignals: number;
  extractors: string[];
  models: string[];
  prompts: { id?: string; hash?: string }[];
  /** Extraction failures, one per failed turn; the turn then adds nothing, as in the engine. */
  errors: string[];
}

function predictionOf(card: Scorecard, state: QualificationState): Prediction {
  const score = scoreLead(card, viewQualification(state, false));
  return labelsOf(viewQualification(state, score.qualified));
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === "string" ? `${code}: ${message}` : message;
}

/**
 * Replay one case the way the engine handles a conversation: each prospect message in order
 * through the extractor (bot turns are context only), evidence-checked against that message,
 * merged, then scored with the scorecard to get `qualified`.
 */
export async function runCase(testCase: EvalCase, deps: CaseRunDeps, trial = 1): Promise<CaseRun> {
  const now = testCase.now ? new Date(testCase.now) : deps.runNow;
  const window = deps.historyWindow ?? DEFAULT_HISTORY_WINDOW;
  let state = emptyQualification();
  const history: TranscriptLine[] = [];
  const run: CaseRun = {
    id: testCase.id,
    trial,
    predicted: predictionOf(deps.scorecard, state),
    checkpoints: [],
    latencyMs: 0,
    turnLatenciesMs: [],
    extractCalls: 0,
    cacheHits: 0,
    usage: { promptTokens: 0, completionTokens: 0, costUsd: 0 },
    spentUsd: 0,
    droppedSignals: 0,
    extractors: [],
    models: [],
    prompts: [],
    errors: [],
  };
  const note = <T>(list: T[], value: T) => {
    if (!list.some((entry) => JSON.stringify(entry) === JSON.stringify(value))) list.push(value);
  };

  for (const [messageIndex, message] of testCase.messages.entries()) {
    if (message.role === "prospect") {
      const started = performance.now();
      let recordedMs: number | undefined;
      run.extractCalls++;
      try {
        const result = await deps.extractor.extract({
          text: message.text,
          history: history.slice(-window),
          now,
          state,
        });
        const checked = checkEvidence(result.signals, [message.text]);
        state = mergeSignals(state, checked.kept, {
          messageId: messageIndex,
          extractor: result.extractor,
          at: now.toISOString(),
        }).state;
        run.droppedSignals += checked.dropped.length + (result.dropped ?? 0);
        note(run.extractors, result.extractor);
        if (result.promptId !== undefined || result.promptHash !== undefined)
          note(run.prompts, { id: result.promptId, hash: result.promptHash });
        const cached = deps.servedFromCache?.(result) ?? false;
        if (cached) {
          run.cacheHits++;
          recordedMs = deps.recordedLatencyMs?.(result);
        }
        if (result.usage) {
          note(run.models, result.usage.model);
          run.usage.promptTokens += result.usage.promptTokens;
          run.usage.completionTokens += result.usage.completionTokens;
          run.usage.costUsd += result.usage.costUsd;
          if (!cached) run.spentUsd += result.usage.costUsd;
        }
      } catch (error) {
        run.errors.push(`message ${messageIndex}: ${errorCode(error)}`);
      }
      const elapsed = recordedMs ?? performance.now() - started;
      run.turnLatenciesMs.push(elapsed);
      run.latencyMs += elapsed;
      if (message.expected)
        run.checkpoints.push({ messageIndex, predicted: predictionOf(deps.scorecard, state) });
    }
    history.push({ role: message.role, text: message.text });
  }
  run.predicted = predictionOf(deps.scorecard, state);
  return run;
}
