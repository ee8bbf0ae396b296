import {
  AuthorityStatus,
  type BudgetValue,
  Disqualifier,
  NeedStatus,
  Seniority,
  Signal,
  TimelineStatus,
  timelineBucket,
} from "../core/qualification.js";
import type { ModelSignal } from "./turn-schema.js";

// The model's flat answer per fact (strings and nulls, as strict mode wants) becomes a core
// `Signal` here, and the core schema has the last word on whether the value is valid.

export type Converted = { ok: true; signal: Signal } | { ok: false; reason: "invalid_value"; detail: string };

/** An explicit statement outranks an inference when merging (core/merge.ts keeps the firmer one). */
const confidenceOf = { stated: 0.9, implied: 0.6 } as const;
const DAY_MS = 86_400_000;

function daysBetween(now: Date, isoDate: string): number {
  const startOfToday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - startOfToday) / DAY_MS);
}

function isIsoDate(text: string | null): text is string {
  return text !== null && /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
}

function enumValue<T extends string>(
  options: readonly T[],
  value: string,
  excluded: readonly string[] = ["unknown"],
): T | undefined {
  const word = value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  return options.includes(word as T) && !excluded.includes(word) ? (word as T) : undefined;
}

function budgetOf(model: ModelSignal): BudgetValue | undefined {
  const status = enumValue(["none", "exploring", "allocated"] as const, model.value);
  if (!status) return undefined;
  if (status === "none") return { status };
  return {
    status,
    ...(model.amount !== null && model.amount > 0 ? { amount: model.amount } : {}),
    ...(model.currency ? { currency: model.currency.trim().toUpperCase() } : {}),
    ...(model.period ? { period: model.period } : {}),
  };
}

/** The model's answer as a candidate core signal: value per field, then the core schema's check. */
export function toCoreSignal(model: ModelSignal, now: Date): Converted {
  const base = { evidence: [model.quote.trim()], confidence: confidenceOf[model.certainty] };
  const text = model.value.trim();
  let candidate: unknown;
  switch (model.field) {
    case "budget":
      candidate = { field: "budget", value: budgetOf(model), ...base };
      break;
    case "authority":
      candidate = {
        field: "authority",
        value: { status: enumValue(AuthorityStatus.options, text) },
        ...base,
      };
      break;
    case "seniority":
      candidate = { field: "seniority", value: enumValue(Seniority.options, text), ...base };
      break;
    case "need": {
      const pains = model.pains
        .map((pain) => pain.trim().slice(0, 200))
        .filter(Boolean)
        .slice(0, 10);
      const status = enumValue(NeedStatus.options, text);
      candidate = {
        field: "need",
        value: pains.length && status !== "none" ? { status, pains } : { status },
        ...base,
      };
      break;
    }
    case "timeline": {
      // Date arithmetic is ours, not the model's: a stated date decides the bucket.
      const stated = enumValue(TimelineStatus.options, text);
      const value =
        stated !== "none" && isIsoDate(model.target_date)
          ? { status: timelineBucket(daysBetween(now, model.target_date)), targetDate: model.target_date }
          : { status: stated };
      candidate = { field: "timeline", value, ...base };
      break;
    }
    case "disqualifier":
      candidate = { field: "disqualifier", value: enumValue(Disqualifier.options, text), ...base };
      break;
    case "company.size": {
      const digits = text.replace(/[,\s_]/g, "");
      candidate = {
        field: "company.size",
        value: /^\d+$/.test(digits) ? Number(digits) : undefined,
        ...base,
      };
      break;
    }
    default:
      candidate = { field: model.field, value: text, ...base };
  }
  const parsed = Signal.safeParse(candidate);
  if (!parsed.success)
    return {
      ok: false,
      reason: "invalid_value",
      detail: `${model.field}: "${model.value}" is not a valid value`,
    };
  return { ok: true, signal: parsed.data };
}
