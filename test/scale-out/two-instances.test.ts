import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshPostgresUrl, postgresSkipReason, testPostgresUrl } from "../helpers/temp-database.js";

// Scale-out, for real: two `qualbot serve` processes (the built CLI) behind an imaginary load
// balancer on one PostgreSQL. One is killed with SIGKILL while its turns are in flight; the
// survivor's recovery job must answer every stored message, and nothing may be answered twice.

const root = path.resolve(import.meta.dirname, "../..");

/** A valid structured turn from the "model": nothing learned, so qualbot's templates reply. */
const emptyTurn = JSON.stringify({
  id: "chatcmpl-test",
  object: "chat.completion",
  created: 0,
  model: "gpt-4o-mini",
  choices: [
    {
      index: 0,
      message: {
        role: "assistant",
        content: JSON.stringify({ signals: [], intents: [], reply_for: "reply_goal", reply: "" }),
        refusal: null,
      },
      finish_reason: "stop",
    },
  ],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
});

/**
 * An OpenAI-compatible endpoint the test controls: while held, requests get no answer (turns
 * stay in flight, as with a slow model); otherwise it answers at once.
 */
function startLlmGate() {
  let held = false;
  const waiting: ServerResponse[] = [];
  let arrived = 0;
  const answer = (response: ServerResponse) =>
    response.writeHead(200, { "content-type": "application/json" }).end(emptyTurn);
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    request.on("end", () => {
      arrived++;
      if (held) waiting.push(response);
      else answer(response);
    });
  });
  return {
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, "127.0.0.1", () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`),
        ),
      ),
    hold: () => {
      held = true;
    },
    release: () => {
      held = false;
      for (const response of waiting.splice(0)) if (!response.destroyed) answer(response);
    },
    arrived: () => arrived,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Instance {
  child: ChildProcess;
  url: string;
  stderr: () => string;
}

function startInstance(env: Record<string, string>): Promise<Instance> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "bin/qualbot.js"), "serve"], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    const timer = setTimeout(() => reject(new Error(`instance did not start:\n${stderr}`)), 30_000);
    child.stderr!.on("data", (chunk) => {
      stderr += chunk;
      const match = /serving on (http:\/\/\S+)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, stderr: () => stderr });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`instance exited with ${code}:\n${stderr}`));
    });
  });
}

async function waitUntil(probe: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(!testPostgresUrl)(
  `two qualbot instances on one PostgreSQL${testPostgresUrl ? "" : ` — ${postgresSkipReason}`}`,
  () => {
    const gate = startLlmGate();
    let database: Awaited<ReturnType<typeof freshPostgresUrl>>;
    let sql: pg.Client;
    const instances: Instance[] = [];

    beforeAll(async () => {
      database = await freshPostgresUrl();
      const llm = await gate.listen();
      const env = {
        DATABASE_URL: database.url,
        PORT: "0",
        HOST: "127.0.0.1",
        OPENAI_API_KEY: "test-key",
        OPENAI_BASE_URL: llm,
        // Tokens from one instance are valid on the other, as behind a load balancer.
        WEB_SESSION_SECRET: "a-shared-secret-of-at-least-32-characters",
        TURN_RECOVERY_SECONDS: "2",
        LOG_LEVEL: "silent",
      };
      // Started together: both migrate the empty database, taking turns on the advisory lock.
      instances.push(...(await Promise.all([startInstance(env), startInstance(env)])));
      sql = new pg.Client({ connectionString: database.url });
      await sql.connect();
    }, 60_000);

    afterAll(async () => {
      for (const instance of instances) instance.child.kill("SIGKILL");
      await sql?.end();
      await gate.close();
      await database?.cleanup();
    });

    async function openSession(base: string): Promise<{ id: string; token: string }> {
      const response = await fetch(`${base}/api/sessions`, { method: "POST" });
      expect(response.status).toBe(201);
      const body = (await response.json()) as { sessionId: string; token: string };
      return { id: body.sessionId, token: body.token };
    }

    function send(base: string, session: { id: string; token: string }, text: string, key: string) {
      return fetch(`${base}/api/sessions/${session.id}/messages`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${session.token}`,
          "content-type": "application/json",
          "idempotency-key": key,
        },
        body: JSON.stringify({ text }),
      });
    }

    /** Message ids pushed on an event stream, as they arrive. */
    async function listen(base: string, session: { id: string; token: string }, signal: AbortSignal) {
      const response = await fetch(`${base}/api/sessions/${session.id}/events`, {
        headers: { authorization: `Bearer ${session.token}` },
        signal,
      });
      expect(response.status).toBe(200);
      const ids: number[] = [];
      void (async () => {
        const decoder = new TextDecoder();
        let buffer = "";
        const reader = response.body!.getReader();
        try {
          for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
            buffer += decoder.decode(chunk.value, { stream: true });
            for (const match of buffer.matchAll(/^id: (\d+)$/gm)) ids.push(Number(match[1]));
            buffer = buffer.slice(buffer.lastIndexOf("\n\n") + 2);
          }
        } catch {
          // aborted
        }
      })();
      return ids;
    }

    it("pushes a message stored by one instance to an event stream open on the other", async () => {
      const [first, second] = instances as [Instance, Instance];
      const session = await openSession(first.url);
      expect((await send(first.url, session, "Hi, our lead routing is slow", "push-1")).status).toBe(200);
      const streams = new AbortController();
      try {
        const pushed = await listen(first.url, session, streams.signal);
        await waitUntil(async () => pushed.length === 2, 5_000, "the stream's catch-up");
        // Stored by the other instance: the stream hears of it through PostgreSQL NOTIFY, well
        // before its next heartbeat (15 s) would have looked again.
        const response = await send(second.url, session, "We have budget this quarter", "push-2");
        const body = (await response.json()) as { messageId: number };
        await waitUntil(async () => pushed.length === 4, 5_000, "the push from the other instance");
        expect(pushed[2]).toBe(body.messageId);
        expect(pushed[3]).toBeGreaterThan(body.messageId);
      } finally {
        streams.abort();
        // The next test counts every message in the database: this lead leaves no trace.
        await sql.query(
          `DELETE FROM "Lead" WHERE id IN (SELECT "leadId" FROM "Conversation" WHERE "externalId" = $1)`,
          [session.id],
        );
      }
    });

    it("answers every prospect message exactly once after one instance is killed mid-turn", async () => {
      const [doomed, survivor] = instances as [Instance, Instance];
      const sessions = await Promise.all(
        [0, 1, 2, 3, 4, 5].map((index) => openSession(instances[index % 2]!.url)),
      );
      const sent: string[] = [];

      // 1. Normal traffic, spread over both instances (each session alternates between them).
      for (let round = 0; round < 2; round++)
        await Promise.all(
          sessions.map(async (session, index) => {
            const text = `Session ${index} message ${round}: our lead routing is slow`;
            sent.push(text);
            const response = await send(
              instances[(index + round) % 2]!.url,
              session,
              text,
              `k-${index}-${round}`,
            );
            expect(response.status).toBe(200);
          }),
        );

      // 2. The doomed instance takes turns that stay in flight (the LLM does not answer)…
      gate.hold();
      const before = gate.arrived();
      const inFlight = sessions.map((session, index) => {
        const text = `Session ${index} message 2: we have budget this quarter`;
        sent.push(text);
        return send(doomed.url, session, text, `k-${index}-2`).catch((error: Error) => error);
      });
      await waitUntil(async () => gate.arrived() - before >= sessions.length, 15_000, "turns in flight");
      // …and dies with them: SIGKILL, no shutdown hooks.
      doomed.child.kill("SIGKILL");
      const outcomes = await Promise.all(inFlight);
      expect(outcomes.every((outcome) => outcome instanceof Error)).toBe(true);
      gate.release();

      // 3. The survivor keeps serving, and its recovery job answers what the dead one stored.
      for (const [index, session] of sessions.entries()) {
        const text = `Session ${index} message 3: I sign off on tools like this`;
        sent.push(text);
        expect((await send(survivor.url, session, text, `k-${index}-3`)).status).toBe(200);
      }
      const unanswered = async () =>
        Number(
          (
            await sql.query(
              `SELECT count(*) AS n FROM "Message" p WHERE p.role = 'prospect'
               AND NOT EXISTS (SELECT 1 FROM "Message" b WHERE b."inReplyTo" = p.id)`,
            )
          ).rows[0].n,
        );
      await waitUntil(async () => (await unanswered()) === 0, 30_000, "every message to be answered");

      // Every message stored once, and answered exactly once.
      const prospect = await sql.query<{ id: number; text: string; processedAt: Date | null }>(
        `SELECT id, text, "processedAt" FROM "Message" WHERE role = 'prospect' ORDER BY id`,
      );
      expect(prospect.rows.map((row) => row.text).sort()).toEqual([...sent].sort());
      expect(prospect.rows.every((row) => row.processedAt !== null)).toBe(true);
      const replies = await sql.query<{ inReplyTo: number; n: string }>(
        `SELECT "inReplyTo", count(*) AS n FROM "Message" WHERE role = 'bot' GROUP BY "inReplyTo"`,
      );
      expect(replies.rows).toHaveLength(prospect.rows.length);
      expect(replies.rows.every((row) => Number(row.n) === 1)).toBe(true);
      const turns = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "ScoreSnapshot"`);
      expect(Number(turns.rows[0]!.n)).toBe(prospect.rows.length);

      // The prospect sees the recovered answer in the history served by the survivor. (Message 3,
      // sent after the kill, may be answered before the recovered message 2: recovery waits
      // TURN_RECOVERY_SECONDS, because a slow turn is not a dead one.)
      const history = await fetch(`${survivor.url}/api/sessions/${sessions[0]!.id}/messages`, {
        headers: { authorization: `Bearer ${sessions[0]!.token}` },
      });
      const messages = ((await history.json()) as { messages: { role: string; text: string }[] }).messages;
      expect(
        messages.filter((message) => message.role === "prospect").map((message) => message.text),
      ).toEqual(sent.filter((text) => text.startsWith("Session 0 ")));
      expect(messages.filter((message) => message.role === "bot")).toHaveLength(4);
      // Answered by the survivor's recovery jobs (pg-boss's, on PostgreSQL), one per message the
      // dead instance had taken (a job is completed just after its answer is committed).
      const recoveryJobs = async (states: string[]) =>
        Number(
          (
            await sql.query(
              `SELECT count(*) AS n FROM qualbot_jobs.job WHERE name = 'message.recover' AND state::text = ANY($1)`,
              [states],
            )
          ).rows[0].n,
        );
      await waitUntil(
        async () => (await recoveryJobs(["completed"])) === sessions.length,
        10_000,
        "recovery jobs to finish",
      );
      expect(await recoveryJobs(["created", "retry", "active", "failed"])).toBe(0);
    }, 90_000);
  },
);
