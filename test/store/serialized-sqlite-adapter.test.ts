import { afterAll, describe, expect, it } from "vitest";
import { migrateSqlite } from "../../src/store/migrate.js";
import { createPrismaClient } from "../../src/store/prisma-client.js";
import { Mutex } from "../../src/store/serialized-sqlite-adapter.js";
import { openDoomedTransaction } from "../helpers/doomed-transaction.js";
import { freshDatabaseUrl } from "../helpers/temp-database.js";

const database = freshDatabaseUrl();
migrateSqlite(database.url);
const db = createPrismaClient(database.url);
afterAll(async () => {
  await db.$disconnect();
  database.cleanup();
});

describe("SQLite access outside a transaction", () => {
  it("is not swallowed by a concurrent transaction that rolls back", async () => {
    const { outcome: failing } = await openDoomedTransaction(db, "rolled-back");
    await db.inboundEvent.create({ data: { key: "independent" } });
    expect(await failing).toBe("abort");
    expect((await db.inboundEvent.findMany()).map((row) => row.key)).toEqual(["independent"]);
  });

  it("never reads rows of a transaction that is later rolled back", async () => {
    const { outcome: pending } = await openDoomedTransaction(db, "phantom", 30);
    const seen = await db.inboundEvent.findUnique({ where: { key: "phantom" } });
    await pending;
    expect(seen).toBeNull();
  });
});

describe("Mutex", () => {
  it("runs work one at a time in arrival order", async () => {
    const lock = new Mutex();
    const order: string[] = [];
    const step = (name: string, ms: number) =>
      lock.run(async () => {
        order.push(`${name}:start`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        order.push(`${name}:end`);
      });
    await Promise.all([step("a", 20), step("b", 1), step("c", 5)]);
    expect(order).toEqual(["a:start", "a:end", "b:start", "b:end", "c:start", "c:end"]);
  });
});
