import { describe, expect, it } from "vitest";
import type { Signal } from "../../../src/core/qualification.js";
import { read } from "./read.js";
import {
  extraOffTopic,
  extraOnTopic,
  round3OffTopic,
  round3OnTopic,
  round4OffTopic,
} from "./silence-extra-tuning-batch.js";
import {
  type OffTopicRow,
  type OnTopicRow,
  offTopicCheck,
  offTopicTuning,
  onTopicCheck,
  onTopicTuning,
  statesFact,
} from "./silence-measurement-batch.js";
import { secondCheckOffTopic, secondCheckOnTopic } from "./silence-second-check-batch.js";

// The issue-3 measurement batches as tables: an off-topic message yields no field at all (not even a
// contact or company value), an on-topic one yields the fact it states. Rows the extractor still gets
// wrong are listed below and run with `it.fails`, so the table says what is missed and notices a fix.

/** Off-topic rows that still yield a field, with why. */
const knownLeaks = new Map<string, string>([
  [
    "the chat window covers the cookie banner, can't close it",
    "a subject-less clause does not inherit the vendor subject before it (tried: cost a holdout gate)",
  ],
]);
/** Off-topic rows whose only reading is a correct contact detail (the batch mislabelled them). */
const statesContact = new Map<string, Signal["field"]>([
  ["call me at +1 (415) 555-0199 after 5", "contact.phone"],
]);
/** On-topic rows still missed, all missed before the silence work too. */
const knownMisses = new Set([
  "can't spend more than 1k a month on this",
  "this is a 2028 project for us",
  "wir möchten das bis Ende Januar einführen",
  "we get 300 demo requests a week and can't triage them fast enough",
  "eventually we'll need something like this, not yet though",
  "yo decido las compras de software en mi empresa",
  "soy estudiante y estoy haciendo una investigación sobre chatbots",
  "our spreadsheet process works for now but it's getting messy",
  "final decision is mine but finance has to approve the invoice",
  "the clinic's phones ring nonstop and nobody can answer them all",
  "my wife thinks I work too much 😅 we need something to handle after-hours chats",
  "our lease on the current CRM runs out in March so we're shopping around",
  "I won't be choosing, our IT team picks the tools",
  "we offer web design services at great rates, want a quote?",
]);

const offTopic: readonly OffTopicRow[] = [
  ...offTopicTuning,
  ...offTopicCheck,
  ...extraOffTopic,
  ...round3OffTopic,
  ...round4OffTopic,
  ...secondCheckOffTopic,
];
const onTopic: readonly OnTopicRow[] = [
  ...onTopicTuning,
  ...onTopicCheck,
  ...extraOnTopic,
  ...round3OnTopic,
  ...secondCheckOnTopic,
];

function fieldsOf(row: { text: string; asked?: OffTopicRow["asked"] }) {
  return read(row.text, row.asked ? { asked: row.asked } : {}).signals;
}

describe("off-topic messages yield no field", () => {
  const silent = offTopic.filter((row) => !knownLeaks.has(row.text) && !statesContact.has(row.text));
  it.each(silent)("[$genre] $text", (row) => {
    expect(fieldsOf(row).map((signal) => `${signal.field}=${JSON.stringify(signal.value)}`)).toEqual([]);
  });

  it.each([...statesContact])("%j yields only its %s", (text, field) => {
    expect(fieldsOf({ text }).map((signal) => signal.field)).toEqual([field]);
  });

  it.fails.each([...knownLeaks])("still leaks: %j (%s)", (text) => {
    expect(fieldsOf({ text })).toEqual([]);
  });
});

describe("on-topic messages yield the fact they state", () => {
  it.each(onTopic.filter((row) => !knownMisses.has(row.text)))("[$genre] $text", (row) => {
    const signals = fieldsOf(row);
    for (const fact of row.facts) {
      expect(
        signals.some((signal) => statesFact(signal, fact)),
        `${JSON.stringify(fact)} in ${JSON.stringify(signals.map((signal) => signal.value))}`,
      ).toBe(true);
    }
  });

  it.fails.each(onTopic.filter((row) => knownMisses.has(row.text)))("still missed: $text", (row) => {
    const signals = fieldsOf(row);
    expect(row.facts.every((fact) => signals.some((signal) => statesFact(signal, fact)))).toBe(true);
  });
});
