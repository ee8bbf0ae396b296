// Web chat under concurrent load on loopback: `qualbot serve`'s HTTP app (offline extractor,
// SQLite) in a child process, load from this one (so the clients do not share the server's event
// loop). Each visitor opens a session and an event stream, then sends its messages one after
// another (as a person would) while all visitors run at once; every message is retried once
// with the same Idempotency-Key. Checks that each message was stored, answered and pushed once.
// Run: npx tsx bench/web-throughput.ts [visitors=50] [messagesPerVisitor=6] [--no-push]
import { fork } from "node:child_process";
import { setMaxListeners } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, get as httpGet, request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createWebApp } from "../src/channels/web/index.js";
import { loadConfig } from "../src/config/env.js";
import { createHttpApp, startHttpServer } from "../src/http/server.js";
import { silentLogger } from "../src/logging/logger.js";
import { createQualbot } from "../src/main.js";
import { summarise } from "./stats.js";

const script = [
  "Hi, I'm Sam, Head of RevOps at Northwind (about 300 people).",
  "Our reps spend hours triaging inbound leads and we need to automate routing.",
  "We'd like something live by the end of next quarter.",
  "Budget is around $40k a year, finance has approved it.",
  "I'd need sign-off from our CFO but I run the evaluation.",
  "sam@northwind.test",
];

type Session = { sessionId: string; token: string };

function configFor(databaseUrl: string) {
  return loadConfig({
    DATABASE_URL: databaseUrl,
    // One client address sends everything: lift the per-IP limits out of the way.
    WEB_RATE_LIMIT_PER_MINUTE: String(1_000_000),
    LOG_LEVEL: "silent",
  });
}

/** Child process: serve until told to stop. */
async function serve(databaseUrl: string) {
  const qualbot = await createQualbot(configFor(databaseUrl), { logger: silentLogger });
  const web = createWebApp(qualbot);
  const server = await startHttpServer(
    createHttpApp(qualbot, { web }),
    { web },
    { port: 0, host: "127.0.0.1" },
  );
  process.on("message", async (message) => {
    // The server's own CPU time: what a message costs it, whatever the load generator costs.
    if (message === "cpu") return process.send?.({ cpu: process.cpuUsage() });
    await server.close();
    await qualbot.close();
    process.exit(0);
  });
  process.send?.({ url: server.url });
}

/** Collects the message ids pushed on one session's event stream (own connection, like a browser's EventSource). */
function listen(base: string, session: Session, signal: AbortSignal): Promise<number[]> {
  const ids: number[] = [];
  return new Promise((resolve, reject) => {
    const request = httpGet(
      `${base}/api/sessions/${session.sessionId}/events`,
      { headers: { authorization: `Bearer ${session.token}` }, agent: false, signal },
      (response) => {
        if (response.statusCode !== 200)
          return reject(new Error(`event stream refused: ${response.statusCode}`));
        response.setEncoding("utf8");
        let buffer = "";
        response.on("data", (chunk: string) => {
          buffer += chunk;
          for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
            const idLine = buffer
              .slice(0, end)
              .split("\n")
              .find((line) => line.startsWith("id: "));
            if (idLine) ids.push(Number(idLine.slice(4)));
            buffer = buffer.slice(end + 2);
          }
        });
        response.on("error", () => undefined);
        resolve(ids);
      },
    );
    request.on("error", (error) => (signal.aborted ? undefined : reject(error)));
  });
}

async function run(visitors: number, perVisitor: number, push: boolean) {
  const directory = mkdtempSync(path.join(tmpdir(), "qualbot-web-bench-"));
  const databaseUrl = `file:${path.join(directory, "web.db")}`;
  const child = fork(fileURLToPath(import.meta.url), ["--serve", databaseUrl], {
    execArgv: process.execArgv,
  });
  const base = await new Promise<string>((resolve, reject) => {
    child.once("message", (message) => resolve((message as { url: string }).url));
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  const streams = new AbortController();
  setMaxListeners(visitors + 10, streams.signal);
  // node:http with keep-alive rather than fetch: the load generator shares the machine's two
  // cores with the server, so it should cost as little as it can.
  const agent = new Agent({ keepAlive: true, maxSockets: visitors });
  const send = (route: string, headers: Record<string, string>, body: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(
        `${base}${route}`,
        { method: "POST", agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } },
        (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (text += chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
        },
      );
      request.on("error", reject);
      request.end(body);
    });
  const newSession = async () => JSON.parse((await send("/api/sessions", {}, "")).body) as Session;
  const post = async (session: Session, text: string, key: string) => {
    const started = performance.now();
    const response = await send(
      `/api/sessions/${session.sessionId}/messages`,
      {
        authorization: `Bearer ${session.token}`,
        "content-type": "application/json",
        "idempotency-key": key,
      },
      JSON.stringify({ text }),
    );
    const body = JSON.parse(response.body) as { duplicate?: boolean };
    return {
      status: response.status,
      duplicate: body.duplicate === true,
      latency: performance.now() - started,
    };
  };
  const serverCpu = () =>
    new Promise<number>((resolve) => {
      child.once("message", (message) => {
        const { cpu } = message as { cpu: NodeJS.CpuUsage };
        resolve((cpu.user + cpu.system) / 1000);
      });
      child.send("cpu");
    });

  try {
    // Warm-up: NLP model loading, Prisma query compilation, connection pool.
    for (let index = 0; index < 30; index++)
      await post(await newSession(), script[index % script.length]!, `warm-${index}`);

    const sessions = await Promise.all(Array.from({ length: visitors }, newSession));
    const pushed = push
      ? await Promise.all(sessions.map((session) => listen(base, session, streams.signal)))
      : sessions.map(() => []);

    const latencies: number[] = [];
    const failures: string[] = [];
    let duplicatesAnswered = 0;
    const cpuBefore = await serverCpu();
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
    const serverCpuMs = (await serverCpu()) - cpuBefore;
    await new Promise((resolve) => setTimeout(resolve, 500));
    streams.abort();

    // Exactly once, from the database's point of view (a second connection to the same file).
    const qualbot = await createQualbot(configFor(databaseUrl), { logger: silentLogger });
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
    let pushProblems = 0;
    if (push)
      for (const [visitor, ids] of pushed.entries()) {
        const history = await qualbot.store.listMessages(conversationIds[visitor]!, { limit: 10_000 });
        if (JSON.stringify(ids) !== JSON.stringify(history.map((message) => message.messageId)))
          pushProblems++;
      }
    await qualbot.close();

    const stats = summarise(latencies);
    const streamsNote = push ? "each with an open event stream" : "no event streams";
    console.log(
      `web chat over HTTP (offline extractor, SQLite)  ${visitors} concurrent visitors × ${perVisitor} messages (+1 retry each), ${streamsNote}`,
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
    console.log(
      `  server CPU        ${(serverCpuMs / expected).toFixed(2)} ms per message (incl. its retry) → one core serves ≈ ${Math.round((expected * 1000) / serverCpuMs)} messages/s`,
    );
    console.log(`  retries           ${duplicatesAnswered}/${expected} recognised as duplicates`);
    if (push)
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
        ? `  check             every message stored once and answered once${push ? ", pushed once" : ""}`
        : "  check             FAILED",
    );
    if (!ok) process.exitCode = 1;
  } finally {
    streams.abort();
    agent.destroy();
    child.send("stop");
    await new Promise((resolve) => child.once("exit", resolve));
    rmSync(directory, { recursive: true, force: true });
  }
}

const serveIndex = process.argv.indexOf("--serve");
const main =
  serveIndex !== -1
    ? serve(process.argv[serveIndex + 1]!)
    : run(
        Number(process.argv.slice(2).find((argument) => /^\d+$/.test(argument)) ?? 50),
        Number(process.argv.slice(2).filter((argument) => /^\d+$/.test(argument))[1] ?? 6),
        !process.argv.includes("--no-push"),
      );
main.catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
