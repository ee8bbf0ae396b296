import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
/** prompts/ at the repository root, from src/llm or dist/llm alike. */
export const defaultPromptsDirectory = path.resolve(here, "..", "..", "prompts");

export interface PromptFile {
  /** From the file's first line (`<!-- id: … -->`); changes when the prompt's intent changes. */
  id: string;
  /** sha256 of the file's bytes: changes with any edit. */
  hash: string;
  /** The prompt text (id line removed). */
  text: string;
}

/** The three prompt files one extraction turn uses, with one id and hash for the set. */
export interface TurnPrompts {
  system: PromptFile;
  extraction: PromptFile;
  reply: PromptFile;
  /** e.g. "system.v1+extraction.v1+reply.v1" — recorded on every extraction. */
  id: string;
  /** sha256 over the three file hashes. */
  hash: string;
}

export class PromptFileError extends Error {
  readonly code = "PROMPT_INVALID";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PromptFileError";
  }
}

const sha256 = (content: string | Buffer) => createHash("sha256").update(content).digest("hex");

/**
 * A prompt file is Markdown whose first line names its id: `<!-- id: extraction.v1 -->`
 * (an HTML comment, so Markdown tools and the formatter leave it alone).
 */
export function parsePromptFile(content: string, source: string): PromptFile {
  const match = /^<!--\s*id:\s*(\S+)\s*-->[ \t]*\r?\n([\s\S]*)$/.exec(content);
  if (!match) throw new PromptFileError(`${source}: the first line must be <!-- id: <name> -->`);
  const text = match[2]!.trim();
  if (text === "") throw new PromptFileError(`${source}: the prompt is empty`);
  return { id: match[1]!, hash: sha256(content), text };
}

function readPrompt(directory: string, name: string): PromptFile {
  const file = path.join(directory, `${name}.md`);
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch (cause) {
    throw new PromptFileError(`cannot read prompt ${file}`, { cause });
  }
  return parsePromptFile(content, file);
}

export function loadTurnPrompts(directory = defaultPromptsDirectory): TurnPrompts {
  const system = readPrompt(directory, "system");
  const extraction = readPrompt(directory, "extraction");
  const reply = readPrompt(directory, "reply");
  return {
    system,
    extraction,
    reply,
    id: [system.id, extraction.id, reply.id].join("+"),
    hash: sha256([system.hash, extraction.hash, reply.hash].join("\n")),
  };
}
