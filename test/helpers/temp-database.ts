import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A fresh, empty SQLite file URL in its own temporary folder. */
export function freshDatabaseUrl(): { url: string; directory: string; cleanup: () => void } {
  const directory = mkdtempSync(path.join(tmpdir(), "qualbot-test-"));
  return {
    url: `file:${path.join(directory, "qualbot.db")}`,
    directory,
    cleanup: () => rmSync(directory, { recursive: true, force: true }),
  };
}
