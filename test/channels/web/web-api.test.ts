import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebApp } from "../../../src/channels/web/index.js";
import type { Signal } from "../../../src/core/qualification.js";
import { evidenceOf, scriptedExtractor } from "../../helpers/scripted-extractor.js";
import { createWebKit, type WebKit } from "./web-test-kit.js";

const json = (body: unknown) => ({ "content-type": "application/json", body: JSON.stringify(body) });

async function expectError(response: Response, status: number, pattern?: RegExp) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = (await response.json()) as Record<string, unknown>;
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error).toEqual(expect.any(String));
  expect(String(body.error)).not.toMatch(/\bat .+:\d+:\d+|Error:/);
  if (pattern) expect(body.error).toMatch(pattern);
}

describe("web chat API (DESIGN §6)", () => {
  let kit: WebKit;
  beforeAll(async () => {
    kit = await createWebKit({ env: { WEB_SESSION_TTL_HOURS: "1", WEB_MAX_MESSAGE_CHARS: "200" } });
  });
  afterAll(async () => {
    await kit.qualbot.cleanup();
  });

  it("creates a session: 201 with a session id, a token and its expiry", async () => {
    const response = await kit.request("/api/sessions", { method: "POST" });
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { sessionId: string; token: string; expiresAt: string };
    expect(body.sessionId).toMatch(/^ws_[0-9a-f]{56}$/);
    expect(body.token).toContain(body.sessionId);
    expect(Date.parse(body.expiresAt) - kit.clock.now().getTime()).toBe(3600_000);
    const other = (await (await kit.request("/api/sessions", { method: "POST" })).json()) as {
      sessionId: string;
    };
    expect(other.sessionId).not.toBe(body.sessionId);
  });

  it("answers a message with the bot's reply and keeps both in the history", async () => {
    const session = await kit.newSession();
    const response = await kit.say(session, "Hello, I'm looking at your product");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { messages: { role: string; text: string }[]; messageId: number };
    expect(body.messages).toHaveLength(1);
    expect(body.messages[0]).toEqual({ role: "bot", text: expect.stringMatching(/\w{3}/) });

    const history = await kit.history(session);
    expect(history.map(({ role, text }) => ({ role, text }))).toEqual([
      { role: "prospect", text: "Hello, I'm looking at your product" },
      { role: "bot", text: body.messages[0]!.text },
    ]);
    expect(history[0]!.id).toBe(body.messageId);
    expect(history[1]!.id).toBeGreaterThan(history[0]!.id);
    expect(Number.isNaN(Date.parse(history[0]!.createdAt))).toBe(false);
  });

  it("returns an empty history for a new session, and history after a given id", async () => {
    const session = await kit.newSession();
    expect(await kit.history(session)).toEqual([]);
    await kit.say(session, "first");
    await kit.say(session, "second");
    const all = await kit.history(session);
    const after = await kit.request(`/api/sessions/${session.sessionId}/messages?after=${all[1]!.id}`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    const later = ((await after.json()) as { messages: { id: number }[] }).messages;
    expect(later.map((message) => message.id)).toEqual(all.slice(2).map((message) => message.id));
    await expectError(
      await kit.request(`/api/sessions/${session.sessionId}/messages?after=x`, {
        headers: { authorization: `Bearer ${session.token}` },
      }),
      400,
    );
  });

  describe("400 bad body", () => {
    it.each([
      ["malformed JSON", '{"text": "hi"'],
      ["not an object", '"hi"'],
      ["missing text", "{}"],
      ["text not a string", '{"text": 42}'],
      ["empty text", '{"text": ""}'],
      ["blank text", '{"text": " \\n\\t "}'],
      ["empty body", ""],
    ])("%s → 400", async (_name, body) => {
      const session = await kit.newSession();
      const response = await kit.request(`/api/sessions/${session.sessionId}/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${session.token}`, "content-type": "application/json" },
        body,
      });
      await expectError(response, 400);
      expect(await kit.history(session)).toEqual([]);
    });

    it("refuses a malformed Idempotency-Key", async () => {
      const session = await kit.newSession();
      await expectError(
        await kit.say(session, "hi", { "idempotency-key": "no spaces allowed" }),
        400,
        /Idempotency-Key/,
      );
    });
  });

  describe("401 bad or expired token", () => {
    it("refuses a missing, malformed or forged token", async () => {
      const session = await kit.newSession();
      const path = `/api/sessions/${session.sessionId}/messages`;
      const [id, expires, signature] = session.token.split(".") as [string, string, string];
      const flipped = signature.startsWith("A") ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
      const cases: [string, Record<string, string>, RegExp][] = [
        ["no header", {}, /missing/],
        ["not bearer", { authorization: `Basic ${session.token}` }, /missing/],
        ["garbage", { authorization: "Bearer nonsense" }, /malformed/],
        ["forged signature", { authorization: `Bearer ${id}.${expires}.${flipped}` }, /invalid/],
        [
          "extended expiry",
          { authorization: `Bearer ${id}.${Number(expires) + 86400}.${signature}` },
          /invalid/,
        ],
      ];
      for (const [_name, headers, pattern] of cases) {
        const response = await kit.request(path, { method: "POST", headers, ...json({ text: "hi" }) });
        await expectError(response, 401, pattern);
        expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
        await expectError(await kit.request(path, { headers }), 401);
      }
      expect(await kit.history(session)).toEqual([]);
    });

    it("refuses a token signed with another secret (another deployment)", async () => {
      const foreign = createWebApp(kit.qualbot, {
        sessionSecret: "a-completely-different-secret-of-32+chars",
      });
      const theirs = (await (await foreign.request("/api/sessions", { method: "POST" })).json()) as {
        sessionId: string;
        token: string;
      };
      const mine = await kit.newSession();
      // Their session id is unknown here, and their token does not open my session either.
      await expectError(await kit.say(theirs, "hi"), 404);
      await expectError(await kit.say({ sessionId: mine.sessionId, token: theirs.token }, "hi"), 401);
    });

    it("refuses an expired token, and a renewed token extends the session", async () => {
      const session = await kit.newSession();
      expect((await kit.say(session, "before expiry")).status).toBe(200);
      kit.clock.advance(59 * 60_000);
      const renewal = await kit.request(`/api/sessions/${session.sessionId}/token`, {
        method: "POST",
        headers: { authorization: `Bearer ${session.token}` },
      });
      expect(renewal.status).toBe(200);
      const renewed = (await renewal.json()) as { sessionId: string; token: string; expiresAt: string };
      expect(renewed.sessionId).toBe(session.sessionId);
      expect(Date.parse(renewed.expiresAt)).toBeGreaterThan(Date.parse(session.expiresAt));
      kit.clock.advance(2 * 60_000);
      await expectError(await kit.say(session, "after expiry"), 401, /expired/);
      const history = await kit.history(renewed);
      expect(history.map((message) => message.text)).toContain("before expiry");
      expect(history.map((message) => message.text)).not.toContain("after expiry");
    });
  });

  it("404 for a session id it never issued", async () => {
    const { token } = await kit.newSession();
    for (const id of [`ws_${"0".repeat(56)}`, "not-a-session", "ws_../../etc"]) {
      await expectError(await kit.say({ sessionId: id, token }, "hi"), 404, /unknown session/);
      await expectError(
        await kit.request(`/api/sessions/${id}/messages`, { headers: { authorization: `Bearer ${token}` } }),
        404,
      );
      await expectError(await kit.request(`/api/sessions/${id}/events?token=${token}`), 404);
    }
  });

  it("413 for a message over the character limit, counted in characters not bytes", async () => {
    const session = await kit.newSession();
    await expectError(await kit.say(session, "x".repeat(201)), 413, /too long/);
    expect((await kit.say(session, "é".repeat(200))).status).toBe(200);
    expect((await kit.say(session, "👋".repeat(200))).status).toBe(200);
    expect((await kit.history(session)).filter((message) => message.role === "prospect")).toHaveLength(2);
  });

  it("413 for a body over the byte cap, without reading it", async () => {
    const session = await kit.newSession();
    const response = await kit.request(`/api/sessions/${session.sessionId}/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${session.token}`, "content-type": "application/json" },
      body: JSON.stringify({ text: "y".repeat(150 * 1024) }),
    });
    await expectError(response, 413, /request body/);
    expect(await kit.history(session)).toEqual([]);
  });

  it("never lets a visitor read or write another visitor's conversation", async () => {
    const alice = await kit.newSession();
    const bob = await kit.newSession();
    await kit.say(alice, "Alice's private message");
    const crossed = { sessionId: alice.sessionId, token: bob.token };
    await expectError(
      await kit.say(crossed, "Bob writing into Alice's chat"),
      401,
      /not valid for this session/,
    );
    await expectError(
      await kit.request(`/api/sessions/${alice.sessionId}/messages`, {
        headers: { authorization: `Bearer ${bob.token}` },
      }),
      401,
    );
    await expectError(await kit.request(`/api/sessions/${alice.sessionId}/events?token=${bob.token}`), 401);
    expect((await kit.history(alice)).map((message) => message.text)).not.toContain(
      "Bob writing into Alice's chat",
    );
    expect(await kit.history(bob)).toEqual([]);
  });

  it("handles a retried POST with the same Idempotency-Key once and answers it the same way", async () => {
    const session = await kit.newSession();
    const first = await kit.say(session, "We need better forecasting", { "idempotency-key": "msg-1" });
    const retry = await kit.say(session, "We need better forecasting", { "idempotency-key": "msg-1" });
    const [firstBody, retryBody] = (await Promise.all([first.json(), retry.json()])) as {
      messages: unknown[];
      duplicate: boolean;
      messageId: number;
    }[];
    expect(firstBody!.duplicate).toBe(false);
    expect(retryBody!.duplicate).toBe(true);
    expect(retryBody!.messages).toEqual(firstBody!.messages);
    expect(retryBody!.messageId).toBe(firstBody!.messageId);
    const concurrent = await Promise.all(
      [1, 2, 3].map(() => kit.say(session, "and pipeline hygiene", { "idempotency-key": "msg-2" })),
    );
    expect(concurrent.map((response) => response.status)).toEqual([200, 200, 200]);
    const prospect = (await kit.history(session)).filter((message) => message.role === "prospect");
    expect(prospect.map((message) => message.text)).toEqual([
      "We need better forecasting",
      "and pipeline hygiene",
    ]);
  });

  it("keeps idempotency keys per session: the same key in two chats is two messages", async () => {
    const alice = await kit.newSession();
    const bob = await kit.newSession();
    await kit.say(alice, "Alice says hi", { "idempotency-key": "1" });
    const bobs = (await (await kit.say(bob, "Bob says hi", { "idempotency-key": "1" })).json()) as {
      duplicate: boolean;
    };
    expect(bobs.duplicate).toBe(false);
    expect((await kit.history(bob)).map((message) => message.text)[0]).toBe("Bob says hi");
  });

  it("answers 500 without internals when a turn fails, keeps the message, and a retry completes it", async () => {
    const session = await kit.newSession();
    const store = kit.qualbot.engine.store;
    const commitTurn = store.commitTurn;
    store.commitTurn = async () => {
      store.commitTurn = commitTurn;
      throw Object.assign(new Error("disk I/O error at /var/lib/secret.db"), { code: "SQLITE_IOERR" });
    };
    const failed = await kit.say(session, "this one hits a failure", { "idempotency-key": "retry-me" });
    await expectError(failed, 500, /send it again/);
    expect((await kit.history(session)).map((message) => message.text)).toEqual(["this one hits a failure"]);
    const retried = await kit.say(session, "this one hits a failure", { "idempotency-key": "retry-me" });
    expect(retried.status).toBe(200);
    const history = await kit.history(session);
    expect(history.map((message) => message.role)).toEqual(["prospect", "bot"]);
  });

  it("returns JSON 404 for unknown API paths", async () => {
    await expectError(await kit.request("/api/nothing-here"), 404);
  });
});

describe("rate limits (429 with Retry-After)", () => {
  let kit: WebKit;
  beforeAll(async () => {
    kit = await createWebKit({ env: { WEB_RATE_LIMIT_PER_MINUTE: "3" } });
  });
  afterAll(async () => {
    await kit.qualbot.cleanup();
  });

  it("limits messages per session, then lets the visitor continue once the window refills", async () => {
    const session = await kit.newSession();
    const statuses: number[] = [];
    for (let index = 0; index < 4; index++)
      statuses.push((await kit.say(session, `message ${index}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await kit.say(session, "one more");
    await expectError(limited, 429, /too many/);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(20);
    // Another visitor is not affected.
    expect((await kit.say(await kit.newSession(), "hello")).status).toBe(200);
    kit.clock.advance(retryAfter * 1000);
    expect((await kit.say(session, "after waiting")).status).toBe(200);
    const stored = (await kit.history(session))
      .filter((message) => message.role === "prospect")
      .map((message) => message.text);
    expect(stored).toEqual(["message 0", "message 1", "message 2", "after waiting"]);
  });

  it("limits requests per client address across sessions", async () => {
    const address = "198.51.100.23";
    const statuses: number[] = [];
    for (let index = 0; index < 16; index++)
      statuses.push((await kit.request("/api/sessions", { method: "POST" }, address)).status);
    expect(statuses.slice(0, 15).every((status) => status === 201)).toBe(true);
    expect(statuses[15]).toBe(429);
    expect((await kit.request("/api/sessions", { method: "POST" }, "198.51.100.24")).status).toBe(201);
  });
});

describe("CORS allowlist", () => {
  let kit: WebKit;
  beforeAll(async () => {
    kit = await createWebKit({ env: { WEB_ALLOWED_ORIGINS: "https://shop.example.com" } });
  });
  afterAll(async () => {
    await kit.qualbot.cleanup();
  });

  it("answers a preflight from an allowed origin", async () => {
    const response = await kit.request("/api/sessions/x/messages", {
      method: "OPTIONS",
      headers: { origin: "https://shop.example.com", "access-control-request-method": "POST" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("https://shop.example.com");
    expect(response.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
    expect(response.headers.get("access-control-allow-headers")).toMatch(/Idempotency-Key/);
  });

  it("serves allowed origins and the server's own origin, refuses others with 403", async () => {
    const allowed = await kit.request("/api/sessions", {
      method: "POST",
      headers: { origin: "https://shop.example.com" },
    });
    expect(allowed.status).toBe(201);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://shop.example.com");
    expect(allowed.headers.get("vary")).toMatch(/Origin/);
    const own = await kit.request("/api/sessions", {
      method: "POST",
      headers: { origin: "http://chat.test" },
    });
    expect(own.status).toBe(201);
    for (const origin of ["https://evil.example.com", "https://shop.example.com.evil.io", "null"]) {
      await expectError(await kit.request("/api/sessions", { method: "POST", headers: { origin } }), 403);
      const preflight = await kit.request("/api/sessions", { method: "OPTIONS", headers: { origin } });
      expect(preflight.status).toBe(403);
      expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    }
  });

  it("with an empty allowlist only the server's own origin is allowed; `*` allows any", async () => {
    const strict = createWebApp({
      ...kit.qualbot,
      config: { ...kit.qualbot.config, web: { ...kit.qualbot.config.web, allowedOrigins: [] } },
    });
    const open = createWebApp({
      ...kit.qualbot,
      config: { ...kit.qualbot.config, web: { ...kit.qualbot.config.web, allowedOrigins: ["*"] } },
    });
    const from = (origin: string) => ({ method: "POST", headers: { origin } });
    expect(
      (await strict.request("http://chat.test/api/sessions", from("https://shop.example.com"))).status,
    ).toBe(403);
    expect((await strict.request("http://chat.test/api/sessions", from("http://chat.test"))).status).toBe(
      201,
    );
    expect((await open.request("http://chat.test/api/sessions", from("https://anyone.example"))).status).toBe(
      201,
    );
  });
});

describe("the same engine as every channel", () => {
  const need: Signal = {
    field: "need",
    value: { status: "explicit", pains: ["slow forecasting"] },
    ...evidenceOf("forecasting is slow"),
  };
  const budget: Signal = {
    field: "budget",
    value: { status: "allocated", amount: 40000, currency: "USD", period: "year" },
    ...evidenceOf("$40k a year"),
  };
  const authority: Signal = {
    field: "authority",
    value: { status: "decision_maker" },
    ...evidenceOf("I decide"),
  };
  let kit: WebKit;
  beforeAll(async () => {
    kit = await createWebKit({
      extractor: scriptedExtractor([{ signals: [need] }, { signals: [budget] }, { signals: [authority] }]),
    });
  });
  afterAll(async () => {
    await kit.qualbot.cleanup();
  });

  it("a web visitor who qualifies becomes a scored lead with a pending handoff", async () => {
    const session = await kit.newSession();
    for (const text of [
      "Our forecasting is slow and wrong",
      "We have $40k a year set aside",
      "I decide on tools like this",
    ])
      expect((await kit.say(session, text)).status).toBe(200);
    const conversation = await kit.qualbot.store.findConversation("web", session.sessionId);
    expect(conversation).not.toBeNull();
    const lead = await kit.qualbot.store.getLeadRecord(conversation!.leadId);
    expect(lead).toMatchObject({
      stage: "pending_handoff",
      qualified: true,
      qualification: {
        need: { status: "explicit" },
        budget: { status: "allocated" },
        authority: { status: "decision_maker" },
      },
      handoff: { status: "pending" },
    });
    expect(lead!.score.total).toBeGreaterThan(0);
    expect(lead!.evidence.find((entry) => entry.field === "budget")?.quotes).toEqual(["$40k a year"]);
  });
});
