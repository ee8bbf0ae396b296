import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { ReplyTemplates } from "./templates.js";

const here = path.dirname(fileURLToPath(import.meta.url));
export const defaultTemplatesPath = path.resolve(here, "..", "..", "prompts", "templates.json");

export function loadReplyTemplates(file = defaultTemplatesPath): ReplyTemplates {
  const parsed = ReplyTemplates.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success)
    throw new Error(`Invalid reply templates in ${file}:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
