import { z } from "zod";
import type { GenerateObjectResult, LlmUsage } from "./llm-client.js";
import { LlmOutputError } from "./llm-errors.js";

/** The one place model text becomes a value: JSON first, then the schema; anything else is a typed error. */
export function parseModelOutput<Schema extends z.ZodType>(
  schema: Schema,
  raw: string,
  context: { promptId: string; usage: LlmUsage },
): GenerateObjectResult<z.infer<Schema>> {
  const { promptId, usage } = context;
  if (raw.trim() === "")
    return {
      ok: false,
      error: new LlmOutputError("LLM_EMPTY_OUTPUT", "model returned no content", { promptId, raw, usage }),
    };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (cause) {
    return {
      ok: false,
      error: new LlmOutputError("LLM_MALFORMED_OUTPUT", "model output is not JSON", {
        promptId,
        raw,
        cause,
        usage,
      }),
    };
  }
  return checkModelValue(schema, json, { promptId, usage, raw });
}

/** For adapters whose framework already parsed the JSON: the schema check still happens here. */
export function checkModelValue<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  context: { promptId: string; usage: LlmUsage; raw: string },
): GenerateObjectResult<z.infer<Schema>> {
  const { promptId, usage, raw } = context;
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    return {
      ok: false,
      error: new LlmOutputError(
        "LLM_SCHEMA_MISMATCH",
        `model output does not match the schema: ${z.prettifyError(parsed.error)}`,
        { promptId, raw, cause: parsed.error, usage },
      ),
    };
  return { ok: true, value: parsed.data, usage, raw };
}
