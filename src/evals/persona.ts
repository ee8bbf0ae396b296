import { z } from "zod";
import { Slot } from "../core/scorecard.js";
import { ExpectedState } from "./expected.js";
import type { LineError } from "./jsonl.js";
import { parseJsonLines } from "./jsonl.js";

/**
 * A simulated prospect (`--simulate personas.jsonl`): an opening message and hidden facts, one
 * sentence per slot, said only when the bot asks for that slot. `expected` is the state a good
 * bot should reach (same shape as a dataset case's `expected`).
 */
export const Persona = z.object({
  id: z.string().min(1),
  now: z.iso.datetime({ offset: true }).optional(),
  opening: z.string().min(1),
  facts: z.partialRecord(Slot, z.string().min(1)),
  expected: ExpectedState,
});
export type Persona = z.infer<typeof Persona>;

export function parsePersonas(text: string): { personas: Persona[]; errors: LineError[] } {
  const { items, errors } = parseJsonLines(text, Persona);
  const firstLine = new Map<string, number>();
  const personas: Persona[] = [];
  for (const { line, value } of items) {
    const seen = firstLine.get(value.id);
    if (seen !== undefined)
      errors.push({ line, reason: `duplicate id "${value.id}" (first on line ${seen})` });
    else {
      firstLine.set(value.id, line);
      personas.push(value);
    }
  }
  errors.sort((a, b) => a.line - b.line);
  return { personas, errors };
}
