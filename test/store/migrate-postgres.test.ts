import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPostgresMigrationsDir, migratePostgres } from "../../src/store/migrate-postgres.js";
import { freshPostgresUrl, postgresSkipReason, testPostgresUrl } from "../helpers/temp-database.js";

describe.skipIf(!testPostgresUrl)(
  `migratePostgres${testPostgresUrl ? "" : ` — ${postgresSkipReason}`}`,
  () => {
    let database: Awaited<ReturnType<typeof freshPostgresUrl>>;
    beforeAll(async () => {
      database = await freshPostgresUrl();
    });
    afterAll(() => database?.cleanup());

    async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        return (await client.query<T>(sql)).rows;
      } finally {
        await client.end();
      }
    }

    it("applies every migration once when several instances start together, and is idempotent", async () => {
      const results = await Promise.all([1, 2, 3].map(() => migratePostgres(database.url)));
      const appliedBy = results.map((result) => result.applied.length);
      expect(appliedBy.filter((count) => count > 0)).toHaveLength(1);
      const total = Math.max(...appliedBy);
      expect(total).toBeGreaterThan(0);
      expect(await migratePostgres(database.url)).toEqual({ applied: [], alreadyApplied: total });

      const tables = (
        await query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
      ).map((row) => row.tablename);
      expect(tables).toEqual(
        expect.arrayContaining([
          "Lead",
          "Conversation",
          "Message",
          "Handoff",
          "EventDelivery",
          "Job",
          "_prisma_migrations",
        ]),
      );
    });

    it("records each migration as Prisma does: name, sha256 checksum of the file, finished", async () => {
      const rows = await query<{
        migration_name: string;
        checksum: string;
        finished_at: Date | null;
        applied_steps_count: number;
      }>(
        `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const sql = readFileSync(
          path.join(defaultPostgresMigrationsDir, row.migration_name, "migration.sql"),
          "utf8",
        );
        expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
        expect(row.finished_at).toBeInstanceOf(Date);
        expect(row.applied_steps_count).toBe(1);
      }
    });
  },
);
