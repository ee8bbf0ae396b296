import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { isPostgres } from "./database-url.js";
import { MigrationError, type MigrationResult, readMigrations } from "./migrate.js";

const here = path.dirname(fileURLToPath(import.meta.url));
/** prisma/postgresql/migrations at the package root (src/store or dist/store are two levels down). */
export const defaultPostgresMigrationsDir = path.resolve(
  here,
  "..",
  "..",
  "prisma",
  "postgresql",
  "migrations",
);

// Prisma's own bookkeeping table (PostgreSQL flavour), so `prisma migrate status|deploy` agree.
const bookkeeping = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// Any constant works as long as every instance uses the same one; this is "qualbot" in ASCII.
const migrationLockKey = 0x7175616c626f74;

/**
 * Applies the committed PostgreSQL migrations in-process, like `migrateSqlite`: each migration in
 * its own transaction, recorded as `prisma migrate deploy` records it. Instances starting together
 * take turns on a session advisory lock, so a migration is never applied twice.
 */
export async function migratePostgres(
  databaseUrl: string,
  migrationsDir = defaultPostgresMigrationsDir,
): Promise<MigrationResult> {
  if (!isPostgres(databaseUrl)) throw new Error("migratePostgres needs a postgresql:// DATABASE_URL");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [migrationLockKey]);
    try {
      await client.query(bookkeeping);
      const { rows } = await client.query<{ migration_name: string }>(
        `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      );
      const done = new Set(rows.map((row) => row.migration_name));
      const applied: string[] = [];
      for (const { name, sql, checksum } of readMigrations(migrationsDir)) {
        if (done.has(name)) continue;
        const startedAt = new Date();
        try {
          await client.query("BEGIN");
          await client.query(sql);
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, $4, 1)`,
            [randomUUID(), checksum, name, startedAt],
          );
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw new MigrationError(`migration ${name} failed: ${(error as Error).message}`, name, {
            cause: error,
          });
        }
        applied.push(name);
      }
      return { applied, alreadyApplied: done.size };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [migrationLockKey]).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}
