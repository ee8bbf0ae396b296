import { z } from "zod";
import type { QualificationView } from "./qualification.js";

/** Paths into the qualification view that rules may test. */
export const FieldPath = z.enum([
  "budget.status",
  "budget.amount",
  "budget.currency",
  "budget.period",
  "authority.status",
  "seniority",
  "need.status",
  "timeline.status",
  "disqualifiers",
  "contact.name",
  "contact.email",
  "contact.title",
  "contact.phone",
  "company.name",
  "company.size",
  "company.industry",
  "company.region",
]);
export type FieldPath = z.infer<typeof FieldPath>;

export type Condition =
  | { field: FieldPath; in: string[] }
  | { field: FieldPath; gte?: number; lte?: number }
  | { field: FieldPath; known: boolean }
  | { field: FieldPath; contains: string[] }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { atLeast: number; of: Condition[] };

const LeafCondition = z
  .strictObject({
    field: FieldPath,
    in: z.array(z.string()).min(1).optional(),
    gte: z.number().optional(),
    lte: z.number().optional(),
    known: z.boolean().optional(),
    contains: z.array(z.string()).min(1).optional(),
  })
  .refine((leaf) => {
    const operators = [leaf.in, leaf.known, leaf.contains, leaf.gte ?? leaf.lte].filter(
      (operator) => operator !== undefined,
    );
    return operators.length === 1;
  }, "a field condition needs exactly one of: in, gte/lte, known, contains");

const compositeSchemas = {
  all: () => z.strictObject({ all: z.array(Condition).min(1) }),
  any: () => z.strictObject({ any: z.array(Condition).min(1) }),
  not: () => z.strictObject({ not: Condition }),
  atLeast: () => z.strictObject({ atLeast: z.number().int().min(1), of: z.array(Condition).min(1) }),
};

// Dispatch on the operator key so a mistake is reported where it is ("rules[3].when.field: …"),
// rather than as an opaque "no union member matched".
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.unknown().transform((value, context) => {
    const key =
      value && typeof value === "object"
        ? Object.keys(compositeSchemas).find((name) => name in value)
        : undefined;
    const schema = key ? compositeSchemas[key as keyof typeof compositeSchemas]() : LeafCondition;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data as Condition;
    for (const issue of parsed.error.issues)
      context.addIssue({ code: "custom", message: issue.message, path: issue.path });
    return z.NEVER;
  }),
);

export const Slot = z.enum(["need", "authority", "timeline", "budget", "company", "email"]);
export type Slot = z.infer<typeof Slot>;

export const Scorecard = z
  .strictObject({
    id: z.string().min(1),
    description: z.string().optional(),
    rules: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[a-z0-9_.-]+$/, "rule ids are lower-case words"),
          points: z.number().int().min(-100).max(100),
          why: z.string().min(1),
          when: Condition,
        }),
      )
      .min(1),
    /** Minimum total for each grade, best first; below the last one the grade is "D". */
    grades: z
      .array(z.strictObject({ grade: z.string().min(1).max(3), min: z.number().int().min(0).max(100) }))
      .min(1),
    /** Total at which an engaged lead becomes marketing-qualified. */
    mqlThreshold: z.number().int().min(0).max(100),
    /** When the lead is sales-qualified (DESIGN §2 default rule in the built-in card). */
    qualifyWhen: Condition,
    /** Fields that must be known before a handoff is offered (asked for after qualifying). */
    requiredForHandoff: z.array(FieldPath).default([]),
    dialogue: z
      .strictObject({
        /** Most questions the bot asks in one conversation before it wraps up. */
        maxQuestions: z.number().int().min(1).max(50).default(8),
        /** Times the same slot may be asked (a dodge is not re-asked forever). */
        maxAsksPerSlot: z.number().int().min(1).max(3).default(2),
        /** Tie-break order for equally valuable missing slots. */
        askOrder: z.array(Slot).default(["need", "authority", "timeline", "budget", "company", "email"]),
      })
      .prefault({}),
  })
  .superRefine((card, context) => {
    const ids = new Set<string>();
    for (const [index, rule] of card.rules.entries()) {
      if (ids.has(rule.id))
        context.addIssue({
          code: "custom",
          path: ["rules", index, "id"],
          message: `duplicate rule id "${rule.id}"`,
        });
      ids.add(rule.id);
    }
    for (let index = 1; index < card.grades.length; index++) {
      if (card.grades[index]!.min >= card.grades[index - 1]!.min)
        context.addIssue({
          code: "custom",
          path: ["grades", index],
          message: "grades must be ordered by decreasing min",
        });
    }
  });
export type Scorecard = z.infer<typeof Scorecard>;
export type ScorecardInput = z.input<typeof Scorecard>;

export interface ScoreReason {
  rule: string;
  points: number;
  why: string;
}

export interface Score {
  total: number;
  grade: string;
  qualified: boolean;
  marketingQualified: boolean;
  reasons: ScoreReason[];
  /** Required-for-handoff fields still unknown. */
  missingForHandoff: FieldPath[];
  scorecardId: string;
}

type Primitive = string | number | undefined;

function read(view: QualificationView, field: FieldPath): Primitive | string[] {
  switch (field) {
    case "budget.status":
      return view.budget.status;
    case "budget.amount":
      return view.budget.amount;
    case "budget.currency":
      return view.budget.currency;
    case "budget.period":
      return view.budget.period;
    case "authority.status":
      return view.authority.status;
    case "seniority":
      return view.seniority;
    case "need.status":
      return view.need.status;
    case "timeline.status":
      return view.timeline.status;
    case "disqualifiers":
      return view.disqualifiers;
    default: {
      const [group, key] = field.split(".") as ["contact" | "company", string];
      return (view[group] as Record<string, Primitive>)[key];
    }
  }
}

function isKnown(value: Primitive | string[]): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== "unknown";
}

export function matches(condition: Condition, view: QualificationView): boolean {
  if ("all" in condition) return condition.all.every((inner) => matches(inner, view));
  if ("any" in condition) return condition.any.some((inner) => matches(inner, view));
  if ("not" in condition) return !matches(condition.not, view);
  if ("atLeast" in condition)
    return condition.of.filter((inner) => matches(inner, view)).length >= condition.atLeast;
  const value = read(view, condition.field);
  if ("known" in condition) return isKnown(value) === condition.known;
  if ("in" in condition) {
    const values = Array.isArray(value) ? value : [value];
    return values.some((entry) => entry !== undefined && condition.in.includes(String(entry)));
  }
  if ("contains" in condition) {
    const haystack = (Array.isArray(value) ? value.join(" ") : String(value ?? "")).toLowerCase();
    return (
      value !== undefined && condition.contains.some((needle) => haystack.includes(needle.toLowerCase()))
    );
  }
  if (typeof value !== "number") return false;
  return (
    (condition.gte === undefined || value >= condition.gte) &&
    (condition.lte === undefined || value <= condition.lte)
  );
}

function gradeFor(card: Scorecard, total: number): string {
  return card.grades.find((entry) => total >= entry.min)?.grade ?? "D";
}

/** Rules are data; every score lists the rules that fired, with their points and reason. */
export function scoreLead(card: Scorecard, view: QualificationView): Score {
  const fired = card.rules.filter((rule) => matches(rule.when, view));
  const sum = fired.reduce((total, rule) => total + rule.points, 0);
  const total = Math.min(100, Math.max(0, sum));
  const qualified = matches(card.qualifyWhen, view);
  return {
    total,
    grade: gradeFor(card, total),
    qualified,
    marketingQualified: total >= card.mqlThreshold,
    reasons: fired.map((rule) => ({ rule: rule.id, points: rule.points, why: rule.why })),
    missingForHandoff: card.requiredForHandoff.filter((field) => !isKnown(read(view, field))),
    scorecardId: card.id,
  };
}

export function parseScorecard(
  input: unknown,
): { ok: true; value: Scorecard } | { ok: false; error: string } {
  const parsed = Scorecard.safeParse(input);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: z.prettifyError(parsed.error) };
}
