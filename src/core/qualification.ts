import { z } from "zod";

// DESIGN §2 — the qualification vocabulary. Every other part (extractors, scorecard, evals,
// lead record) speaks these values; add values compatibly, never rename.

export const BudgetStatus = z.enum(["unknown", "none", "exploring", "allocated"]);
export type BudgetStatus = z.infer<typeof BudgetStatus>;

export const BudgetPeriod = z.enum(["one_time", "month", "year"]);
export type BudgetPeriod = z.infer<typeof BudgetPeriod>;

export const AuthorityStatus = z.enum(["unknown", "decision_maker", "influencer", "user"]);
export type AuthorityStatus = z.infer<typeof AuthorityStatus>;

export const Seniority = z.enum(["unknown", "c_suite", "vp", "director", "manager", "individual"]);
export type Seniority = z.infer<typeof Seniority>;

export const NeedStatus = z.enum(["unknown", "none", "latent", "explicit"]);
export type NeedStatus = z.infer<typeof NeedStatus>;

export const TimelineStatus = z.enum([
  "unknown",
  "none",
  "within_1_month",
  "within_3_months",
  "within_6_months",
  "within_12_months",
  "over_12_months",
]);
export type TimelineStatus = z.infer<typeof TimelineStatus>;

export const Disqualifier = z.enum([
  "student",
  "job_seeker",
  "competitor",
  "vendor",
  "spam",
  "support_request",
]);
export type Disqualifier = z.infer<typeof Disqualifier>;

/** ISO 4217 code, upper case. */
export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/);

export const BudgetValue = z.object({
  status: BudgetStatus,
  amount: z.number().positive().optional(),
  currency: CurrencyCode.optional(),
  period: BudgetPeriod.optional(),
});
export type BudgetValue = z.infer<typeof BudgetValue>;

export const AuthorityValue = z.object({ status: AuthorityStatus });
export type AuthorityValue = z.infer<typeof AuthorityValue>;

export const NeedValue = z.object({
  status: NeedStatus,
  /** Short pains / use cases in the prospect's words. */
  pains: z.array(z.string().min(1).max(200)).max(10).optional(),
});
export type NeedValue = z.infer<typeof NeedValue>;

export const TimelineValue = z.object({
  status: TimelineStatus,
  /** End of the stated window (YYYY-MM-DD) when a date was stated; kept for audit, not in the record. */
  targetDate: z.iso.date().optional(),
});
export type TimelineValue = z.infer<typeof TimelineValue>;

/** Windows of DESIGN §2: days from "now" to the end of the stated window. */
export function timelineBucket(days: number): TimelineStatus {
  if (days <= 30) return "within_1_month";
  if (days <= 90) return "within_3_months";
  if (days <= 180) return "within_6_months";
  if (days <= 365) return "within_12_months";
  return "over_12_months";
}

const evidenceFields = {
  /** Verbatim quotes from the prospect's own messages that state the value. */
  evidence: z.array(z.string().min(1)).min(1),
  /** 0..1 — how sure the extractor is; explicit statements beat inferences when merging. */
  confidence: z.number().min(0).max(1),
};

/**
 * One extracted fact. Extractors (offline and LLM) emit these; the evidence check, merge and
 * storage work on them. `field` names match lead-record paths.
 */
export const Signal = z.discriminatedUnion("field", [
  z.object({ field: z.literal("budget"), value: BudgetValue, ...evidenceFields }),
  z.object({ field: z.literal("authority"), value: AuthorityValue, ...evidenceFields }),
  z.object({ field: z.literal("seniority"), value: Seniority, ...evidenceFields }),
  z.object({ field: z.literal("need"), value: NeedValue, ...evidenceFields }),
  z.object({ field: z.literal("timeline"), value: TimelineValue, ...evidenceFields }),
  z.object({ field: z.literal("disqualifier"), value: Disqualifier, ...evidenceFields }),
  z.object({ field: z.literal("contact.name"), value: z.string().min(1).max(200), ...evidenceFields }),
  z.object({ field: z.literal("contact.email"), value: z.email(), ...evidenceFields }),
  z.object({ field: z.literal("contact.title"), value: z.string().min(1).max(200), ...evidenceFields }),
  z.object({ field: z.literal("contact.phone"), value: z.string().min(3).max(40), ...evidenceFields }),
  z.object({ field: z.literal("company.name"), value: z.string().min(1).max(200), ...evidenceFields }),
  z.object({ field: z.literal("company.size"), value: z.number().int().positive(), ...evidenceFields }),
  z.object({ field: z.literal("company.industry"), value: z.string().min(1).max(100), ...evidenceFields }),
  z.object({ field: z.literal("company.region"), value: z.string().min(1).max(100), ...evidenceFields }),
]);
export type Signal = z.infer<typeof Signal>;
export type SignalField = Signal["field"];
export type SignalOf<F extends SignalField> = Extract<Signal, { field: F }>;

/** Where a value in the lead's state came from. */
export const Provenance = z.object({
  messageId: z.union([z.number(), z.string()]),
  extractor: z.string(),
  confidence: z.number().min(0).max(1),
  evidence: z.array(z.string()),
  at: z.iso.datetime(),
});
export type Provenance = z.infer<typeof Provenance>;

const tracked = <T extends z.ZodType>(value: T) => z.object({ value, provenance: Provenance });

/**
 * The lead's current qualification state: for each field either absent (unknown — never said)
 * or a value with its provenance. "none" values are present: the prospect said there is none.
 */
export const QualificationState = z.object({
  budget: tracked(BudgetValue).optional(),
  authority: tracked(AuthorityValue).optional(),
  seniority: tracked(Seniority).optional(),
  need: tracked(NeedValue).optional(),
  timeline: tracked(TimelineValue).optional(),
  disqualifiers: z.array(tracked(Disqualifier)).default([]),
  contact: z
    .object({
      name: tracked(z.string()).optional(),
      email: tracked(z.string()).optional(),
      title: tracked(z.string()).optional(),
      phone: tracked(z.string()).optional(),
    })
    .default({}),
  company: z
    .object({
      name: tracked(z.string()).optional(),
      size: tracked(z.number()).optional(),
      industry: tracked(z.string()).optional(),
      region: tracked(z.string()).optional(),
    })
    .default({}),
});
export type QualificationState = z.infer<typeof QualificationState>;
export type Tracked<T> = { value: T; provenance: Provenance };

export function emptyQualification(): QualificationState {
  return { disqualifiers: [], contact: {}, company: {} };
}

/**
 * The plain view of DESIGN §3 "expected" (plus contact and company): what the lead record,
 * evals and exports show. Unknown fields are spelled out as `unknown`; absent details are omitted.
 */
export const QualificationView = z.object({
  budget: BudgetValue,
  authority: AuthorityValue,
  seniority: Seniority,
  need: NeedValue,
  timeline: z.object({ status: TimelineStatus }),
  disqualifiers: z.array(Disqualifier),
  qualified: z.boolean(),
  contact: z.object({
    name: z.string().optional(),
    email: z.string().optional(),
    title: z.string().optional(),
    phone: z.string().optional(),
  }),
  company: z.object({
    name: z.string().optional(),
    size: z.number().optional(),
    industry: z.string().optional(),
    region: z.string().optional(),
  }),
});
export type QualificationView = z.infer<typeof QualificationView>;

function defined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

export function viewQualification(state: QualificationState, qualified: boolean): QualificationView {
  const need = state.need?.value;
  return {
    budget: defined({ ...(state.budget?.value ?? { status: "unknown" as const }) }),
    authority: { status: state.authority?.value.status ?? "unknown" },
    seniority: state.seniority?.value ?? "unknown",
    need: need
      ? defined({ status: need.status, pains: need.pains?.length ? need.pains : undefined })
      : { status: "unknown" },
    timeline: { status: state.timeline?.value.status ?? "unknown" },
    disqualifiers: state.disqualifiers.map((entry) => entry.value),
    qualified,
    contact: defined({
      name: state.contact.name?.value,
      email: state.contact.email?.value,
      title: state.contact.title?.value,
      phone: state.contact.phone?.value,
    }),
    company: defined({
      name: state.company.name?.value,
      size: state.company.size?.value,
      industry: state.company.industry?.value,
      region: state.company.region?.value,
    }),
  };
}

/** A view in the DESIGN §3 "expected" shape with every key present: what evals score and reps correct. */
export interface QualificationLabels {
  budget: BudgetValue;
  authority: { status: AuthorityStatus };
  seniority: Seniority;
  need: { status: NeedStatus };
  timeline: { status: TimelineStatus };
  disqualifiers: Disqualifier[];
  qualified: boolean;
}

export function labelsOf(view: QualificationView): QualificationLabels {
  const { status, amount, currency, period } = view.budget;
  return {
    budget: defined({ status, amount, currency, period }),
    authority: { status: view.authority.status },
    seniority: view.seniority,
    need: { status: view.need.status },
    timeline: { status: view.timeline.status },
    disqualifiers: [...view.disqualifiers],
    qualified: view.qualified,
  };
}
