import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { DatabaseKind } from "../../src/store/database-url.js";

/** A fresh, empty SQLite file URL in its own temporary folder. */
export function freshDatabaseUrl(): { url: string; directory: string; cleanup: () => void } {
  const directory = mkdtempSync(path.join(tmpdir(), "qualbot-test-"));
  return {
    url: `file:${path.join(directory, "qualbot.db")}`,
    directory,
    cleanup: () => rmSync(directory, { recursive: true, force: true }),
  };
}

/** The server that PostgreSQL variants run against (scripts/start-test-postgres.sh prints it). */
export const testPostgresUrl = process.env.QUALBOT_TEST_POSTGRES_URL || undefined;

export const postgresSkipReason =
  'QUALBOT_TEST_POSTGRES_URL is not set: PostgreSQL variants skipped (eval "$(scripts/start-test-postgres.sh)" to run them)';

/** Every database the suite can run on here; PostgreSQL only when a test server is configured. */
export const databaseKinds: readonly { kind: DatabaseKind; available: boolean }[] = [
  { kind: "sqlite", available: true },
  { kind: "postgresql", available: testPostgresUrl !== undefined },
];

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A new, empty PostgreSQL database on the test server, dropped (with its connections) on cleanup. */
export async function freshPostgresUrl(): Promise<{ url: string; cleanup: () => Promise<void> }> {
  if (!testPostgresUrl) throw new Error(postgresSkipReason);
  const name = `qualbot_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(testPostgresUrl, name),
    async cleanup() {
      const dropper = new pg.Client({ connectionString: testPostgresUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/** A fresh, empty database of either kind. */
export async function freshDatabase(
  kind: DatabaseKind,
): Promise<{ url: string; cleanup: () => Promise<void> }> {
  if (kind === "postgresql") return freshPostgresUrl();
  const sqlite = freshDatabaseUrl();
  return { url: sqlite.url, cleanup: async () => sqlite.cleanup() };
}

/** A fresh database of either kind with every migration applied. */
export async function migratedDatabase(
  kind: DatabaseKind,
): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const { migrateDatabase } = await import("../../src/store/migrate-database.js");
  const database = await freshDatabase(kind);
  await migrateDatabase(database.url);
  return database;
}
