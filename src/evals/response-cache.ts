import { createHash } from "node:crypto";
import { appendFile, mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { ExtractionResult } from "../extraction/extractor.js";

export const DEFAULT_CACHE_FILE = ".qualbot-cache/eval-cache.jsonl";

/** Where cached extraction results live; a Map in tests, a JSONL file for the command. */
export interface ResponseCache {
  get(key: string): ExtractionResult | undefined;
  set(key: string, result: ExtractionResult): Promise<void>;
}

export function cacheKey(parts: unknown): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

export function createMemoryCache(): ResponseCache & { size(): number } {
  const entries = new Map<string, ExtractionResult>();
  return {
    get: (key) => entries.get(key),
    async set(key, result) {
      entries.set(key, result);
    },
    size: () => entries.size,
  };
}

/**
 * An append-only JSONL file of `{key, result}`. Loaded once; a torn or foreign line is skipped
 * (the entry is simply fetched again). Appends are chained so concurrent cases never interleave.
 */
export async function openFileCache(path: string): Promise<ResponseCache & { size(): number }> {
  const entries = new Map<string, ExtractionResult>();
  let text = "";
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const entry = JSON.parse(line) as { key?: unknown; result?: unknown };
      if (typeof entry.key === "string" && entry.result && typeof entry.result === "object")
        entries.set(entry.key, entry.result as ExtractionResult);
    } catch {
      // A half-written last line after a crash: ignore it.
    }
  }
  let writing: Promise<void> = mkdir(dirname(path), { recursive: true }).then(() => undefined);
  return {
    get: (key) => entries.get(key),
    set(key, result) {
      entries.set(key, result);
      writing = writing.then(() =>
        appendFile(path, `${JSON.stringify({ key, at: new Date().toISOString(), result })}\n`),
      );
      return writing;
    },
    size: () => entries.size,
  };
}
