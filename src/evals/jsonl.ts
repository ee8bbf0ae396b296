import type { z } from "zod";

export interface LineError {
  /** 1-based line number in the file. */
  line: number;
  reason: string;
}

export interface ParsedLine<T> {
  line: number;
  value: T;
}

/** One line per zod issue, with the path inside the object ("messages.2.role: …"). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.map(String).join(".");
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join("; ");
}

/**
 * Parse JSON Lines against a schema. A bad line is collected with its line number and the
 * reason instead of aborting, so one typo does not hide every other problem in the file.
 * Blank lines are allowed (editors add them at the end).
 */
export function parseJsonLines<T>(
  text: string,
  schema: z.ZodType<T>,
): { items: ParsedLine<T>[]; errors: LineError[] } {
  const items: ParsedLine<T>[] = [];
  const errors: LineError[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    if (raw.trim() === "") continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      errors.push({ line, reason: `invalid JSON (${(error as Error).message})` });
      continue;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) items.push({ line, value: parsed.data });
    else errors.push({ line, reason: describeIssues(parsed.error) });
  }
  return { items, errors };
}
