import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migratePostgres } from "../../src/store/migrate-postgres.js";
import { createPrismaClient, type Database } from "../../src/store/prisma-client.js";
import { createPrismaLeadStore } from "../../src/store/prisma-lead-store.js";
import { freshPostgresUrl, postgresSkipReason, testPostgresUrl } from "../helpers/temp-database.js";

// PostgreSQL columns are `timestamp(3)` without a zone: the values must be UTC whatever the
// server's or the session's time zone, as they are on SQLite.
describe.skipIf(!testPostgresUrl)(
  `PostgreSQL timestamps and JSON${testPostgresUrl ? "" : ` — ${postgresSkipReason}`}`,
  () => {
    let database: Awaited<ReturnType<typeof freshPostgresUrl>>;
    let db: Database;
    beforeAll(async () => {
      database = await freshPostgresUrl();
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      await admin.query(
        `ALTER DATABASE ${new URL(database.url).pathname.slice(1)} SET timezone = 'America/New_York'`,
      );
      await admin.end();
      await migratePostgres(database.url);
      db = createPrismaClient(database.url);
    });
    afterAll(async () => {
      await db?.$disconnect();
      await database?.cleanup();
    });

    it("stores and reads instants unchanged on a server in another time zone", async () => {
      const store = createPrismaLeadStore(db);
      const referenceNow = new Date("2026-11-23T10:00:00.123Z");
      const before = Date.now();
      const receipt = await store.receive({
        channel: "web",
        conversationKey: "tz",
        text: "hello",
        referenceNow,
      });
      const after = Date.now();
      const context = await store.loadTurn(receipt.messageId, 5);
      expect(context.conversation.referenceNow?.toISOString()).toBe(referenceNow.toISOString());
      // Defaults (createdAt) are UTC too, not the server's local time.
      expect(context.message.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(context.message.createdAt.getTime()).toBeLessThanOrEqual(after + 1000);
      const unprocessed = await store.listUnprocessed(new Date(after + 1000), 10);
      expect(unprocessed.map((row) => row.messageId)).toEqual([receipt.messageId]);
      expect(await store.listUnprocessed(new Date(before - 1000), 10)).toEqual([]);
    });

    it("round-trips JSON columns (nested objects, unicode, numbers) as SQLite does", async () => {
      const value = {
        quotes: ["مرحبا 👋🏽", 'say "hi"'],
        amount: 50_000.5,
        nested: { list: [1, null, true] },
      };
      const lead = await db.lead.create({ data: { qualification: value, scoreReasons: [] } });
      const read = await db.lead.findUniqueOrThrow({ where: { id: lead.id } });
      expect(read.qualification).toEqual(value);
      expect(read.scoreReasons).toEqual([]);
    });
  },
);
