import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
// The PostgreSQL client is generated from prisma/postgresql/schema.prisma (same models) into its
// own folder by `postinstall`; src/store and dist/store are both two levels below the root.
import { PrismaClient as PostgresPrismaClient } from "../../node_modules/.prisma/client-postgresql/index.js";
import { databaseKindOf, sqliteFilePath } from "./database-url.js";
import { serializeSqliteAccess } from "./serialized-sqlite-adapter.js";

/**
 * The store's one client type. The PostgreSQL client is typed as the SQLite one: both are
 * generated from the same models (a test keeps the two schemas' models identical), so their
 * model APIs match; only provider-specific extras (raw SQL dialects) differ.
 */
export type Database = PrismaClient;

/** A Prisma client over a driver adapter (no Rust engine: works offline and air-gapped). */
export function createPrismaClient(databaseUrl: string): Database {
  if (databaseKindOf(databaseUrl) === "postgresql") {
    const adapter = new PrismaPg({ connectionString: databaseUrl });
    return new PostgresPrismaClient({ adapter }) as unknown as Database;
  }
  const adapter = new PrismaBetterSQLite3(
    { url: `file:${sqliteFilePath(databaseUrl)}` },
    { timestampFormat: "iso8601" },
  );
  return new PrismaClient({ adapter: serializeSqliteAccess(adapter) });
}
