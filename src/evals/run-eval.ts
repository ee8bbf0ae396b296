import type { Scorecard } from "../core/scorecard.js";
import type { Extractor } from "../extraction/extractor.js";
import { withResponseCache } from "./cached-extractor.js";
import type { EvalCase } from "./dataset.js";
import { mapWithConcurrency } from "./pool.js";
import type { ResponseCache } from "./response-cache.js";
import { type CaseRun, runCase } from "./run-case.js";

export interface EvalRunOptions {
  cases: readonly EvalCase[];
  extractor: Extractor;
  scorecard: Scorecard;
  runNow: Date;
  /** Trials per case (`--repeat`), for pass^k. */
  repeat?: number;
  concurrency?: number;
  /** When set, extractor results are cached per (identity, trial, input). */
  cache?: ResponseCache;
  cacheIdentity?: Record<string, unknown>;
  historyWindow?: number;
  onCaseDone?: (done: number, total: number) => void;
}

export interface EvalRun {
  runs: CaseRun[];
  startedAt: Date;
  finishedAt: Date;
  wallMs: number;
}

/** Run every case `repeat` times with bounded concurrency; runs come back case by case, trial by trial. */
export async function runEval(options: EvalRunOptions): Promise<EvalRun> {
  const repeat = Math.max(1, options.repeat ?? 1);
  const startedAt = new Date();
  const started = performance.now();
  const trials = Array.from({ length: repeat }, (_, index) => {
    const trial = index + 1;
    if (!options.cache)
      return {
        trial,
        extractor: options.extractor,
        servedFromCache: undefined,
        recordedLatencyMs: undefined,
      };
    const cached = withResponseCache(options.extractor, {
      cache: options.cache,
      identity: options.cacheIdentity,
      trial,
      floatingNow: options.runNow,
    });
    return {
      trial,
      extractor: cached,
      servedFromCache: cached.servedFromCache,
      recordedLatencyMs: cached.recordedLatencyMs,
    };
  });
  const units = options.cases.flatMap((testCase) => trials.map((trial) => ({ testCase, trial })));
  let done = 0;
  const runs = await mapWithConcurrency(units, options.concurrency ?? 1, async ({ testCase, trial }) => {
    const run = await runCase(
      testCase,
      {
        extractor: trial.extractor,
        scorecard: options.scorecard,
        runNow: options.runNow,
        historyWindow: options.historyWindow,
        servedFromCache: trial.servedFromCache,
        recordedLatencyMs: trial.recordedLatencyMs,
      },
      trial.trial,
    );
    options.onCaseDone?.(++done, units.length);
    return run;
  });
  return { runs, startedAt, finishedAt: new Date(), wallMs: performance.now() - started };
}
