import type { ExpectedState, Prediction } from "./expected.js";

function amountText(budget: { amount?: number; currency?: string; period?: string } | undefined): string {
  if (budget?.amount === undefined) return "unknown";
  return [budget.amount, budget.currency, budget.period && `/${budget.period}`].filter(Boolean).join(" ");
}

/** Human-readable gold and predicted values of one slot, for failure messages. */
export function slotValues(
  slot: string,
  expected: ExpectedState,
  predicted: Prediction,
): { expected: string; predicted: string } {
  if (slot.startsWith("disqualifiers.")) {
    const label = slot.slice("disqualifiers.".length);
    const has = (labels: readonly string[] | undefined) => (labels?.includes(label) ? label : `no ${label}`);
    return { expected: has(expected.disqualifiers), predicted: has(predicted.disqualifiers) };
  }
  switch (slot) {
    case "budget.status":
      return { expected: expected.budget?.status ?? "-", predicted: predicted.budget.status };
    case "budget.amount":
      return { expected: amountText(expected.budget), predicted: amountText(predicted.budget) };
    case "authority.status":
      return { expected: expected.authority?.status ?? "-", predicted: predicted.authority.status };
    case "seniority":
      return { expected: expected.seniority ?? "-", predicted: predicted.seniority };
    case "need.status":
      return { expected: expected.need?.status ?? "-", predicted: predicted.need.status };
    case "timeline.status":
      return { expected: expected.timeline?.status ?? "-", predicted: predicted.timeline.status };
    case "qualified":
      return { expected: String(expected.qualified ?? "-"), predicted: String(predicted.qualified) };
    default:
      return { expected: "-", predicted: "-" };
  }
}

/** Slots that count against a case: everything but correct and abstained. */
export function wrongSlots(outcomes: Record<string, string>): string[] {
  return Object.entries(outcomes)
    .filter(([, outcome]) => outcome !== "correct" && outcome !== "abstained")
    .map(([slot]) => slot);
}
