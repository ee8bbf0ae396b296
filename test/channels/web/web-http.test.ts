import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebApp, type WebAppOptions } from "../../../src/channels/web/index.js";
import { sendToProspect } from "../../../src/engine/send-to-prospect.js";
import { createHttpApp, type RunningServer, startHttpServer } from "../../../src/http/server.js";
import { createTestQualbot, type TestQualbot } from "../../helpers/database.js";
import { SseReader } from "./sse-client.js";
import { silentExtractor } from "./web-test-kit.js";

let qualbot: TestQualbot;
const servers: RunningServer[] = [];

async function serve(options: WebAppOptions = {}): Promise<string> {
  const web = createWebApp(qualbot, options);
  const running = await startHttpServer(
    createHttpApp(qualbot, { web }),
    { web },
    { port: 0, host: "127.0.0.1" },
  );
  servers.push(running);
  return running.url;
}

let base: string;

beforeAll(async () => {
  qualbot = await createTestQualbot({ extractor: silentExtractor });
  base = await serve({ heartbeatMs: 100, maxStreamsPerSession: 2 });
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await qualbot.cleanup();
});

type Session = { sessionId: string; token: string };

async function newSession(url = base): Promise<Session> {
  return (await fetch(`${url}/api/sessions`, { method: "POST" })).json() as Promise<Session>;
}

async function say(session: Session, text: string, url = base) {
  const response = await fetch(`${url}/api/sessions/${session.sessionId}/messages`, {
    method: "POST",
    headers: { authorization: `Bearer ${session.token}`, "content-type": "application/json" },
    body: JSON.stringify({ text }),
  });
  expect(response.status).toBe(200);
  return response.json() as Promise<{ messages: { text: string }[] }>;
}

async function history(session: Session) {
  const response = await fetch(`${base}/api/sessions/${session.sessionId}/messages`, {
    headers: { authorization: `Bearer ${session.token}` },
  });
  return ((await response.json()) as { messages: { id: number; role: string; text: string }[] }).messages;
}

async function events(
  session: Session,
  headers: Record<string, string> = {},
  query = "",
  url = base,
): Promise<SseReader> {
  const response = await fetch(`${url}/api/sessions/${session.sessionId}/events${query}`, {
    headers: { authorization: `Bearer ${session.token}`, ...headers },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
  expect(response.headers.get("cache-control")).toBe("no-store");
  return new SseReader(response);
}

describe("server-sent events", () => {
  it("pushes every stored message once, rep messages included, and resumes after Last-Event-ID", async () => {
    const session = await newSession();
    const stream = await events(session);
    const reply = await say(session, "Hi, we are evaluating tools");
    await stream.until((reader) => reader.events.length >= 2);
    expect(stream.messages().map(({ role, text }) => ({ role, text }))).toEqual([
      { role: "prospect", text: "Hi, we are evaluating tools" },
      { role: "bot", text: reply.messages[0]!.text },
    ]);

    const conversation = (await qualbot.store.findConversation("web", session.sessionId))!;
    const sent = await sendToProspect(qualbot.outbound, {
      conversationId: conversation.id,
      role: "rep",
      author: "U_REP",
      text: "Hi, Sam from sales here",
    });
    expect(sent.ok).toBe(true);
    await stream.until((reader) => reader.events.length >= 3);
    expect(stream.messages()[2]).toMatchObject({ role: "rep", text: "Hi, Sam from sales here" });
    expect(stream.messages()[2]).not.toHaveProperty("author");
    const seen = stream.events.map((event) => Number(event.id));
    expect(seen).toEqual(stream.messages().map((message) => message.id));
    await stream.close();

    // While disconnected: a turn and a rep message.
    await say(session, "How much does it cost?");
    await sendToProspect(qualbot.outbound, {
      conversationId: conversation.id,
      role: "rep",
      text: "Sending pricing now",
    });
    const stored = await history(session);
    expect(stored).toHaveLength(6);

    const resumed = await events(session, { "last-event-id": String(seen.at(-1)) });
    await resumed.until((reader) => reader.events.length >= 3);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(resumed.messages()).toEqual(stored.slice(3));
    await resumed.close();

    // EventSource's first connection cannot set headers: the same through query parameters.
    const fromQuery = await events(
      session,
      { authorization: "" },
      `?token=${encodeURIComponent(session.token)}&lastEventId=${stored[1]!.id}`,
    );
    await fromQuery.until((reader) => reader.events.length >= 4);
    expect(fromQuery.messages().map((message) => message.id)).toEqual(
      stored.slice(2).map((message) => message.id),
    );
    await fromQuery.close();
  });

  it("can open before the session's first message and still receives it", async () => {
    const session = await newSession();
    const stream = await events(session);
    await stream.until((reader) => reader.comments.includes("connected"));
    await say(session, "first words");
    await stream.until((reader) => reader.events.length >= 2);
    expect(stream.messages()[0]).toMatchObject({ role: "prospect", text: "first words" });
    await stream.close();
  });

  it("sends heartbeats on an idle stream", async () => {
    const session = await newSession();
    const stream = await events(session);
    await stream.until(
      (reader) => reader.comments.filter((comment) => comment === "heartbeat").length >= 2,
      3000,
    );
    await stream.close();
  });

  it("delivers concurrent messages in id order with nothing missing", async () => {
    const session = await newSession();
    const stream = await events(session);
    await Promise.all(Array.from({ length: 6 }, (_unused, index) => say(session, `burst ${index}`)));
    const stored = await history(session);
    expect(stored).toHaveLength(12);
    await stream.until((reader) => reader.events.length >= 12);
    const ids = stream.messages().map((message) => message.id);
    expect(ids).toEqual(stored.map((message) => message.id));
    await stream.close();
  });

  it("refuses bad tokens and unknown sessions, and too many streams per session", async () => {
    const session = await newSession();
    const other = await newSession();
    const forged = await fetch(`${base}/api/sessions/${session.sessionId}/events?token=${other.token}`);
    expect(forged.status).toBe(401);
    expect(await forged.json()).toEqual({ error: "token is not valid for this session" });
    expect(
      (await fetch(`${base}/api/sessions/ws_${"1".repeat(56)}/events?token=${session.token}`)).status,
    ).toBe(404);
    expect(
      (
        await fetch(`${base}/api/sessions/${session.sessionId}/events`, {
          headers: { "last-event-id": "abc", authorization: `Bearer ${session.token}` },
        })
      ).status,
    ).toBe(400);

    const first = await events(session);
    const second = await events(session);
    const third = await fetch(`${base}/api/sessions/${session.sessionId}/events`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toMatch(/^\d+$/);
    await first.close();
    // The slot is released when a client goes away.
    await expect
      .poll(async () => {
        const again = await fetch(`${base}/api/sessions/${session.sessionId}/events`, {
          headers: { authorization: `Bearer ${session.token}` },
        });
        if (again.status === 200) await again.body?.cancel();
        return again.status;
      })
      .toBe(200);
    await second.close();
  });

  it("ends a stream after its maximum duration so the browser reconnects", async () => {
    const url = await serve({ maxStreamMs: 1000, heartbeatMs: 5000 });
    const session = await newSession(url);
    const stream = await events(session, {}, "", url);
    const started = Date.now();
    await expect.poll(() => stream.ended, { timeout: 5000 }).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(stream.response.headers.get("content-type")).toMatch(/event-stream/);
  });
});

describe("request bodies over real HTTP", () => {
  function rawPost(
    path: string,
    headers: Record<string, string | number>,
    chunks: string[],
  ): Promise<{ status: number; body: string }> {
    const url = new URL(base);
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        { host: url.hostname, port: url.port, path, method: "POST", headers },
        (response) => {
          let body = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => {
            body += chunk;
          });
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      // The server may answer and close before the whole upload is written.
      request.on("error", (error: NodeJS.ErrnoException) =>
        error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error),
      );
      for (const chunk of chunks) request.write(chunk);
      request.end();
    });
  }

  it("cuts off a chunked body over 100 kB with 413 and keeps serving", async () => {
    const session = await newSession();
    const chunk = "z".repeat(16 * 1024);
    const { status, body } = await rawPost(
      `/api/sessions/${session.sessionId}/messages`,
      {
        authorization: `Bearer ${session.token}`,
        "content-type": "application/json",
        "transfer-encoding": "chunked",
      },
      ['{"text":"', ...Array.from({ length: 13 }, () => chunk), '"}'],
    );
    expect(status).toBe(413);
    expect(JSON.parse(body)).toEqual({ error: expect.stringMatching(/request body/) });
    expect(await history(session)).toEqual([]);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await say(session, "still here");
  });

  it("refuses a declared Content-Length over the cap before reading it", async () => {
    const session = await newSession();
    const { status } = await rawPost(
      `/api/sessions/${session.sessionId}/messages`,
      {
        authorization: `Bearer ${session.token}`,
        "content-type": "application/json",
        "content-length": 150 * 1024,
      },
      ['{"text":"', "q".repeat(150 * 1024 - 11), '"}'],
    );
    expect(status).toBe(413);
  });

  it("answers malformed JSON with 400 over the wire", async () => {
    const session = await newSession();
    const { status, body } = await rawPost(
      `/api/sessions/${session.sessionId}/messages`,
      { authorization: `Bearer ${session.token}`, "content-type": "application/json" },
      ['{"text": "unterminated'],
    );
    expect(status).toBe(400);
    expect(Object.keys(JSON.parse(body))).toEqual(["error"]);
  });
});
