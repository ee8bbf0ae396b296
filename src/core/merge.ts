import type {
  BudgetValue,
  NeedValue,
  Provenance,
  QualificationState,
  Signal,
  TimelineValue,
  Tracked,
} from "./qualification.js";

export interface SignalSource {
  messageId: number | string;
  extractor: string;
  at: string;
}

export interface MergeOutcome {
  state: QualificationState;
  /** One entry per input signal: whether it changed the state, and why not when it did not. */
  decisions: { signal: Signal; accepted: boolean; note: string }[];
}

// A hedge may not overwrite a firm statement: an inferred value (e.g. authority from a title)
// loses to an explicit one unless it is at least nearly as confident.
const CONFIDENCE_MARGIN = 0.15;

function provenanceOf(signal: Signal, source: SignalSource): Provenance {
  return { ...source, confidence: signal.confidence, evidence: signal.evidence };
}

function budgetDetail(value: BudgetValue): number {
  return [value.amount, value.currency, value.period].filter((entry) => entry !== undefined).length;
}

/** Same-status budget statements add details; a vaguer one never erases an amount. */
function mergeBudget(old: BudgetValue, next: BudgetValue): BudgetValue {
  if (next.status === "none") return { status: "none" };
  if (next.status !== old.status && next.status !== "unknown") {
    // A new status with no amount keeps the amount stated before (e.g. "exploring ~$40k" → "approved").
    return budgetDetail(next) > 0 ? next : { ...old, status: next.status };
  }
  return {
    status: old.status,
    amount: next.amount ?? old.amount,
    currency: next.amount !== undefined ? (next.currency ?? old.currency) : old.currency,
    period: next.period ?? old.period,
  };
}

/** "automate it" adds nothing next to "we need to automate it": keep the fuller phrasing only. */
function distinctPains(pains: readonly string[]): string[] {
  const all = [...new Set(pains)];
  return all
    .filter(
      (pain) => !all.some((other) => other !== pain && other.toLowerCase().includes(pain.toLowerCase())),
    )
    .slice(0, 10);
}

function mergeNeed(old: NeedValue, next: NeedValue): NeedValue {
  const pains = distinctPains([...(old.pains ?? []), ...(next.pains ?? [])]);
  // "just browsing" after a stated pain is a hedge, not a retraction: explicit stays explicit.
  const rank = { unknown: 0, none: 1, latent: 2, explicit: 3 } as const;
  const status = rank[next.status] >= rank[old.status] || next.status === "none" ? next.status : old.status;
  return pains.length ? { status, pains } : { status };
}

function mergeTimeline(_old: TimelineValue, next: TimelineValue): TimelineValue {
  return next;
}

function decide<T>(
  current: Tracked<T> | undefined,
  signal: Signal,
  value: T,
  source: SignalSource,
  combine: (old: T, next: T) => T = (_old, next) => next,
): { next: Tracked<T> | undefined; accepted: boolean; note: string } {
  const provenance = provenanceOf(signal, source);
  if (!current) return { next: { value, provenance }, accepted: true, note: "new value" };
  if (signal.confidence + CONFIDENCE_MARGIN < current.provenance.confidence)
    return { next: current, accepted: false, note: "kept a more confident earlier statement" };
  const combined = combine(current.value, value);
  const evidence = [...new Set([...current.provenance.evidence, ...signal.evidence])];
  return {
    next: { value: combined, provenance: { ...provenance, evidence } },
    accepted: true,
    note:
      JSON.stringify(combined) === JSON.stringify(current.value)
        ? "confirmed"
        : "updated by a later statement",
  };
}

/**
 * Merge evidence-checked signals into the lead's state. Later statements win, except that a
 * clearly less confident one never overwrites a firm one and a vaguer budget never erases an
 * amount. Every decision is reported so it can be stored (nothing changes silently).
 */
export function mergeSignals(
  state: QualificationState,
  signals: readonly Signal[],
  source: SignalSource,
): MergeOutcome {
  const next: QualificationState = {
    ...state,
    disqualifiers: [...state.disqualifiers],
    contact: { ...state.contact },
    company: { ...state.company },
  };
  const decisions: MergeOutcome["decisions"] = [];
  const record = (signal: Signal, result: { accepted: boolean; note: string }) =>
    decisions.push({ signal, accepted: result.accepted, note: result.note });

  for (const signal of signals) {
    switch (signal.field) {
      case "budget": {
        const result = decide(next.budget, signal, signal.value, source, mergeBudget);
        next.budget = result.next;
        record(signal, result);
        break;
      }
      case "authority": {
        const result = decide(next.authority, signal, signal.value, source);
        next.authority = result.next;
        record(signal, result);
        break;
      }
      case "seniority": {
        const result = decide(next.seniority, signal, signal.value, source);
        next.seniority = result.next;
        record(signal, result);
        break;
      }
      case "need": {
        const value = signal.value.pains
          ? { ...signal.value, pains: distinctPains(signal.value.pains) }
          : signal.value;
        const result = decide(next.need, signal, value, source, mergeNeed);
        next.need = result.next;
        record(signal, result);
        break;
      }
      case "timeline": {
        const result = decide(next.timeline, signal, signal.value, source, mergeTimeline);
        next.timeline = result.next;
        record(signal, result);
        break;
      }
      case "disqualifier": {
        const present = next.disqualifiers.some((entry) => entry.value === signal.value);
        if (!present)
          next.disqualifiers.push({ value: signal.value, provenance: provenanceOf(signal, source) });
        record(signal, { accepted: !present, note: present ? "already known" : "new value" });
        break;
      }
      default: {
        const [group, key] = signal.field.split(".") as ["contact" | "company", string];
        const bucket = next[group] as Record<string, Tracked<unknown> | undefined>;
        const result = decide(bucket[key], signal, signal.value as unknown, source);
        bucket[key] = result.next;
        record(signal, result);
      }
    }
  }
  return { state: next, decisions };
}
