import { createHash } from "node:crypto";
import { appendFile, mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { ExtractionResult } from "../extraction/extractor.js";

export const DEFAULT_CACHE_FILE = ".qualbot-cache/eval-cache.jsonl";

/** How the cached answer was made: a re-run reports the original call's latency, not the lookup's. */
export interface CacheDetails {
  latencyMs?: number;
}

/**
 * Where cached model answers live; a Map in tests, a JSONL file for the command. Extraction
 * results by default; the simulated prospect stores its replies in the same file under other keys.
 */
export interface ResponseCache<Value = ExtractionResult> {
  get(key: string): Value | undefined;
  set(key: string, value: Value, details?: CacheDetails): Promise<void>;
  details?(key: string): CacheDetails | undefined;
}

export function cacheKey(parts: unknown): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

export function createMemoryCache<Value = ExtractionResult>(): ResponseCache<Value> & { size(): number } {
  const entries = new Map<string, { value: Value; details: CacheDetails }>();
  return {
    get: (key) => entries.get(key)?.value,
    details: (key) => entries.get(key)?.details,
    async set(key, value, details = {}) {
      entries.set(key, { value, details });
    },
    size: () => entries.size,
  };
}

/**
 * An append-only JSONL file of `{key, result, latencyMs?}`. Loaded once; a torn or foreign line
 * is skipped (the entry is simply fetched again). Appends are chained so concurrent cases never
 * interleave.
 */
export async function openFileCache<Value = ExtractionResult>(
  path: string,
): Promise<ResponseCache<Value> & { size(): number }> {
  const entries = new Map<string, { value: Value; details: CacheDetails }>();
  let text = "";
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const entry = JSON.parse(line) as { key?: unknown; result?: unknown; latencyMs?: unknown };
      if (typeof entry.key === "string" && entry.result && typeof entry.result === "object")
        entries.set(entry.key, {
          value: entry.result as Value,
          details: typeof entry.latencyMs === "number" ? { latencyMs: entry.latencyMs } : {},
        });
    } catch {
      // A half-written last line after a crash: ignore it.
    }
  }
  let writing: Promise<void> = mkdir(dirname(path), { recursive: true }).then(() => undefined);
  return {
    get: (key) => entries.get(key)?.value,
    details: (key) => entries.get(key)?.details,
    set(key, value, details = {}) {
      entries.set(key, { value, details });
      writing = writing.then(() =>
        appendFile(
          path,
          `${JSON.stringify({ key, at: new Date().toISOString(), result: value, ...details })}\n`,
        ),
      );
      return writing;
    },
    size: () => entries.size,
  };
}
