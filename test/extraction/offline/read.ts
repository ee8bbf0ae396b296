import { describe, expect, it } from "vitest";
import {
  emptyQualification,
  type NeedStatus,
  Signal,
  type SignalField,
  type SignalOf,
} from "../../../src/core/qualification.js";
import type { Slot } from "../../../src/core/scorecard.js";
import { readMessage } from "../../../src/extraction/offline/index.js";
import { NOW, QUESTIONS } from "./conversation-fixtures.js";

export { NOW, QUESTIONS };

export interface ReadOptions {
  /** The slot the bot just asked about (its question becomes the last history line). */
  asked?: Slot;
  /** The bot's last line verbatim (instead of `asked`). */
  botSaid?: string;
  now?: Date;
}

/**
 * Read one message with the offline extractor. Every call also checks the evidence contract:
 * each signal is schema-valid and every quote is a verbatim substring of the message.
 */
export function read(text: string, options: ReadOptions = {}) {
  const botLine = options.botSaid ?? (options.asked ? QUESTIONS[options.asked] : undefined);
  const result = readMessage({
    text,
    history: botLine ? [{ role: "bot", text: botLine }] : [],
    now: options.now ?? NOW,
    state: emptyQualification(),
  });
  for (const signal of result.signals) {
    expect(Signal.safeParse(signal).success, `schema-valid ${JSON.stringify(signal)}`).toBe(true);
    for (const quote of signal.evidence) expect(text, `evidence of ${signal.field}`).toContain(quote);
  }
  return result;
}

export function signalsOf<F extends SignalField>(
  text: string,
  field: F,
  options?: ReadOptions,
): SignalOf<F>[] {
  return read(text, options).signals.filter((signal): signal is SignalOf<F> => signal.field === field);
}

export function fieldValue<F extends SignalField>(
  text: string,
  field: F,
  options?: ReadOptions,
): SignalOf<F>["value"] | undefined {
  return signalsOf(text, field, options)[0]?.value as SignalOf<F>["value"] | undefined;
}

/** Need phrasing tables, one per status the offline reader should give ("unknown": no need read). */
export function describeNeedTables(
  title: string,
  tables: Record<NeedStatus | "unknown", readonly string[]>,
): void {
  const needOf = (text: string) => fieldValue(text, "need")?.status ?? "unknown";
  describe(title, () => {
    it.each(tables.explicit)("reads %j as an explicit need", (text) => {
      expect(needOf(text)).toBe("explicit");
    });
    it.each(tables.latent)("reads %j as latent", (text) => {
      expect(needOf(text)).toBe("latent");
    });
    it.each(tables.none)("reads %j as no need", (text) => {
      expect(needOf(text)).toBe("none");
    });
    it.each(tables.unknown)("reads no need into %j", (text) => {
      expect(needOf(text)).toBe("unknown");
    });
  });
}
