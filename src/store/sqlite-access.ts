import Database from "better-sqlite3";
import type { SqliteSynchronous } from "../config/env.js";
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
  /**
   * Runs `work` (synchronous SQL) once every Prisma statement and transaction before it is done,
   * and resolves once its writes are on disk. Work asked for in the same turn of the event loop is
   * committed together (group commit): one fsync for all of it instead of one each. Each piece of
   * work runs in its own savepoint, so one that throws undoes only its own writes.
   */
  run<T>(work: (connection: Database.Database) => T): Promise<T>;
  close(): void;
}

interface Pending {
  work: (connection: Database.Database) => unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** The batch's transaction ended under it (SQLite rolls back on some errors, e.g. a full disk). */
class BatchAborted extends Error {
  constructor(override readonly cause: unknown) {
    super("the group commit's transaction was rolled back", { cause });
  }
}

/**
 * How hard a commit waits for the disk (SQLITE_SYNCHRONOUS). "full", the default: every commit is
 * fsynced before it returns, so nothing the bot acknowledged is lost even on a power cut.
 * better-sqlite3 itself lowers WAL mode's default to NORMAL, which survives a crash of the process
 * but can lose the last commits on a power cut or kernel panic. Group commit (below) shares one
 * fsync between concurrent turns. Both connections to the file (this one and Prisma's) use it.
 */
export function synchronousPragma(setting: SqliteSynchronous = "full"): string {
  return `PRAGMA synchronous = ${setting === "full" ? "FULL" : "NORMAL"}`;
}

export function openSqliteAccess(
  databaseUrl: string,
  options: { synchronous?: SqliteSynchronous } = {},
): SqliteAccess {
  const connection = new Database(sqliteFilePath(databaseUrl));
  connection.pragma("journal_mode = WAL");
  connection.exec(synchronousPragma(options.synchronous));
  // Other processes (a `qualbot leads` command next to `serve`) may hold the write lock briefly.
  connection.pragma("busy_timeout = 5000");
  const lock = new Mutex();
  let queue: Pending[] = [];
  let flushScheduled = false;

  // IMMEDIATE: take the write lock up front, so a batch that reads and then writes can never
  // fail with SQLITE_BUSY_SNAPSHOT because another process wrote in between.
  const commitBatch = connection.transaction((batch: Pending[]): Outcome[] =>
    batch.map(({ work }): Outcome => {
      try {
        return { ok: true, value: connection.transaction(work).default(connection) };
      } catch (error) {
        if (!connection.inTransaction) throw new BatchAborted(error);
        return { ok: false, error };
      }
    }),
  ).immediate;

  const flush = async () => {
    const release = await lock.acquire();
    flushScheduled = false;
    const batch = queue;
    queue = [];
    try {
      let outcomes: Outcome[];
      try {
        outcomes = commitBatch(batch);
      } catch (error) {
        // Nothing of the batch is on disk: every caller is told, none is answered as if it were.
        const cause = error instanceof BatchAborted ? error.cause : error;
        for (const pending of batch) pending.reject(cause);
        return;
      }
      outcomes.forEach((outcome, index) => {
        if (outcome.ok) batch[index]!.resolve(outcome.value);
        else batch[index]!.reject(outcome.error);
      });
    } finally {
      release();
    }
  };

  return {
    connection,
    lock,
    run<T>(work: (connection: Database.Database) => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (flushScheduled) return;
        flushScheduled = true;
        // setImmediate, not a microtask: lets every request already read off the sockets in
        // this turn of the loop join the batch.
        setImmediate(() => void flush());
      });
    },
    close: () => connection.close(),
  };
}
