// Web chat under concurrent load on loopback: `qualbot serve`'s HTTP app (offline extractor,
// SQLite) in a child process, load from this one (so the clients do not share the server's event
// loop). Each visitor opens a session and an event stream, then sends its messages one after
// another (as a person would) while all visitors run at once; every message is retried once
// with the same Idempotency-Key. Checks that each message was stored, answered and pushed once.
// The same load first runs against a bare node:http server with the same routes (the floor).
// Run: npx tsx bench/web-throughput.ts [visitors=50] [messagesPerVisitor=10] [warmUpMessagesPerVisitor=40] [--no-push]
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
import { startReferenceServer } from "./reference-web-server.js";
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

/** Child process: the floor (bench/reference-web-server.ts), until told to stop. */
async function serveReference() {
  const server = await startReferenceServer();
  process.on("message", async (message) => {
    if (message === "cpu") return process.send?.({ cpu: process.cpuUsage() });
    await server.close();
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

interface Child {
  base: string;
  /** The server process's CPU time so far, in ms. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

async function startChild(args: string[]): Promise<Child> {
  const child = fork(fileURLToPath(import.meta.url), args, { execArgv: process.execArgv });
  const base = await new Promise<string>((resolve, reject) => {
    child.once("message", (message) => resolve((message as { url: string }).url));
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    base,
    cpuMs: () =>
      new Promise<number>((resolve) => {
        child.once("message", (message) => {
          const { cpu } = message as { cpu: NodeJS.CpuUsage };
          resolve((cpu.user + cpu.system) / 1000);
        });
        child.send("cpu");
      }),
    async stop() {
      child.send("stop");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

interface LoadResult {
  sessions: Session[];
  pushed: number[][];
  seconds: number;
  serverCpuMs: number;
  /** Server CPU per message (incl. its retry) during the warm-up round. */
  warmUpCpuMs: number;
  latencies: number[];
  failures: string[];
  duplicatesAnswered: number;
}

/** Every visitor at once, each sending its messages one after another, every message retried once. */
async function drive(
  server: Child,
  visitors: number,
  perVisitor: number,
  push: boolean,
  warmUpMessages: number,
): Promise<LoadResult> {
  const base = server.base;
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

  const latencies: number[] = [];
  const failures: string[] = [];
  let duplicatesAnswered = 0;
  const round = (sessions: Session[], messages: number) =>
    Promise.all(
      sessions.map(async (session, visitor) => {
        for (let index = 0; index < messages; index++) {
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

  try {
    // Warm-up on other sessions, under the same load: models, prepared statements and above all
    // V8's optimising compilers, which take a few thousand messages to settle on this code.
    const warmSessions = await Promise.all(Array.from({ length: visitors }, newSession));
    const warmCpuBefore = await server.cpuMs();
    await round(warmSessions, warmUpMessages);
    const warmUpCpuMs = ((await server.cpuMs()) - warmCpuBefore) / (visitors * warmUpMessages);
    latencies.length = 0;
    failures.length = 0;
    duplicatesAnswered = 0;

    const sessions = await Promise.all(Array.from({ length: visitors }, newSession));
    const pushed = push
      ? await Promise.all(sessions.map((session) => listen(base, session, streams.signal)))
      : sessions.map(() => []);
    const cpuBefore = await server.cpuMs();
    const started = performance.now();
    await round(sessions, perVisitor);
    const seconds = (performance.now() - started) / 1000;
    const serverCpuMs = (await server.cpuMs()) - cpuBefore;
    await new Promise((resolve) => setTimeout(resolve, 500));
    return { sessions, pushed, seconds, serverCpuMs, warmUpCpuMs, latencies, failures, duplicatesAnswered };
  } finally {
    streams.abort();
    agent.destroy();
  }
}

function report(label: string, load: LoadResult, expected: number) {
  const stats = summarise(load.latencies);
  console.log(label);
  console.log(
    `  throughput        ${(expected / load.seconds).toFixed(1)} messages/s (${((expected * 2) / load.seconds).toFixed(1)} requests/s incl. retries)`,
  );
  console.log(
    `  latency per POST  p50 ${stats.p50.toFixed(1)} ms  p95 ${stats.p95.toFixed(1)} ms  p99 ${stats.p99.toFixed(1)} ms  mean ${stats.mean.toFixed(1)} ms`,
  );
  console.log(
    `  server CPU        ${(load.serverCpuMs / expected).toFixed(2)} ms per message (incl. its retry) → one core serves ≈ ${Math.round((expected * 1000) / load.serverCpuMs)} messages/s; ${load.warmUpCpuMs.toFixed(2)} ms during warm-up`,
  );
}

async function run(visitors: number, perVisitor: number, push: boolean, warmUpMessages: number) {
  const expected = visitors * perVisitor;
  const streamsNote = push ? "each with an open event stream" : "no event streams";
  console.log(
    `web chat over HTTP, ${visitors} concurrent visitors × ${perVisitor} messages (+1 retry each), ${streamsNote}, after a warm-up round of ${visitors} × ${warmUpMessages}`,
  );

  // The floor first: same load, same wire format, nothing stored (bench/reference-web-server.ts).
  const reference = await startChild(["--serve-reference"]);
  let floor: LoadResult;
  try {
    floor = await drive(reference, visitors, perVisitor, push, warmUpMessages);
  } finally {
    await reference.stop();
  }
  report("bare node:http with the same routes, nothing stored (the floor)", floor, expected);

  const directory = mkdtempSync(path.join(tmpdir(), "qualbot-web-bench-"));
  const databaseUrl = `file:${path.join(directory, "web.db")}`;
  const server = await startChild(["--serve", databaseUrl]);
  try {
    const load = await drive(server, visitors, perVisitor, push, warmUpMessages);
    report("qualbot serve (offline extractor, SQLite)", load, expected);
    console.log(
      `  ratio to floor    throughput ${((floor.seconds / load.seconds) * 100).toFixed(0)} %, server CPU per message ${(load.serverCpuMs / floor.serverCpuMs).toFixed(1)}×`,
    );
    await checkExactlyOnce(databaseUrl, load, expected, push);
  } finally {
    await server.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Exactly once, from the database's point of view (a second connection to the same file). */
async function checkExactlyOnce(databaseUrl: string, load: LoadResult, expected: number, push: boolean) {
  const { sessions, pushed, failures, duplicatesAnswered } = load;
  const qualbot = await createQualbot(configFor(databaseUrl), { logger: silentLogger });
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
      if (JSON.stringify(ids) !== JSON.stringify(history.map((message) => message.messageId))) pushProblems++;
    }
  await qualbot.close();

  console.log(
    `  stored            ${stored}/${expected} prospect messages, ${distinctKeys} distinct keys, ${unprocessed} unprocessed, ${replies} bot replies`,
  );
  console.log(`  retries           ${duplicatesAnswered}/${expected} recognised as duplicates`);
  if (push)
    console.log(
      `  push              ${sessions.length - pushProblems}/${sessions.length} event streams got every message exactly once, in order`,
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
}

const numbers = process.argv.slice(2).filter((argument) => /^\d+$/.test(argument));
const serveIndex = process.argv.indexOf("--serve");
const main =
  serveIndex !== -1
    ? serve(process.argv[serveIndex + 1]!)
    : process.argv.includes("--serve-reference")
      ? serveReference()
      : run(
          Number(numbers[0] ?? 50),
          Number(numbers[1] ?? 10),
          !process.argv.includes("--no-push"),
          Number(numbers[2] ?? 40),
        );
main.catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
