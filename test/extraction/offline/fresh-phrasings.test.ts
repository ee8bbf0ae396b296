import { describe, expect, it } from "vitest";
import type { SignalField } from "../../../src/core/qualification.js";
import {
  authorityRows,
  budgetAmountRows,
  budgetStatusRows,
  disqualifierRows,
  needRows,
  type Row,
  silentRows,
} from "./fresh-phrasings.js";
import { read } from "./read.js";

const readRow = ([, text, botLine]: Row) => read(text, botLine ? { botSaid: botLine } : {});

function statusOf(row: Row, field: "need" | "budget" | "authority"): string {
  const signal = readRow(row).signals.find((candidate) => candidate.field === field);
  if (!signal) return "unknown";
  return (signal.value as { status: string }).status;
}

function amountOf(row: Row): string {
  const signal = readRow(row).signals.find((candidate) => candidate.field === "budget");
  if (signal?.field !== "budget") return "unknown";
  const { status, amount, currency, period } = signal.value;
  return [status, amount, currency, period].filter((part) => part !== undefined).join(",");
}

function disqualifiersOf(row: Row): string {
  const labels = readRow(row).signals.flatMap((signal) =>
    signal.field === "disqualifier" ? [signal.value] : [],
  );
  return labels.sort().join(",") || "none";
}

const qualificationFields: readonly SignalField[] = [
  "need",
  "budget",
  "authority",
  "timeline",
  "disqualifier",
];

function fieldsOf(row: Row): string {
  const fields = readRow(row).signals.flatMap((signal) =>
    qualificationFields.includes(signal.field) ? [signal.field] : [],
  );
  return fields.join(",") || "nothing";
}

const label = (row: Row) => (row[2] ? `${row[1]} (after "${row[2]}")` : row[1]);
const cases = (rows: Row[]) => rows.map((row) => [label(row), row] as const);

describe("fresh phrasings", () => {
  it.each(cases(needRows))("need of %j", (_, row) => {
    expect(statusOf(row, "need")).toBe(row[0]);
  });
  it.each(cases(budgetStatusRows))("budget status of %j", (_, row) => {
    expect(statusOf(row, "budget")).toBe(row[0]);
  });
  it.each(cases(budgetAmountRows))("budget amount of %j", (_, row) => {
    expect(amountOf(row)).toBe(row[0]);
  });
  it.each(cases(authorityRows))("authority of %j", (_, row) => {
    expect(statusOf(row, "authority")).toBe(row[0]);
  });
  it.each(cases(disqualifierRows))("disqualifiers of %j", (_, row) => {
    expect(disqualifiersOf(row)).toBe(row[0]);
  });
  it.each(cases(silentRows))("nothing read into %j", (_, row) => {
    expect(fieldsOf(row)).toBe(row[0]);
  });
});
