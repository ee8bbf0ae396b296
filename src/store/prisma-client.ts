import { createRequire } from "node:module";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { PrismaClient as PostgresPrismaClient } from "../../node_modules/.prisma/client-postgresql/index.js";
import type { SqliteSynchronous } from "../config/env.js";
import { databaseKindOf, sqliteFilePath } from "./database-url.js";
import { type Mutex, onConnect, serializeSqliteAccess } from "./serialized-sqlite-adapter.js";
import { synchronousPragma } from "./sqlite-access.js";

/**
 * The store's one client type. The PostgreSQL client is typed as the SQLite one: both are
 * generated from the same models (a test keeps the two schemas' models identical), so their
 * model APIs match; only provider-specific extras (raw SQL dialects) differ.
 */
export type Database = PrismaClient;

// Loaded only for a postgresql:// URL, so SQLite commands (`chat`, `leads`) start as fast as before.
// The PostgreSQL client is generated from prisma/postgresql/schema.prisma into its own folder by
// `postinstall`; src/store and dist/store are both two levels below the package root.
const require = createRequire(import.meta.url);

function createPostgresClient(databaseUrl: string): Database {
  const { PrismaPg: Adapter } = require("@prisma/adapter-pg") as { PrismaPg: typeof PrismaPg };
  const { PrismaClient: Client } = require("../../node_modules/.prisma/client-postgresql/index.js") as {
    PrismaClient: typeof PostgresPrismaClient;
  };
  return new Client({ adapter: new Adapter({ connectionString: databaseUrl }) }) as unknown as Database;
}

/**
 * A Prisma client over a driver adapter (no Rust engine: works offline and air-gapped). On SQLite,
 * `sqliteLock` is shared with the hand-written store's connection (see sqlite-access.ts).
 */
export function createPrismaClient(
  databaseUrl: string,
  options: { sqliteLock?: Mutex; synchronous?: SqliteSynchronous } = {},
): Database {
  if (databaseKindOf(databaseUrl) === "postgresql") return createPostgresClient(databaseUrl);
  const adapter = new PrismaBetterSQLite3(
    { url: `file:${sqliteFilePath(databaseUrl)}` },
    { timestampFormat: "iso8601" },
  );
  return new PrismaClient({
    adapter: serializeSqliteAccess(withSynchronous(adapter, options.synchronous), options.sqliteLock),
  });
}

/** Prisma's own connection to the SQLite file commits as durably as the store's (see synchronousPragma). */
function withSynchronous(
  factory: SqlDriverAdapterFactory,
  setting: SqliteSynchronous | undefined,
): SqlDriverAdapterFactory {
  return onConnect(factory, async (connection) => {
    await connection.executeScript(synchronousPragma(setting));
    return connection;
  });
}
