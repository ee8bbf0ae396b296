import { readFile } from "node:fs/promises";
import { z } from "zod";
import { ExpectedState } from "./expected.js";
import { type LineError, parseJsonLines } from "./jsonl.js";

const EvalMessage = z
  .object({
    role: z.enum(["prospect", "bot"]),
    text: z.string().min(1),
    /** Optional per-turn gold: the (partial) expected state right after this prospect turn. */
    expected: ExpectedState.optional(),
  })
  .refine((message) => message.role === "prospect" || message.expected === undefined, {
    message: "only prospect turns can carry an expected state",
    path: ["expected"],
  });
export type EvalMessage = z.infer<typeof EvalMessage>;

/** DESIGN §3, one case per line. Unknown top-level keys (tags, notes, source) are ignored. */
export const EvalCase = z.object({
  id: z.string().min(1),
  now: z.iso.datetime({ offset: true }).optional(),
  messages: z
    .array(EvalMessage)
    .min(1)
    .refine(
      (messages) => messages.some((message) => message.role === "prospect"),
      "needs at least one prospect message",
    ),
  expected: ExpectedState,
});
export type EvalCase = z.infer<typeof EvalCase>;

export interface Dataset {
  cases: EvalCase[];
  errors: LineError[];
}

/** Parse a dataset; bad lines and repeated ids are collected with their line numbers. */
export function parseDataset(text: string): Dataset {
  const { items, errors } = parseJsonLines(text, EvalCase);
  const firstLine = new Map<string, number>();
  const cases: EvalCase[] = [];
  for (const { line, value } of items) {
    const seen = firstLine.get(value.id);
    if (seen !== undefined) {
      errors.push({ line, reason: `duplicate id "${value.id}" (first on line ${seen})` });
      continue;
    }
    firstLine.set(value.id, line);
    cases.push(value);
  }
  errors.sort((a, b) => a.line - b.line);
  return { cases, errors };
}

export type ReadResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Reads a text file; a missing or unreadable file is an expected failure with a clear message. */
export async function readTextFile(path: string, what: string): Promise<ReadResult<string>> {
  try {
    return { ok: true, value: await readFile(path, "utf8") };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (error as Error).message;
    return { ok: false, error: `cannot read ${what} ${path}: ${reason}` };
  }
}
