import { normaliseForMatch } from "../core/evidence.js";
import type { Move } from "../core/policy.js";
import { type BudgetValue, emptyQualification, type Signal, type SignalOf } from "../core/qualification.js";
import type { Extractor, TranscriptLine } from "../extraction/extractor.js";

// The model's normalised values (amounts, currency, period, timeline bucket, seniority, size,
// email) are checked against what deterministic rules read in the same words.

/** The turn being read: a bare "50k" is a budget when the bot had just asked for one. */
export interface ReadingContext {
  now: Date;
  history: TranscriptLine[];
  plannedMove?: Move;
}

/** Reads text with deterministic rules (the offline extractor): the reference for normalised values. */
export type RuleReader = (text: string, context: ReadingContext) => Promise<Signal[]>;

export function ruleReaderFrom(extractor: Extractor): RuleReader {
  return async (text, context) =>
    (await extractor.extract({ ...context, text, state: emptyQualification() })).signals;
}

/** Fields whose values rules can read exactly; the others (authority, need…) are judgement. */
export const ruleCheckedFields: ReadonlySet<Signal["field"]> = new Set([
  "budget",
  "timeline",
  "seniority",
  "company.size",
  "contact.email",
]);

const DAY_MS = 86_400_000;
/** Two readings of a date this close agree (end-of-window conventions differ by a day or two). */
const DATE_TOLERANCE_DAYS = 3;
/** DESIGN §3: amounts match within 1 %. */
const AMOUNT_TOLERANCE = 0.01;

function sameAmount(left: number, right: number): boolean {
  return Math.abs(left - right) <= AMOUNT_TOLERANCE * Math.max(Math.abs(left), Math.abs(right));
}

export type Reconciled = { ok: true; signal: Signal } | { ok: false; detail: string };

function reconcileBudget(model: SignalOf<"budget">, parsed: SignalOf<"budget">): Reconciled {
  const mine = model.value;
  const theirs = parsed.value;
  if (mine.status === "none") return { ok: true, signal: model };
  if (mine.amount !== undefined && theirs.amount !== undefined && !sameAmount(mine.amount, theirs.amount))
    return { ok: false, detail: `amount ${mine.amount} but the quote says ${theirs.amount}` };
  if (mine.currency && theirs.currency && mine.currency !== theirs.currency)
    return { ok: false, detail: `currency ${mine.currency} but the quote says ${theirs.currency}` };
  if (mine.period && theirs.period && mine.period !== theirs.period)
    return { ok: false, detail: `period ${mine.period} but the quote says ${theirs.period}` };
  const value: BudgetValue = { status: mine.status };
  const amount = theirs.amount ?? mine.amount;
  const currency = theirs.currency ?? mine.currency;
  const period = theirs.period ?? mine.period;
  if (amount !== undefined) value.amount = amount;
  if (currency !== undefined) value.currency = currency;
  if (period !== undefined) value.period = period;
  return { ok: true, signal: { ...model, value } };
}

function reconcileTimeline(model: SignalOf<"timeline">, parsed: SignalOf<"timeline">): Reconciled {
  const mine = model.value;
  const theirs = parsed.value;
  if (mine.status === theirs.status)
    return {
      ok: true,
      signal: {
        ...model,
        value: { ...mine, ...(theirs.targetDate ? { targetDate: theirs.targetDate } : {}) },
      },
    };
  const close =
    mine.targetDate !== undefined &&
    theirs.targetDate !== undefined &&
    Math.abs(Date.parse(mine.targetDate) - Date.parse(theirs.targetDate)) <= DATE_TOLERANCE_DAYS * DAY_MS;
  if (close) return { ok: true, signal: { ...model, value: theirs } };
  return { ok: false, detail: `timeline ${mine.status} but the quote says ${theirs.status}` };
}

function compareWith(model: Signal, reading: Signal): Reconciled {
  if (model.field === "budget") return reconcileBudget(model, reading as SignalOf<"budget">);
  if (model.field === "timeline") return reconcileTimeline(model, reading as SignalOf<"timeline">);
  const same =
    typeof model.value === "string" && typeof reading.value === "string"
      ? model.value.toLowerCase() === reading.value.toLowerCase()
      : model.value === reading.value;
  if (same) return { ok: true, signal: model };
  return {
    ok: false,
    detail: `${model.field} ${String(model.value)} but the quote says ${String(reading.value)}`,
  };
}

/** Where `quote` sits in `text` (normalised), to tell which rule reading speaks about the same words. */
function spanOf(quote: string, normalisedText: string): [number, number] | undefined {
  const needle = normaliseForMatch(quote);
  const start = normalisedText.indexOf(needle);
  return start < 0 || needle === "" ? undefined : [start, start + needle.length];
}

const overlaps = (left: [number, number] | undefined, right: [number, number] | undefined) =>
  left !== undefined && right !== undefined && left[0] < right[1] && right[0] < left[1];

export interface Readings {
  /** Rule readings of the whole message (its context helps the rules), with where their evidence sits. */
  message: Promise<{ signal: Signal; span?: [number, number] }[]>;
  /** Rule reading of one quote on its own, for values the message reading did not cover. */
  quote(quote: string): Promise<Signal[]>;
}

export function createReadings(
  reader: RuleReader | undefined,
  text: string,
  context: ReadingContext,
): Readings {
  // A reader failure means "cannot verify", not "wrong": the quote check already passed.
  const read = (input: string) =>
    reader ? reader(input, context).catch(() => [] as Signal[]) : Promise.resolve([] as Signal[]);
  const normalisedText = normaliseForMatch(text);
  let message: Readings["message"] | undefined;
  const quotes = new Map<string, Promise<Signal[]>>();
  return {
    get message() {
      message ??= read(text).then((signals) =>
        signals.map((signal) => ({ signal, span: spanOf(signal.evidence[0] ?? "", normalisedText) })),
      );
      return message;
    },
    quote(quote) {
      let pending = quotes.get(quote);
      if (!pending) {
        pending = read(quote);
        quotes.set(quote, pending);
      }
      return pending;
    },
  };
}

/**
 * Compare the model's value with the rules' reading of the same words: first the reading of the
 * whole message whose evidence overlaps the quote, else the reading of the quote alone. The
 * rules' numbers win; a disagreement drops the value; no reading keeps the model's value.
 */
export async function reconcile(model: Signal, readings: Readings, text: string): Promise<Reconciled> {
  const span = spanOf(model.evidence[0]!, normaliseForMatch(text));
  const fromMessage = (await readings.message).find(
    (entry) => entry.signal.field === model.field && overlaps(entry.span, span),
  );
  const reading =
    fromMessage?.signal ??
    (await readings.quote(model.evidence[0]!)).find((signal) => signal.field === model.field);
  return reading ? compareWith(model, reading) : { ok: true, signal: model };
}
