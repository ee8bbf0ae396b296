import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultScorecard } from "../../src/core/default-scorecard.js";
import { parseDataset } from "../../src/evals/dataset.js";
import { createMemoryCache } from "../../src/evals/response-cache.js";
import { runCase } from "../../src/evals/run-case.js";
import { runEval } from "../../src/evals/run-eval.js";
import { createKeywordExtractor, fixtureRules } from "./keyword-extractor.js";

const { cases } = parseDataset(
  readFileSync(new URL("../fixtures/evals/small.jsonl", import.meta.url), "utf8"),
);
const byId = (id: string) => cases.find((entry) => entry.id === id)!;
const runNow = new Date("2026-01-01T00:00:00Z");

describe("runCase", () => {
  it("feeds prospect turns in order with history, now and the state so far", async () => {
    const extractor = createKeywordExtractor(fixtureRules);
    const run = await runCase(byId("acme-001"), { extractor, scorecard: defaultScorecard, runNow });
    expect(extractor.calls.map((call) => call.text)).toEqual([
      "Hi, I'm the VP of Sales at Acme. We need a better way to qualify inbound leads.",
      "We have $50,000 a year allocated and want it live within 3 months.",
    ]);
    expect(extractor.calls[1]!.history.map((line) => line.role)).toEqual(["prospect", "bot"]);
    expect(extractor.calls[1]!.now.toISOString()).toBe("2026-11-23T10:00:00.000Z");
    expect(extractor.calls[1]!.state.seniority?.value).toBe("vp");
    expect(run.predicted).toEqual({
      budget: { status: "allocated", amount: 50000, currency: "USD", period: "year" },
      authority: { status: "decision_maker" },
      seniority: "vp",
      need: { status: "explicit" },
      timeline: { status: "within_3_months" },
      disqualifiers: [],
      qualified: true,
    });
    expect(run.extractCalls).toBe(2);
  });

  it("uses the run's now when the case has none", async () => {
    const extractor = createKeywordExtractor(fixtureRules);
    await runCase(byId("student-002"), { extractor, scorecard: defaultScorecard, runNow });
    expect(extractor.calls[0]!.now).toEqual(runNow);
  });

  it("drops values whose quote is not in the prospect's message", async () => {
    const run = await runCase(byId("boss-004"), {
      extractor: createKeywordExtractor(fixtureRules),
      scorecard: defaultScorecard,
      runNow,
    });
    expect(run.predicted.budget.status).toBe("unknown");
    expect(run.predicted.authority.status).toBe("influencer");
    expect(run.droppedSignals).toBe(1);
  });

  it("records per-turn predictions where the case has per-turn gold", async () => {
    const run = await runCase(byId("vague-003"), {
      extractor: createKeywordExtractor(fixtureRules),
      scorecard: defaultScorecard,
      runNow,
    });
    expect(
      run.checkpoints.map((checkpoint) => [checkpoint.messageIndex, checkpoint.predicted.need.status]),
    ).toEqual([
      [0, "unknown"],
      [2, "explicit"],
    ]);
  });

  it("sums usage and records an extraction failure without stopping the case", async () => {
    const extractor = createKeywordExtractor(fixtureRules, {
      usage: { model: "fake-mini", promptTokens: 100, completionTokens: 20, costUsd: 0.001 },
      failWhen: "$50,000",
    });
    const run = await runCase(byId("acme-001"), { extractor, scorecard: defaultScorecard, runNow });
    expect(run.errors).toEqual(["message 2: SCRIPTED: scripted failure"]);
    expect(run.usage).toEqual({ promptTokens: 100, completionTokens: 20, costUsd: 0.001 });
    expect(run.models).toEqual(["fake-mini"]);
    expect(run.predicted.seniority).toBe("vp");
    expect(run.predicted.budget.status).toBe("unknown");
  });
});

describe("runEval", () => {
  it("runs each case k times with concurrency, keeping order", async () => {
    const extractor = createKeywordExtractor(fixtureRules);
    const result = await runEval({
      cases,
      extractor,
      scorecard: defaultScorecard,
      runNow,
      repeat: 2,
      concurrency: 3,
    });
    expect(result.runs.map((run) => `${run.id}#${run.trial}`)).toEqual(
      cases.flatMap((entry) => [`${entry.id}#1`, `${entry.id}#2`]),
    );
  });

  it("makes zero extractor calls on an unchanged re-run with the cache", async () => {
    const cache = createMemoryCache();
    const usage = { model: "fake-mini", promptTokens: 10, completionTokens: 5, costUsd: 0.002 };
    const first = createKeywordExtractor(fixtureRules, { usage, name: "llm:fake-mini" });
    const options = {
      cases,
      scorecard: defaultScorecard,
      runNow,
      cache,
      cacheIdentity: { model: "fake-mini", promptHash: "abc" },
    };
    const firstRun = await runEval({ ...options, extractor: first });
    const calls = first.calls.length;
    expect(calls).toBeGreaterThan(0);

    const second = createKeywordExtractor(fixtureRules, { usage, name: "llm:fake-mini" });
    const secondRun = await runEval({ ...options, extractor: second });
    expect(second.calls.length).toBe(0);
    expect(secondRun.runs.map((run) => run.predicted)).toEqual(firstRun.runs.map((run) => run.predicted));
    expect(secondRun.runs.reduce((sum, run) => sum + run.cacheHits, 0)).toBe(calls);
    expect(secondRun.runs.reduce((sum, run) => sum + run.spentUsd, 0)).toBe(0);
    expect(secondRun.runs.reduce((sum, run) => sum + run.usage.costUsd, 0)).toBeCloseTo(calls * 0.002);

    const changedPrompt = createKeywordExtractor(fixtureRules, { usage, name: "llm:fake-mini" });
    await runEval({
      ...options,
      cacheIdentity: { model: "fake-mini", promptHash: "def" },
      extractor: changedPrompt,
    });
    expect(changedPrompt.calls.length).toBe(calls);
  });

  it("reports a cached answer with the original call's latency, not the lookup's", async () => {
    const cache = createMemoryCache();
    const keywords = createKeywordExtractor(fixtureRules, { name: "llm:slow" });
    const slow = {
      name: keywords.name,
      async extract(input: Parameters<typeof keywords.extract>[0]) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        return keywords.extract(input);
      },
    };
    const options = { cases: [byId("boss-004")], scorecard: defaultScorecard, runNow, cache };
    const first = await runEval({ ...options, extractor: slow });
    const second = await runEval({
      ...options,
      extractor: createKeywordExtractor(fixtureRules, { name: "llm:slow" }),
    });
    expect(second.runs[0]!.cacheHits).toBe(1);
    const [before, after] = [first.runs[0]!.turnLatenciesMs[0]!, second.runs[0]!.turnLatenciesMs[0]!];
    expect(after).toBeGreaterThanOrEqual(20);
    expect(after).toBeLessThanOrEqual(before);
  });

  it("caches each trial of --repeat separately", async () => {
    const cache = createMemoryCache();
    const extractor = createKeywordExtractor(fixtureRules);
    await runEval({ cases, extractor, scorecard: defaultScorecard, runNow, cache, repeat: 2 });
    const prospectTurns = cases.flatMap((entry) =>
      entry.messages.filter((message) => message.role === "prospect"),
    ).length;
    expect(extractor.calls.length).toBe(prospectTurns * 2);
    expect(cache.size()).toBe(prospectTurns * 2);
  });
});

describe("cache keys and the run's now", () => {
  it("reuses answers for cases without their own now on a later day, but not for cases that fix it", async () => {
    const cache = createMemoryCache();
    const options = { cases, scorecard: defaultScorecard, cache };
    await runEval({
      ...options,
      extractor: createKeywordExtractor(fixtureRules),
      runNow: new Date("2026-01-01T00:00:00Z"),
    });
    const nextDay = createKeywordExtractor(fixtureRules);
    await runEval({ ...options, extractor: nextDay, runNow: new Date("2026-01-02T09:30:00Z") });
    expect(nextDay.calls.map((call) => call.text)).toEqual([]);

    const otherNow = cases.map((entry) => (entry.now ? { ...entry, now: "2027-05-01T00:00:00Z" } : entry));
    const moved = createKeywordExtractor(fixtureRules);
    await runEval({
      ...options,
      cases: otherNow,
      extractor: moved,
      runNow: new Date("2026-01-02T09:30:00Z"),
    });
    const fixedNowTurns = cases
      .filter((entry) => entry.now)
      .flatMap((entry) => entry.messages.filter((message) => message.role === "prospect")).length;
    expect(moved.calls).toHaveLength(fixedNowTurns);
  });
});
