import Database from "better-sqlite3";
import { sqliteFilePath } from "./database-url.js";
import { Mutex } from "./serialized-sqlite-adapter.js";

/**
 * One process's access to the embedded SQLite file: the hand-written hot path's own connection,
 * and the lock it shares with the Prisma client. Prisma's interactive transactions span awaits;
 * taking the same lock before every synchronous statement batch means neither connection ever
 * waits on the other's write lock (which would block the event loop until busy_timeout).
 */
export interface SqliteAccess {
  readonly connection: Database.Database;
  readonly lock: Mutex;
  /** Runs `work` (synchronous SQL) once every Prisma statement and transaction before it is done. */
  run<T>(work: (connection: Database.Database) => T): Promise<T>;
  close(): void;
}

export function openSqliteAccess(databaseUrl: string): SqliteAccess {
  const connection = new Database(sqliteFilePath(databaseUrl));
  connection.pragma("journal_mode = WAL");
  // Other processes (a `qualbot leads` command next to `serve`) may hold the write lock briefly.
  connection.pragma("busy_timeout = 5000");
  const lock = new Mutex();
  return {
    connection,
    lock,
    async run(work) {
      const release = await lock.acquire();
      try {
        return work(connection);
      } finally {
        release();
      }
    },
    close: () => connection.close(),
  };
}
