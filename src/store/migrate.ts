import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { isSqlite, sqliteFilePath } from "./database-url.js";

export class MigrationError extends Error {
  readonly code = "MIGRATION_FAILED";
  constructor(
    message: string,
    readonly migration: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "MigrationError";
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** prisma/migrations at the package root (src/store or dist/store are two levels down). */
export const defaultMigrationsDir = path.resolve(here, "..", "..", "prisma", "migrations");

/** A migration folder's name and SQL, in the order Prisma applies them (by name). */
export interface MigrationFile {
  name: string;
  sql: string;
  /** What Prisma records in `_prisma_migrations.checksum` (sha256 of the file, hex). */
  checksum: string;
}

export function readMigrations(migrationsDir: string): MigrationFile[] {
  if (!existsSync(migrationsDir)) return [];
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(path.join(migrationsDir, entry.name, "migration.sql")),
    )
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

// Prisma's own bookkeeping table, so `prisma migrate status|deploy` agree with what we applied.
const bookkeeping = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/**
 * Applies the committed Prisma migrations to a SQLite database, creating the file if needed.
 * Done in-process (not by spawning the Prisma CLI) so `qualbot chat` and `serve` start in
 * milliseconds; each migration runs in its own transaction and is recorded exactly as
 * `prisma migrate deploy` records it.
 */
export function migrateSqlite(databaseUrl: string, migrationsDir = defaultMigrationsDir): MigrationResult {
  if (!isSqlite(databaseUrl)) throw new Error("migrateSqlite needs a file: DATABASE_URL");
  const file = sqliteFilePath(databaseUrl);
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    db.exec(bookkeeping);
    const done = new Set(
      (
        db
          .prepare(
            `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
          )
          .all() as {
          migration_name: string;
        }[]
      ).map((row) => row.migration_name),
    );
    const applied: string[] = [];
    for (const { name, sql, checksum } of readMigrations(migrationsDir)) {
      if (done.has(name)) continue;
      const startedAt = new Date().toISOString();
      try {
        db.transaction(() => {
          db.exec(sql);
          db.prepare(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
          ).run(randomUUID(), checksum, new Date().toISOString(), name, startedAt);
        })();
      } catch (error) {
        throw new MigrationError(`migration ${name} failed: ${(error as Error).message}`, name, {
          cause: error,
        });
      }
      applied.push(name);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    db.close();
  }
}
