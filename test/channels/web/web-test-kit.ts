import type { Hono } from "hono";
import { createWebApp, type WebAppOptions } from "../../../src/channels/web/index.js";
import type { Clock } from "../../../src/engine/ports.js";
import type { Extractor } from "../../../src/extraction/extractor.js";
import { createTestQualbot, type TestQualbot } from "../../helpers/database.js";

/** Extracts nothing: the engine still stores, scores and replies (asks its next question). */
export const silentExtractor: Extractor = {
  name: "silent",
  extract: async () => ({ signals: [], intents: [], extractor: "silent" }),
};

export interface MovableClock extends Clock {
  advance(milliseconds: number): void;
}

export function movableClock(start = Date.parse("2026-11-23T10:00:00Z")): MovableClock {
  let current = start;
  return {
    now: () => new Date(current),
    advance(milliseconds) {
      current += milliseconds;
    },
  };
}

export interface WebKit {
  qualbot: TestQualbot;
  app: Hono;
  clock: MovableClock;
  /** `app.request` as if from this client IP (the node socket the per-IP limiter reads). */
  request(path: string, init?: RequestInit, address?: string): Promise<Response>;
  newSession(address?: string): Promise<{ sessionId: string; token: string; expiresAt: string }>;
  say(
    session: { sessionId: string; token: string },
    text: string,
    headers?: Record<string, string>,
  ): Promise<Response>;
  history(session: {
    sessionId: string;
    token: string;
  }): Promise<{ id: number; role: string; text: string; createdAt: string }[]>;
}

export async function createWebKit(
  options: { env?: Record<string, string>; extractor?: Extractor; web?: WebAppOptions } = {},
): Promise<WebKit> {
  const clock = movableClock();
  const qualbot = await createTestQualbot({
    extractor: options.extractor ?? silentExtractor,
    env: options.env,
  });
  const app = createWebApp(qualbot, { clock, ...options.web });
  const request = (path: string, init: RequestInit = {}, address = "203.0.113.7") =>
    Promise.resolve(
      app.request(`http://chat.test${path}`, init, { incoming: { socket: { remoteAddress: address } } }),
    );
  const kit: WebKit = {
    qualbot,
    app,
    clock,
    request,
    async newSession(address) {
      const response = await request("/api/sessions", { method: "POST" }, address);
      if (response.status !== 201) throw new Error(`session not created: ${response.status}`);
      return response.json();
    },
    say(session, text, headers = {}) {
      return request(`/api/sessions/${session.sessionId}/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${session.token}`, "content-type": "application/json", ...headers },
        body: JSON.stringify({ text }),
      });
    },
    async history(session) {
      const response = await request(`/api/sessions/${session.sessionId}/messages`, {
        headers: { authorization: `Bearer ${session.token}` },
      });
      if (response.status !== 200) throw new Error(`history not read: ${response.status}`);
      return ((await response.json()) as { messages: Awaited<ReturnType<WebKit["history"]>> }).messages;
    },
  };
  return kit;
}
