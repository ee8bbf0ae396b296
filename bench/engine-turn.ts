// Engine overhead per prospect turn (offline extractor, SQLite), next to the raw cost of one
// SQLite insert and to the same turn through the Prisma store, measured in the same run.
// Run: npx tsx bench/engine-turn.ts [turns]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { loadConfig } from "../src/config/env.js";
import { handleProspectMessage } from "../src/engine/handle-prospect-message.js";
import { silentLogger } from "../src/logging/logger.js";
import { createQualbot } from "../src/main.js";
import { createPrismaLeadStore } from "../src/store/prisma-lead-store.js";
import { synchronousPragma } from "../src/store/sqlite-access.js";
import { percentile, summarise } from "./stats.js";

const turns = Number(process.argv[2] ?? 2000);
const directory = mkdtempSync(path.join(tmpdir(), "qualbot-bench-"));
const messages = [
  "Hi, I'm Sam, Head of RevOps at Northwind (about 300 people).",
  "Our reps spend hours triaging inbound leads and we need to automate routing.",
  "We'd like something live by the end of next quarter.",
  "Budget is around $40k a year, finance has approved it.",
  "I'd need sign-off from our CFO but I run the evaluation.",
  "sam@northwind.test",
];

async function main() {
  const url = `file:${path.join(directory, "bench.db")}`;
  const qualbot = await createQualbot(loadConfig({ DATABASE_URL: url }), { logger: silentLogger });
  // The same store without an fsync per commit (SQLITE_SYNCHRONOUS=normal), on its own file.
  const unsynced = await createQualbot(
    loadConfig({ DATABASE_URL: `file:${path.join(directory, "normal.db")}`, SQLITE_SYNCHRONOUS: "normal" }),
    { logger: silentLogger },
  );

  // Raw SQLite: one prepared insert per call on the same file system, synchronous driver, with
  // the store's durability (every commit fsynced).
  const raw = new Database(path.join(directory, "raw.db"));
  raw.pragma("journal_mode = WAL");
  raw.exec(synchronousPragma("full"));
  raw.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, conversation TEXT, text TEXT, created TEXT)");
  const insert = raw.prepare("INSERT INTO t (conversation, text, created) VALUES (?, ?, ?)");
  const rawTimes: number[] = [];
  for (let index = 0; index < turns; index++) {
    const started = performance.now();
    insert.run(`c${index % 50}`, messages[index % messages.length], new Date().toISOString());
    rawTimes.push(performance.now() - started);
  }

  // The shipped SQLite store (hand-written SQL) and the Prisma store PostgreSQL uses, on the
  // same file: the difference is what Prisma's query compiler and client cost per turn.
  const engines = {
    "hand-written SQL": qualbot.engine,
    "hand-written SQL, synchronous NORMAL": unsynced.engine,
    Prisma: { ...qualbot.engine, store: createPrismaLeadStore(qualbot.db) },
  };
  const measure = async (name: keyof typeof engines, count: number) => {
    const times: number[] = [];
    for (let index = 0; index < count; index++) {
      const conversation = Math.floor(index / messages.length);
      const started = performance.now();
      await handleProspectMessage(engines[name], {
        channel: "web",
        conversationKey: `${name}-${count}-${conversation}`,
        channelMessageId: `${name}-${count}-${index}`,
        text: messages[index % messages.length]!,
      });
      times.push(performance.now() - started);
    }
    return times;
  };
  // Warm-up (model loading, JIT, Prisma query compiler), then measure.
  await measure("hand-written SQL", 30);
  await measure("Prisma", 30);
  await measure("hand-written SQL, synchronous NORMAL", 30);
  const turnTimes = await measure("hand-written SQL", turns);
  const unsyncedTimes = await measure("hand-written SQL, synchronous NORMAL", turns);
  const prismaTimes = await measure("Prisma", Math.min(turns, 500));
  const extractTimes: number[] = [];
  for (let index = 0; index < turns; index++) {
    const started = performance.now();
    await qualbot.engine.extractor.extract({
      text: messages[index % messages.length]!,
      history: [],
      now: new Date(),
      state: { disqualifiers: [], contact: {}, company: {} },
    });
    extractTimes.push(performance.now() - started);
  }

  const turn = summarise(turnTimes);
  const prisma = summarise(prismaTimes);
  const unsyncedTurn = summarise(unsyncedTimes);
  const insertStats = summarise(rawTimes);
  const extract = summarise(extractTimes);
  console.log(
    `engine turn (offline extractor, SQLite)  n=${turns}  p50 ${turn.p50.toFixed(3)} ms  p99 ${turn.p99.toFixed(3)} ms  mean ${turn.mean.toFixed(3)} ms  (every commit fsynced, the default)`,
  );
  console.log(
    `same turn, SQLITE_SYNCHRONOUS=normal     n=${turns}  p50 ${unsyncedTurn.p50.toFixed(3)} ms  p99 ${unsyncedTurn.p99.toFixed(3)} ms  (the fsync is ${(turn.p50 - unsyncedTurn.p50).toFixed(3)} ms of the p50)`,
  );
  console.log(
    `  of which offline extraction            p50 ${extract.p50.toFixed(3)} ms  p99 ${extract.p99.toFixed(3)} ms`,
  );
  console.log(
    `same turn through the Prisma store       n=${prismaTimes.length}  p50 ${prisma.p50.toFixed(3)} ms  p99 ${prisma.p99.toFixed(3)} ms  (${(prisma.p50 / turn.p50).toFixed(1)}× the shipped store at p50)`,
  );
  console.log(
    `raw durable SQLite insert (fsynced)      p50 ${insertStats.p50.toFixed(4)} ms  p99 ${insertStats.p99.toFixed(4)} ms`,
  );
  console.log(
    `ratio turn/insert                        p50 ${(turn.p50 / insertStats.p50).toFixed(1)}×  p99 ${(turn.p99 / insertStats.p99).toFixed(1)}×`,
  );
  console.log(
    `targets (fsynced): p50 ≤ 2 ms ${turn.p50 <= 2 ? "met" : "NOT met"}, p99 ≤ 10 ms ${percentile(turnTimes, 0.99) <= 10 ? "met" : "NOT met"}; ` +
      `with synchronous NORMAL: p50 ${unsyncedTurn.p50 <= 2 ? "met" : "NOT met"}, p99 ${unsyncedTurn.p99 <= 10 ? "met" : "NOT met"}`,
  );
  raw.close();
  await qualbot.close();
  await unsynced.close();
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(directory, { recursive: true, force: true }));
