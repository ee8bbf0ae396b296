import { normaliseForMatch, quoteOccursIn } from "../core/evidence.js";
import type { Signal } from "../core/qualification.js";
import { toCoreSignal } from "./model-signal.js";
import {
  createReadings,
  type ReadingContext,
  type RuleReader,
  reconcile,
  ruleCheckedFields,
} from "./rule-check.js";
import type { ModelSignal } from "./turn-schema.js";

export { type ReadingContext, type RuleReader, ruleReaderFrom } from "./rule-check.js";

export type DropReason = "evidence_not_found" | "invalid_value" | "contradicts_quote" | "instructions_to_bot";

export interface DroppedModelSignal {
  signal: ModelSignal;
  reason: DropReason;
  detail: string;
}

const quoteMustContainValue = new Set(["contact.name", "contact.email", "company.name"]);

/** Names and addresses are copied, not inferred: the value itself must be in its quote. */
function valueInQuote(signal: Signal): boolean {
  const quote = signal.evidence[0]!;
  if (signal.field === "contact.phone") {
    const digits = (text: string) => text.replace(/\D/g, "");
    return digits(quote).includes(digits(signal.value));
  }
  if (!quoteMustContainValue.has(signal.field)) return true;
  return normaliseForMatch(quote).includes(normaliseForMatch(String(signal.value)));
}

/**
 * Turn the model's claims into core signals the engine may trust: the quote must be the
 * prospect's own words from this message, the value must be valid, and normalised values
 * (amounts, currency, period, timeline bucket, seniority, size, email) must agree with what the
 * offline rules read in the same words. A message that reads as instructions to the bot is
 * evidence of nothing (DESIGN §2). Everything dropped says why.
 */
export async function verifyModelSignals(
  modelSignals: readonly ModelSignal[],
  context: ReadingContext & {
    text: string;
    ruleReader?: RuleReader;
    isInstructionToBot?: (text: string) => boolean;
  },
): Promise<{ kept: Signal[]; dropped: DroppedModelSignal[] }> {
  const kept: Signal[] = [];
  const dropped: DroppedModelSignal[] = [];
  const drop = (signal: ModelSignal, reason: DropReason, detail: string) =>
    dropped.push({ signal, reason, detail });
  if (modelSignals.length > 0 && context.isInstructionToBot?.(context.text)) {
    for (const model of modelSignals)
      drop(model, "instructions_to_bot", `${model.field}: the message instructs the bot`);
    return { kept, dropped };
  }
  const { now, history, plannedMove } = context;
  const readings = createReadings(context.ruleReader, context.text, { now, history, plannedMove });

  for (const model of modelSignals) {
    if (!quoteOccursIn(model.quote, [context.text])) {
      drop(model, "evidence_not_found", `${model.field}: quote not in the message`);
      continue;
    }
    const converted = toCoreSignal(model, context.now);
    if (!converted.ok) {
      drop(model, converted.reason, converted.detail);
      continue;
    }
    if (!valueInQuote(converted.signal)) {
      drop(model, "contradicts_quote", `${model.field}: value not in its quote`);
      continue;
    }
    if (!ruleCheckedFields.has(converted.signal.field)) {
      kept.push(converted.signal);
      continue;
    }
    const reconciled = await reconcile(converted.signal, readings, context.text);
    if (reconciled.ok) kept.push(reconciled.signal);
    else drop(model, "contradicts_quote", reconciled.detail);
  }
  return { kept, dropped };
}
