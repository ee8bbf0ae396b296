// Web chat under concurrent load on loopback: real HTTP server, offline extractor, SQLite.
// Each visitor opens a session and an event stream, then sends its messages one after another
// (as a person would) while all visitors run at once; every message is retried once with the same
// Idempotency-Key. Checks that each message was stored, answered and pushed exactly once.
// Run: npx tsx bench/web-throughput.ts [visitors=50] [messagesPerVisitor=6]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createWebApp } from "../src/channels/web/index.js";
import { loadConfig } from "../src/config/env.js";
import { createHttpApp, startHttpServer } from "../src/http/server.js";
import { silentLogger } from "../src/logging/logger.js";
import { createQualbot } from "../src/main.js";
import { summarise } from "./stats.js";

const visitors = Number(process.argv[2] ?? 50);
const perVisitor = Number(process.argv[3] ?? 6);
const script = [
  "Hi, I'm Sam, Head of RevOps at Northwind (about 300 people).",
  "Our reps spend hours triaging inbound leads and we need to automate routing.",
  "We'd like something live by the end of next quarter.",
  "Budget is around $40k a year, finance has approved it.",
  "I'd need sign-off from our CFO but I run the evaluation.",
  "sam@northwind.test",
];

type Session = { sessionId: string; token: string };

/** Collects the message ids pushed on one session's event stream. */
async function listen(base: string, session: Session, signal: AbortSignal): Promise<number[]> {
  const ids: number[] = [];
  const response = await fetch(`${base}/api/sessions/${session.sessionId}/events`, {
    headers: { authorization: `Bearer ${session.token}` },
    signal,
  });
  if (response.status !== 200 || !response.body) throw new Error(`event stream refused: ${response.status}`);
  const decoder = new TextDecoder();
  let buffer = "";
  void (async () => {
    try {
      const reader = response.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
          const idLine = buffer
            .slice(0, end)
            .split("\n")
            .find((line) => line.startsWith("id: "));
          if (idLine) ids.push(Number(idLine.slice(4)));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // Aborted at the end of the run.
    }
  })();
  return ids;
}

async function main() {
  const directory = mkdtempSync(path.join(tmpdir(), "qualbot-web-bench-"));
  const config = loadConfig({
    DATABASE_URL: `file:${path.join(directory, "web.db")}`,
    // One client address sends everything: lift the per-IP limits out of the way.
    WEB_RATE_LIMIT_PER_MINUTE: String(1_000_000),
    LOG_LEVEL: "silent",
  });
  const qualbot = await createQualbot(config, { logger: silentLogger });
  const web = createWebApp(qualbot);
  const server = await startHttpServer(
    createHttpApp(qualbot, { web }),
    { web },
    { port: 0, host: "127.0.0.1" },
  );
  const base = server.url;
  const streams = new AbortController();

  const post = async (session: Session, text: string, key: string) => {
    const started = performance.now();
    const response = await fetch(`${base}/api/sessions/${session.sessionId}/messages`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${session.token}`,
        "content-type": "application/json",
        "idempotency-key": key,
      },
      body: JSON.stringify({ text }),
    });
    const body = (await response.json()) as { messages?: unknown[]; duplicate?: boolean };
    return {
      status: response.status,
      duplicate: body.duplicate === true,
      latency: performance.now() - started,
    };
  };

  try {
    // Warm-up: model loading, Prisma query compilation, connection pool.
    for (let index = 0; index < 20; index++) {
      const session = (await (await fetch(`${base}/api/sessions`, { method: "POST" })).json()) as Session;
      await post(session, script[index % script.length]!, `warm-${index}`);
    }

    const sessions = await Promise.all(
      Array.from(
        { length: visitors },
        async () => (await (await fetch(`${base}/api/sessions`, { method: "POST" })).json()) as Session,
      ),
    );
    const pushed = await Promise.all(sessions.map((session) => listen(base, session, streams.signal)));

    const latencies: number[] = [];
    const failures: string[] = [];
    let duplicatesAnswered = 0;
    const started = performance.now();
    await Promise.all(
      sessions.map(async (session, visitor) => {
        for (let index = 0; index < perVisitor; index++) {
          const text = `${script[index % script.length]} (visitor ${visitor})`;
          const first = await post(session, text, `m-${index}`);
          latencies.push(first.latency);
          if (first.status !== 200 || first.duplicate)
            failures.push(`visitor ${visitor} message ${index}: ${first.status}`);
          // A client retry after a lost response: must be recognised, not stored again.
          const retry = await post(session, text, `m-${index}`);
          if (retry.status === 200 && retry.duplicate) duplicatesAnswered++;
          else
            failures.push(`visitor ${visitor} retry ${index}: ${retry.status} duplicate=${retry.duplicate}`);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    // Exactly once, from the database's point of view.
    const expected = visitors * perVisitor;
    const conversationIds = (
      await Promise.all(sessions.map((session) => qualbot.store.findConversation("web", session.sessionId)))
    ).map((conversation) => conversation?.id ?? "missing");
    const where = { conversationId: { in: conversationIds } };
    const stored = await qualbot.db.message.count({ where: { ...where, role: "prospect" } });
    const distinctKeys = (
      await qualbot.db.message.groupBy({ by: ["channelMessageId"], where: { ...where, role: "prospect" } })
    ).length;
    const unprocessed = await qualbot.db.message.count({
      where: { ...where, role: "prospect", processedAt: null },
    });
    const replies = await qualbot.db.message.count({ where: { ...where, role: "bot" } });

    // Every stored message pushed once to its visitor's stream, in order.
    await new Promise((resolve) => setTimeout(resolve, 500));
    let pushProblems = 0;
    for (const [visitor, ids] of pushed.entries()) {
      const history = await qualbot.store.listMessages(conversationIds[visitor]!, { limit: 10_000 });
      if (JSON.stringify(ids) !== JSON.stringify(history.map((message) => message.messageId))) pushProblems++;
    }

    const stats = summarise(latencies);
    console.log(
      `web chat over HTTP (offline extractor, SQLite)  ${visitors} concurrent visitors × ${perVisitor} messages (+1 retry each)`,
    );
    console.log(
      `  throughput        ${(expected / seconds).toFixed(1)} messages/s (${((expected * 2) / seconds).toFixed(1)} requests/s incl. retries)`,
    );
    console.log(
      `  latency per POST  p50 ${stats.p50.toFixed(1)} ms  p95 ${stats.p95.toFixed(1)} ms  p99 ${stats.p99.toFixed(1)} ms  mean ${stats.mean.toFixed(1)} ms`,
    );
    console.log(
      `  stored            ${stored}/${expected} prospect messages, ${distinctKeys} distinct keys, ${unprocessed} unprocessed, ${replies} bot replies`,
    );
    console.log(`  retries           ${duplicatesAnswered}/${expected} recognised as duplicates`);
    console.log(
      `  push              ${visitors - pushProblems}/${visitors} event streams got every message exactly once, in order`,
    );
    const ok =
      failures.length === 0 &&
      stored === expected &&
      distinctKeys === expected &&
      unprocessed === 0 &&
      replies === expected &&
      pushProblems === 0;
    if (failures.length > 0)
      console.log(`  failures          ${failures.slice(0, 5).join("; ")}${failures.length > 5 ? " …" : ""}`);
    console.log(
      ok
        ? "  check             every message stored, answered and pushed exactly once"
        : "  check             FAILED",
    );
    if (!ok) process.exitCode = 1;
  } finally {
    streams.abort();
    await server.close();
    await qualbot.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
