import { z } from "zod";
import { Intent } from "../core/intent.js";
import { BudgetPeriod, Signal } from "../core/qualification.js";

/** Signal fields the model may report: exactly the core `Signal` union's fields. */
export const ModelSignalField = z.enum(
  Signal.options.map((option) => option.shape.field.value) as [Signal["field"], ...Signal["field"][]],
);
export type ModelSignalField = z.infer<typeof ModelSignalField>;

/**
 * What the model fills per fact. Flat and strict-mode friendly: every key is required, details
 * that do not apply are null (or []), and `value` is a string the code converts per field and
 * then checks with the core `Signal` schema. The model's numbers are never trusted as such.
 */
export const ModelSignal = z.object({
  field: ModelSignalField,
  value: z
    .string()
    .describe("The field's value: a status word from the instructions, or the stated text/number"),
  amount: z.number().nullable().describe("budget only: the amount as a plain number, else null"),
  currency: z.string().nullable().describe("budget only: ISO 4217 code when stated, else null"),
  period: BudgetPeriod.nullable().describe("budget only: when stated, else null"),
  target_date: z
    .string()
    .nullable()
    .describe("timeline only: end of the stated window, YYYY-MM-DD, else null"),
  pains: z.array(z.string()).describe("need only: short pains or use cases in the prospect's words, else []"),
  quote: z.string().describe("Verbatim words from prospect_message that state this value"),
  certainty: z.enum(["stated", "implied"]),
});
export type ModelSignal = z.infer<typeof ModelSignal>;

/** One call per prospect turn: the facts in the message, what the prospect is doing, and a reply. */
export const TurnOutput = z.object({
  signals: z.array(ModelSignal),
  intents: z.array(Intent),
  reply_for: z
    .enum(["reply_goal", "reply_goal_if_answered"])
    .describe(
      "reply_goal_if_answered when prospect_message answers what reply_goal asks about and that goal is given",
    ),
  reply: z
    .string()
    .describe(
      "The reply to send, following the goal named in reply_for; empty when that goal says not to reply",
    ),
});
export type TurnOutput = z.infer<typeof TurnOutput>;

export const turnSchemaName = "qualbot_turn";
