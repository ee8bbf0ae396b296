// Slack ack latency while the extractor takes 5 s per message: Slack needs an ack within 3 s, so
// the ack must not wait for the work. Real Bolt HTTP receiver on the one server, real web client
// against the fake Slack Web API, signed requests.
// The ack waits for the event to be stored as a job (an insert), never for the turn.
// Run: npx tsx bench/slack-ack.ts [--events 300] [--rate 50 | --rate 0] [--concurrency 20] [--extractor-ms 5000]
//                                 [--database-url postgresql://…/empty_database]
// --rate N: open loop, N events per second (Slack's pace does not depend on ours). --rate 0: closed
// loop, a flood: `concurrency` requests in flight, the next sent as soon as one is acknowledged.
// --database-url: an empty PostgreSQL database (jobs through pg-boss) instead of a temporary SQLite file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { createSlackChannel } from "../src/channels/slack/index.js";
import { loadConfig } from "../src/config/env.js";
import type { Extractor } from "../src/extraction/extractor.js";
import { createHttpApp, startHttpServer } from "../src/http/server.js";
import { silentLogger } from "../src/logging/logger.js";
import { createQualbot } from "../src/main.js";
import { directMessageEvent, postSignedJson, slackSignature } from "../test/channels/slack/slack-requests.js";
import { startFakeSlackApi } from "../test/fakes/slack-api.js";
import { summarise } from "./stats.js";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}
const events = option("events", 300);
const rate = option("rate", 50);
const concurrency = option("concurrency", 20);
const extractorMs = option("extractor-ms", 5000);
const databaseUrlIndex = process.argv.indexOf("--database-url");
const databaseUrl = databaseUrlIndex >= 0 ? process.argv[databaseUrlIndex + 1] : undefined;
const secret = "bench-signing-secret";

const slowExtractor: Extractor = {
  name: "slow",
  async extract() {
    await new Promise((resolve) => setTimeout(resolve, extractorMs));
    return { signals: [], intents: [], extractor: "slow" };
  },
};

// Plain JavaScript for the worker: POSTs the signed requests, `concurrency` at a time.
const loadScript = `
const { parentPort, workerData } = require("node:worker_threads");
const { url, timestamp, requests, concurrency, rate } = workerData;
const ackMs = [];
const statuses = {};
async function send({ body, signature }) {
  const sent = performance.now();
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature },
    body,
  });
  await response.arrayBuffer();
  ackMs.push(performance.now() - sent);
  statuses[response.status] = (statuses[response.status] ?? 0) + 1;
}
async function closedLoop() {
  let next = 0;
  const sender = async () => {
    while (next < requests.length) await send(requests[next++]);
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
}
async function openLoop() {
  const started = performance.now();
  const inFlight = [];
  for (let index = 0; index < requests.length; index++) {
    const due = started + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(requests[index]));
  }
  await Promise.all(inFlight);
}
(rate > 0 ? openLoop() : closedLoop()).then(() => parentPort.postMessage({ ackMs, statuses }));
`;

function runLoad(workerData: {
  url: string;
  timestamp: number;
  requests: { body: string; signature: string }[];
  concurrency: number;
  rate: number;
}): Promise<{ ackMs: number[]; statuses: Record<string, number> }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(loadScript, { eval: true, workerData });
    worker.once("message", (result) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}

async function main() {
  const directory = mkdtempSync(path.join(tmpdir(), "qualbot-bench-slack-"));
  const fake = await startFakeSlackApi();
  const config = loadConfig({
    DATABASE_URL: databaseUrl ?? `file:${path.join(directory, "bench.db")}`,
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: secret,
    SLACK_API_URL: fake.url,
  });
  const qualbot = await createQualbot(config, { logger: silentLogger, extractor: slowExtractor });
  const channel = await createSlackChannel(qualbot);
  const parts = { slack: channel.requestListener };
  const server = await startHttpServer(createHttpApp(qualbot, parts), parts, { port: 0, host: "127.0.0.1" });
  const url = `${server.url}/slack/events`;
  const workspace = { teamId: fake.teamId, botUserId: fake.botUserId };

  // Warm-up: Prisma, Bolt and the HTTP path (not measured).
  for (let index = 0; index < 5; index++)
    await postSignedJson(
      url,
      directMessageEvent(workspace, { channel: `DWARM${index}`, user: `UWARM${index}`, text: "hi" }),
      { secret },
    );
  await channel.idle();

  // Slack is another machine: the load comes from a worker thread with its own event loop, so a
  // measured ack is the server's delay, not this process's client waiting behind the server's work.
  const timestamp = Math.floor(Date.now() / 1000);
  const requests = Array.from({ length: events }, (_, index) => {
    // A few messages per conversation: same-conversation turns queue behind each other.
    const conversation = Math.floor(index / 3);
    const body = JSON.stringify(
      directMessageEvent(workspace, {
        channel: `DBENCH${conversation}`,
        user: `UBENCH${conversation}`,
        text: `message ${index}`,
      }),
    );
    return { body, signature: slackSignature(secret, timestamp, body) };
  });
  const started = performance.now();
  const { ackMs, statuses } = await runLoad({ url, timestamp, requests, concurrency, rate });
  const allAcked = performance.now() - started;
  await channel.idle();
  const allProcessed = performance.now() - started;
  const replies = fake
    .callsTo("chat.postMessage")
    .filter((call) => String(call.args.channel).startsWith("DBENCH")).length;

  const ack = summarise(ackMs);
  const round = (value: number) => Math.round(value * 10) / 10;
  console.log(
    JSON.stringify(
      {
        events,
        database: databaseUrl ? "postgresql" : "sqlite",
        ...(rate > 0 ? { rate } : { concurrency }),
        extractorMs,
        statuses,
        ackMs: {
          p50: round(ack.p50),
          p95: round(ack.p95),
          p99: round(ack.p99),
          max: round(Math.max(...ackMs)),
          mean: round(ack.mean),
        },
        allAckedMs: Math.round(allAcked),
        allProcessedMs: Math.round(allProcessed),
        repliesPosted: replies,
      },
      null,
      2,
    ),
  );

  await channel.stop();
  await server.close();
  await qualbot.close();
  await fake.close();
  rmSync(directory, { recursive: true, force: true });
}

await main();
