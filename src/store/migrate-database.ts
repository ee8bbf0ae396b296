import { databaseKindOf } from "./database-url.js";
import { type MigrationResult, migrateSqlite } from "./migrate.js";

/** Applies pending migrations for whichever database DATABASE_URL names. */
export async function migrateDatabase(databaseUrl: string): Promise<MigrationResult> {
  if (databaseKindOf(databaseUrl) === "sqlite") return migrateSqlite(databaseUrl);
  // Loaded only when needed: SQLite installs never load the PostgreSQL driver.
  const { migratePostgres } = await import("./migrate-postgres.js");
  return migratePostgres(databaseUrl);
}
