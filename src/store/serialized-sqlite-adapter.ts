import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";

/** A FIFO async mutex: `acquire` resolves with the function that releases it. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ready = this.tail.then(() => {
      let released = false;
      return () => {
        if (released) return;
        released = true;
        release();
      };
    });
    this.tail = this.tail.then(() => next);
    return ready;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

function releasingTransaction(transaction: Transaction, release: () => void): Transaction {
  return new Proxy(transaction, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (property === "commit" || property === "rollback")
        return async () => {
          try {
            await (value as () => Promise<void>).call(target);
          } finally {
            release();
          }
        };
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function serialized(adapter: SqlDriverAdapter, lock: Mutex): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (property === "queryRaw" || property === "executeRaw" || property === "executeScript")
        return (argument: never) =>
          lock.run(() => (value as (argument: never) => Promise<unknown>).call(target, argument));
      if (property === "startTransaction")
        return async (isolationLevel?: never) => {
          const release = await lock.acquire();
          try {
            return releasingTransaction(await target.startTransaction(isolationLevel), release);
          } catch (error) {
            release();
            throw error;
          }
        };
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * better-sqlite3 is one connection: Prisma's adapter serialises transactions, but a query
 * issued outside a transaction runs inside whichever one is open — it would see uncommitted
 * rows, and its writes would vanish if that transaction rolled back (a stored message lost).
 * This wrapper makes every statement wait for open transactions to finish — and for whatever
 * else holds `lock` (the hand-written store's statements on its own connection).
 */
export function serializeSqliteAccess(
  factory: SqlDriverAdapterFactory,
  lock: Mutex = new Mutex(),
): SqlDriverAdapterFactory {
  return onConnect(factory, async (adapter) => serialized(adapter, lock));
}

/** The same adapter factory, with `prepare` applied to every connection it makes. */
export function onConnect(
  factory: SqlDriverAdapterFactory,
  prepare: (adapter: SqlDriverAdapter) => Promise<SqlDriverAdapter>,
): SqlDriverAdapterFactory {
  return new Proxy(factory, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (property === "connect") return async () => prepare(await target.connect());
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
