import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { handleProspectMessage } from "../../src/engine/handle-prospect-message.js";
import { sqliteFilePath } from "../../src/store/database-url.js";
import { openSqliteAccess, type SqliteAccess } from "../../src/store/sqlite-access.js";
import { createTestQualbot } from "../helpers/database.js";
import { freshDatabaseUrl } from "../helpers/temp-database.js";

describe("SQLite group commit", () => {
  let database: ReturnType<typeof freshDatabaseUrl>;
  let access: SqliteAccess;
  let observer: Database.Database;

  const insert = (text: string) => (connection: Database.Database) =>
    Number(connection.prepare("INSERT INTO note (text) VALUES (?)").run(text).lastInsertRowid);
  const storedTexts = () =>
    (observer.prepare("SELECT text FROM note ORDER BY id").all() as { text: string }[]).map(
      (row) => row.text,
    );

  beforeEach(() => {
    database = freshDatabaseUrl();
    access = openSqliteAccess(database.url);
    access.connection.exec("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
    // A second connection sees only what was committed.
    observer = new Database(sqliteFilePath(database.url), { readonly: true });
  });

  afterEach(() => {
    observer.close();
    access.close();
    database.cleanup();
  });

  it("commits work asked for together in one transaction, in the order asked, before answering", async () => {
    const transactionsSeen: boolean[] = [];
    const results = await Promise.all(
      ["first", "second", "third"].map((text) =>
        access.run((connection) => {
          transactionsSeen.push(connection.inTransaction);
          return insert(text)(connection);
        }),
      ),
    );
    expect(results).toEqual([1, 2, 3]);
    expect(transactionsSeen).toEqual([true, true, true]);
    expect(storedTexts()).toEqual(["first", "second", "third"]);
  });

  it("answers each caller only once its writes are visible to other connections", async () => {
    const seenByOthersWhenAnswered = await Promise.all(
      ["a", "b"].map(async (text) => {
        await access.run(insert(text));
        return storedTexts().includes(text);
      }),
    );
    expect(seenByOthersWhenAnswered).toEqual([true, true]);
  });

  it("undoes only the writes of the work that threw; the rest of the batch is committed", async () => {
    const outcomes = await Promise.allSettled([
      access.run(insert("kept before")),
      access.run((connection) => {
        insert("undone")(connection);
        throw new Error("stale version");
      }),
      access.run(insert("kept after")),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ message: "stale version" });
    expect(storedTexts()).toEqual(["kept before", "kept after"]);
  });

  it("fails every caller of a batch whose transaction SQLite rolled back, and stores none of it", async () => {
    // RAISE(ROLLBACK) ends the whole transaction, as a full disk or an I/O error would.
    access.connection.exec(`CREATE TRIGGER refuse BEFORE INSERT ON note WHEN NEW.text = 'poison'
      BEGIN SELECT RAISE(ROLLBACK, 'disk full'); END`);
    const outcomes = await Promise.allSettled([
      access.run(insert("innocent")),
      access.run(insert("poison")),
      access.run(insert("also innocent")),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["rejected", "rejected", "rejected"]);
    for (const outcome of outcomes)
      expect((outcome as PromiseRejectedResult).reason).toMatchObject({ message: "disk full" });
    expect(storedTexts()).toEqual([]);

    // The connection is usable again afterwards.
    await access.run(insert("later"));
    expect(storedTexts()).toEqual(["later"]);
  });

  it("runs work asked for while a batch waits for the lock in that same batch, after what holds the lock", async () => {
    const release = await access.lock.acquire();
    const order: string[] = [];
    const first = access.run(() => order.push("first"));
    await new Promise((resolve) => setImmediate(resolve));
    const second = access.run(() => order.push("second"));
    order.push("lock holder done");
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["lock holder done", "first", "second"]);
  });
});

describe("SQLite durability (SQLITE_SYNCHRONOUS)", () => {
  // better-sqlite3 lowers WAL mode's default to NORMAL (1) as soon as the WAL is in use: the
  // setting must hold on both connections after writes, not just after opening.
  it.each([
    ["full", 2],
    ["normal", 1],
  ] as const)("%s holds on both connections once the file is in WAL mode", async (setting, pragmaValue) => {
    const qualbot = await createTestQualbot({ env: { SQLITE_SYNCHRONOUS: setting } });
    try {
      await handleProspectMessage(qualbot.engine, {
        channel: "web",
        conversationKey: "durable",
        channelMessageId: "durable-1",
        text: "We need this by March.",
      });
      const prismaSetting = (await qualbot.db.$queryRawUnsafe("PRAGMA synchronous")) as {
        synchronous: number | bigint;
      }[];
      expect(Number(prismaSetting[0]?.synchronous)).toBe(pragmaValue);
    } finally {
      await qualbot.cleanup();
    }

    const database = freshDatabaseUrl();
    const access = openSqliteAccess(database.url, { synchronous: setting });
    try {
      await access.run((connection) => connection.exec("CREATE TABLE note (text TEXT)"));
      await access.run((connection) => connection.prepare("INSERT INTO note VALUES ('x')").run());
      expect(access.connection.pragma("synchronous", { simple: true })).toBe(pragmaValue);
    } finally {
      access.close();
      database.cleanup();
    }
  });
});
