import { databaseKindOf } from "./database-url.js";
import { type MigrationResult, migrateSqlite } from "./migrate.js";
import { migratePostgres } from "./migrate-postgres.js";

/** Applies pending migrations for whichever database DATABASE_URL names. */
export async function migrateDatabase(databaseUrl: string): Promise<MigrationResult> {
  return databaseKindOf(databaseUrl) === "postgresql"
    ? migratePostgres(databaseUrl)
    : migrateSqlite(databaseUrl);
}
