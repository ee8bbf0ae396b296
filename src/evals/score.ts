import { Disqualifier } from "../core/qualification.js";
import type { ExpectedState, Prediction } from "./expected.js";

/**
 * How one scored slot came out:
 * - correct: gold known, predicted the same value
 * - incorrect: gold known, predicted a different known value
 * - missing: gold known, predicted unknown
 * - spurious: gold unknown (or a label absent from the gold list), a value predicted — a hallucination
 * - abstained: both unknown — a correct negative
 */
export type Outcome = "correct" | "incorrect" | "missing" | "spurious" | "abstained";
export const outcomes: readonly Outcome[] = ["correct", "incorrect", "missing", "spurious", "abstained"];

/** Extraction fields, then the routing decision. Disqualifiers are scored per label. */
export const scoredFields = [
  "budget.status",
  "budget.amount",
  "authority.status",
  "seniority",
  "need.status",
  "timeline.status",
  "disqualifiers",
  "qualified",
] as const;
export type ScoredField = (typeof scoredFields)[number];

/** Slot keys: a field, or `disqualifiers.<label>` for each disqualifier label. */
export type SlotOutcomes = Record<string, Outcome>;

/** Relative tolerance for budget amounts (DESIGN §3: within 1 %). */
export const AMOUNT_TOLERANCE = 0.01;

export function fieldOfSlot(slot: string): ScoredField {
  return (slot.startsWith("disqualifiers.") ? "disqualifiers" : slot) as ScoredField;
}

function categorical(gold: string, predicted: string): Outcome {
  const goldKnown = gold !== "unknown";
  const predictedKnown = predicted !== "unknown";
  if (goldKnown && predictedKnown) return gold === predicted ? "correct" : "incorrect";
  if (goldKnown) return "missing";
  return predictedKnown ? "spurious" : "abstained";
}

interface Amount {
  amount?: number;
  currency?: string;
  period?: string;
}

/**
 * An amount matches when the currency and the period are the same (both absent counts as the
 * same) and |predicted − gold| ≤ 1 % of gold. The gold amount is "unknown" when the expected
 * budget has no `amount`: a predicted amount there is spurious.
 */
export function amountsMatch(gold: Amount, predicted: Amount): boolean {
  if (gold.amount === undefined || predicted.amount === undefined) return false;
  if (gold.currency !== predicted.currency || gold.period !== predicted.period) return false;
  // A tiny absolute epsilon keeps exactly-1 % differences from failing on floating-point noise.
  return Math.abs(predicted.amount - gold.amount) <= AMOUNT_TOLERANCE * gold.amount + 1e-9;
}

function amountOutcome(gold: Amount, predicted: Amount): Outcome {
  const goldKnown = gold.amount !== undefined;
  const predictedKnown = predicted.amount !== undefined;
  if (goldKnown && predictedKnown) return amountsMatch(gold, predicted) ? "correct" : "incorrect";
  if (goldKnown) return "missing";
  return predictedKnown ? "spurious" : "abstained";
}

/** Outcome of every slot whose key is present in `expected`; absent keys are not scored. */
export function scoreCase(expected: ExpectedState, predicted: Prediction): SlotOutcomes {
  const result: SlotOutcomes = {};
  if (expected.budget) {
    result["budget.status"] = categorical(expected.budget.status, predicted.budget.status);
    result["budget.amount"] = amountOutcome(expected.budget, predicted.budget);
  }
  if (expected.authority)
    result["authority.status"] = categorical(expected.authority.status, predicted.authority.status);
  if (expected.seniority) result.seniority = categorical(expected.seniority, predicted.seniority);
  if (expected.need) result["need.status"] = categorical(expected.need.status, predicted.need.status);
  if (expected.timeline)
    result["timeline.status"] = categorical(expected.timeline.status, predicted.timeline.status);
  if (expected.disqualifiers) {
    for (const label of Disqualifier.options) {
      const inGold = expected.disqualifiers.includes(label);
      const inPrediction = predicted.disqualifiers.includes(label);
      result[`disqualifiers.${label}`] = inGold
        ? inPrediction
          ? "correct"
          : "missing"
        : inPrediction
          ? "spurious"
          : "abstained";
    }
  }
  if (expected.qualified !== undefined)
    result.qualified = expected.qualified === predicted.qualified ? "correct" : "incorrect";
  return result;
}

/** A case passes when no scored slot is wrong. */
export function casePassed(slots: SlotOutcomes): boolean {
  return Object.values(slots).every((outcome) => outcome === "correct" || outcome === "abstained");
}

export type Counts = Record<Outcome, number>;

export interface Metrics extends Counts {
  /** Slots scored (all five outcomes). */
  total: number;
  /** correct / (correct + incorrect + spurious); null when nothing was predicted. */
  precision: number | null;
  /** correct / (correct + incorrect + missing); null when the gold has no known value. */
  recall: number | null;
  /** 2·P·R / (P + R) = 2c / (2c + 2i + m + s); null when every slot abstained. */
  f1: number | null;
  /** (correct + abstained) / total. */
  accuracy: number | null;
  /** spurious / (spurious + abstained): how often a value is invented where the gold is unknown. */
  hallucinationRate: number | null;
}

export function emptyCounts(): Counts {
  return { correct: 0, incorrect: 0, missing: 0, spurious: 0, abstained: 0 };
}

const ratio = (numerator: number, denominator: number) =>
  denominator === 0 ? null : numerator / denominator;

export function metricsOf(counts: Counts): Metrics {
  const { correct, incorrect, missing, spurious, abstained } = counts;
  return {
    ...counts,
    total: correct + incorrect + missing + spurious + abstained,
    precision: ratio(correct, correct + incorrect + spurious),
    recall: ratio(correct, correct + incorrect + missing),
    f1: ratio(2 * correct, 2 * correct + 2 * incorrect + missing + spurious),
    accuracy: ratio(correct + abstained, correct + incorrect + missing + spurious + abstained),
    hallucinationRate: ratio(spurious, spurious + abstained),
  };
}

export interface RoutingConfusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface Aggregate {
  /** Per field; disqualifiers pool their labels. */
  fields: Partial<Record<ScoredField, Metrics>>;
  /** Per disqualifier label. */
  labels: Record<string, Metrics>;
  /** Pooled counts over the extraction fields (everything but `qualified`). */
  micro: Metrics;
  /** Unweighted mean over extraction fields that have a value (nulls are skipped). */
  macro: { precision: number | null; recall: number | null; f1: number | null; accuracy: number | null };
}

const mean = (values: (number | null)[]) => {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : present.reduce((sum, value) => sum + value, 0) / present.length;
};

/** Pool slot outcomes of many cases (or turns) into per-field, per-label, micro and macro metrics. */
export function aggregate(all: readonly SlotOutcomes[]): Aggregate {
  const byField = new Map<ScoredField, Counts>();
  const byLabel = new Map<string, Counts>();
  const micro = emptyCounts();
  for (const slots of all) {
    for (const [slot, outcome] of Object.entries(slots)) {
      const field = fieldOfSlot(slot);
      const counts = byField.get(field) ?? emptyCounts();
      counts[outcome]++;
      byField.set(field, counts);
      if (field === "disqualifiers") {
        const label = slot.slice("disqualifiers.".length);
        const labelCounts = byLabel.get(label) ?? emptyCounts();
        labelCounts[outcome]++;
        byLabel.set(label, labelCounts);
      }
      if (field !== "qualified") micro[outcome]++;
    }
  }
  const fields: Aggregate["fields"] = {};
  for (const field of scoredFields) {
    const counts = byField.get(field);
    if (counts) fields[field] = metricsOf(counts);
  }
  const labels: Record<string, Metrics> = {};
  for (const label of Disqualifier.options) {
    const counts = byLabel.get(label);
    if (counts) labels[label] = metricsOf(counts);
  }
  const extraction = scoredFields
    .filter((field) => field !== "qualified")
    .flatMap((field) => fields[field] ?? []);
  return {
    fields,
    labels,
    micro: metricsOf(micro),
    macro: {
      precision: mean(extraction.map((metrics) => metrics.precision)),
      recall: mean(extraction.map((metrics) => metrics.recall)),
      f1: mean(extraction.map((metrics) => metrics.f1)),
      accuracy: mean(extraction.map((metrics) => metrics.accuracy)),
    },
  };
}

/** Routing = the `qualified` decision, over cases whose gold says whether they qualify. */
export function routingConfusion(
  pairs: readonly { expected: boolean; predicted: boolean }[],
): RoutingConfusion {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const { expected, predicted } of pairs) {
    if (expected && predicted) tp++;
    else if (!expected && predicted) fp++;
    else if (expected) fn++;
    else tn++;
  }
  return {
    tp,
    fp,
    fn,
    tn,
    accuracy: ratio(tp + tn, tp + fp + fn + tn),
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
  };
}

/**
 * pass^k (τ-bench): the chance that all k trials of a case pass, averaged over cases, estimated
 * from n ≥ k trials as C(c, k) / C(n, k) with c passing trials. With n = k it is "all passed".
 */
export function passHatK(trialsPerCase: readonly boolean[][], k: number): number | null {
  const usable = trialsPerCase.filter((trials) => trials.length >= k && k > 0);
  if (usable.length === 0) return null;
  const choose = (n: number, r: number) => {
    let value = 1;
    for (let index = 0; index < r; index++) value = (value * (n - index)) / (index + 1);
    return value;
  };
  const estimates = usable.map((trials) => {
    const passed = trials.filter(Boolean).length;
    return choose(passed, k) / choose(trials.length, k);
  });
  return estimates.reduce((sum, value) => sum + value, 0) / estimates.length;
}
