import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";
import { isSqlite, sqliteFilePath } from "./database-url.js";
import { serializeSqliteAccess } from "./serialized-sqlite-adapter.js";

export type Database = PrismaClient;

/** A Prisma client over the driver adapter (no Rust engine: works offline and air-gapped). */
export function createPrismaClient(databaseUrl: string): Database {
  if (!isSqlite(databaseUrl))
    throw new Error("Only SQLite (file:) is supported by this build; PostgreSQL comes with scale-out");
  const adapter = new PrismaBetterSQLite3(
    { url: `file:${sqliteFilePath(databaseUrl)}` },
    { timestampFormat: "iso8601" },
  );
  return new PrismaClient({ adapter: serializeSqliteAccess(adapter) });
}
