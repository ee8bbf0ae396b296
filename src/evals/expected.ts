import { z } from "zod";
import {
  AuthorityStatus,
  BudgetPeriod,
  BudgetStatus,
  CurrencyCode,
  Disqualifier,
  NeedStatus,
  type QualificationLabels,
  Seniority,
  TimelineStatus,
} from "../core/qualification.js";

/**
 * DESIGN §3 "expected": a partial gold state. A key that is absent is not scored; "unknown" is
 * scored (predicting a value there is a hallucination). Objects are strict so a misspelt key
 * ("authorty") is reported instead of silently not being scored. `contact` and `company` are
 * accepted (lead-record shape) but not scored yet.
 */
export const ExpectedState = z.strictObject({
  budget: z
    .strictObject({
      status: BudgetStatus,
      amount: z.number().positive().optional(),
      currency: CurrencyCode.optional(),
      period: BudgetPeriod.optional(),
    })
    .optional(),
  authority: z.strictObject({ status: AuthorityStatus }).optional(),
  seniority: Seniority.optional(),
  need: z.strictObject({ status: NeedStatus, pains: z.array(z.string()).optional() }).optional(),
  timeline: z.strictObject({ status: TimelineStatus }).optional(),
  disqualifiers: z
    .array(Disqualifier)
    .refine((labels) => new Set(labels).size === labels.length, "a disqualifier is listed twice")
    .optional(),
  qualified: z.boolean().optional(),
  contact: z.record(z.string(), z.unknown()).optional(),
  company: z.record(z.string(), z.unknown()).optional(),
});
export type ExpectedState = z.infer<typeof ExpectedState>;

/** What the extractor pipeline predicted, in the full shape of `expected` (every key present). */
export type Prediction = QualificationLabels;
