import type { types } from "@slack/bolt";
import { z } from "zod";
import {
  AuthorityStatus,
  BudgetPeriod,
  BudgetStatus,
  Disqualifier,
  NeedStatus,
  Seniority,
  TimelineStatus,
} from "../../core/qualification.js";
import type { CorrectedQualification, CorrectionInput } from "../../engine/handoff-decisions.js";
import type { InputState, ViewValues } from "./slack-payloads.js";

export const modalCallbackIds = { reject: "handoff_reject_reason", edit: "handoff_edit_fields" } as const;

/** Carried through a modal in `private_metadata`: which handoff, which version, where its card is. */
export const ModalContext = z.object({
  handoffId: z.string().min(1),
  version: z.number().int().min(0),
  channel: z.string().min(1),
  ts: z.string().min(1),
});
export type ModalContext = z.infer<typeof ModalContext>;

export function parseModalContext(privateMetadata: string): ModalContext | null {
  try {
    const parsed = ModalContext.safeParse(JSON.parse(privateMetadata));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const plain = (text: string): types.PlainTextElement => ({ type: "plain_text", text, emoji: true });
const words = (value: string) => value.replaceAll("_", " ");
const option = (value: string): types.PlainTextOption => ({ text: plain(words(value)), value });

export function rejectReasonModal(context: ModalContext, leadName: string): types.ModalView {
  return {
    type: "modal",
    callback_id: modalCallbackIds.reject,
    private_metadata: JSON.stringify(context),
    title: plain("Reject handoff"),
    submit: plain("Reject"),
    close: plain("Cancel"),
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `Why is *${leadName.replaceAll("<", "&lt;")}* not a fit right now? The reason is recorded with the decision; the prospect is not shown it.`,
        },
      },
      {
        type: "input",
        block_id: "reason",
        label: plain("Reason"),
        element: { type: "plain_text_input", action_id: "reason", multiline: true, max_length: 1000 },
      },
    ],
  };
}

/** The reason typed in the reject modal, or an error for the modal's reason field. */
export function readRejectReason(
  values: ViewValues,
): { ok: true; value: string } | { ok: false; errors: Record<string, string> } {
  const reason = values.reason?.reason?.value?.trim() ?? "";
  return reason
    ? { ok: true, value: reason }
    : { ok: false, errors: { reason: "Please say why (a few words are enough)." } };
}

function select(
  blockId: string,
  label: string,
  values: readonly string[],
  current: string | undefined,
  optional = false,
): types.InputBlock {
  const options = values.map(option);
  const initial = current === undefined ? undefined : options.find((entry) => entry.value === current);
  return {
    type: "input",
    block_id: blockId,
    optional,
    label: plain(label),
    element: {
      type: "static_select",
      action_id: blockId,
      options,
      ...(initial ? { initial_option: initial } : {}),
    },
  };
}

/** A form over the extracted values, prefilled with what the bot understood. */
export function editFieldsModal(context: ModalContext, current: CorrectedQualification): types.ModalView {
  const disqualifierOptions = Disqualifier.options.map(option);
  const chosen = disqualifierOptions.filter((entry) =>
    current.disqualifiers.includes(entry.value as Disqualifier),
  );
  return {
    type: "modal",
    callback_id: modalCallbackIds.edit,
    private_metadata: JSON.stringify(context),
    title: plain("Correct the lead"),
    submit: plain("Save"),
    close: plain("Cancel"),
    blocks: [
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: "What did the bot get wrong? Corrections are kept (and exported as evaluation cases).",
          },
        ],
      },
      select("budget_status", "Budget", BudgetStatus.options, current.budget.status),
      {
        type: "input",
        block_id: "budget_amount",
        optional: true,
        label: plain("Budget amount"),
        element: {
          type: "number_input",
          action_id: "budget_amount",
          is_decimal_allowed: true,
          ...(current.budget.amount !== undefined ? { initial_value: String(current.budget.amount) } : {}),
        },
      },
      {
        type: "input",
        block_id: "budget_currency",
        optional: true,
        label: plain("Currency (ISO code, e.g. USD)"),
        element: {
          type: "plain_text_input",
          action_id: "budget_currency",
          max_length: 3,
          ...(current.budget.currency ? { initial_value: current.budget.currency } : {}),
        },
      },
      select("budget_period", "Budget period", BudgetPeriod.options, current.budget.period, true),
      select("authority_status", "Authority", AuthorityStatus.options, current.authority.status),
      select("seniority", "Seniority", Seniority.options, current.seniority),
      select("need_status", "Need", NeedStatus.options, current.need.status),
      select("timeline_status", "Timeline", TimelineStatus.options, current.timeline.status),
      {
        type: "input",
        block_id: "disqualifiers",
        optional: true,
        label: plain("Disqualifiers"),
        element: {
          type: "multi_static_select",
          action_id: "disqualifiers",
          options: disqualifierOptions,
          ...(chosen.length ? { initial_options: chosen } : {}),
        },
      },
    ],
  };
}

function input(values: ViewValues, blockId: string): InputState | undefined {
  return values[blockId]?.[blockId];
}

function selected<T extends string>(
  values: ViewValues,
  blockId: string,
  schema: z.ZodType<T>,
): T | undefined {
  const parsed = schema.safeParse(input(values, blockId)?.selected_option?.value);
  return parsed.success ? parsed.data : undefined;
}

/** The corrected values from the edit modal, or errors keyed by the modal's block ids. */
export function readCorrection(
  values: ViewValues,
): { ok: true; value: CorrectionInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const required = <T extends string>(blockId: string, schema: z.ZodType<T>): T | undefined => {
    const value = selected(values, blockId, schema);
    if (value === undefined) errors[blockId] = "Please choose a value.";
    return value;
  };
  const budgetStatus = required("budget_status", BudgetStatus);
  const authority = required("authority_status", AuthorityStatus);
  const seniority = required("seniority", Seniority);
  const need = required("need_status", NeedStatus);
  const timeline = required("timeline_status", TimelineStatus);

  const amountText = input(values, "budget_amount")?.value?.trim();
  const amount = amountText ? Number(amountText) : undefined;
  if (amount !== undefined && !(Number.isFinite(amount) && amount > 0))
    errors.budget_amount = "A positive number, please.";
  const currency = input(values, "budget_currency")?.value?.trim().toUpperCase() || undefined;
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency))
    errors.budget_currency = "A three-letter ISO code, e.g. USD.";
  const period = selected(values, "budget_period", BudgetPeriod);
  const disqualifiers = (input(values, "disqualifiers")?.selected_options ?? [])
    .map((entry) => Disqualifier.safeParse(entry.value))
    .flatMap((parsed) => (parsed.success ? [parsed.data] : []));

  if (Object.keys(errors).length > 0 || !budgetStatus || !authority || !seniority || !need || !timeline)
    return { ok: false, errors };
  // An amount only means something for a budget that exists.
  const hasBudget = budgetStatus === "exploring" || budgetStatus === "allocated";
  const budget: CorrectionInput["budget"] = { status: budgetStatus };
  if (hasBudget && amount !== undefined) budget.amount = amount;
  if (hasBudget && currency !== undefined) budget.currency = currency;
  if (hasBudget && period !== undefined) budget.period = period;
  return {
    ok: true,
    value: {
      budget,
      authority: { status: authority },
      seniority,
      need: { status: need },
      timeline: { status: timeline },
      disqualifiers: [...new Set(disqualifiers)],
    },
  };
}
