import { describe, expect, it } from "vitest";
import { createSessionTokens } from "../../../src/channels/web/session-tokens.js";
import { movableClock } from "./web-test-kit.js";

const secret = "s".repeat(40);

describe("session tokens", () => {
  it("issues ids and tokens that verify for their own session until they expire", () => {
    const clock = movableClock();
    const tokens = createSessionTokens({ secret, ttlHours: 2, clock });
    const session = tokens.newSession();
    expect(tokens.isKnownSessionId(session.sessionId)).toBe(true);
    expect(session.expiresAt.getTime() - clock.now().getTime()).toBe(2 * 3600_000);
    expect(tokens.verifyToken(session.token, session.sessionId)).toEqual({
      ok: true,
      value: { sessionId: session.sessionId, expiresAt: session.expiresAt },
    });
    clock.advance(2 * 3600_000 - 1000);
    expect(tokens.verifyToken(session.token, session.sessionId).ok).toBe(true);
    clock.advance(1000);
    expect(tokens.verifyToken(session.token, session.sessionId)).toEqual({ ok: false, error: "expired" });
  });

  it("tells apart the ways a token can be wrong", () => {
    const tokens = createSessionTokens({ secret, ttlHours: 1, clock: movableClock() });
    const mine = tokens.newSession();
    const theirs = tokens.newSession();
    const [id, expires, signature] = mine.token.split(".") as [string, string, string];
    const foreign = createSessionTokens({ secret: "f".repeat(40), ttlHours: 1, clock: movableClock() });
    const cases: [string, string, string][] = [
      ["empty", "", "malformed"],
      ["wrong shape", "abc.def", "malformed"],
      ["signature truncated", `${id}.${expires}.${signature.slice(1)}`, "malformed"],
      ["expiry moved", `${id}.${Number(expires) + 1}.${signature}`, "forged"],
      ["signature of another token", `${id}.${expires}.${theirs.token.split(".")[2]}`, "forged"],
      ["session swapped", `${theirs.sessionId}.${expires}.${signature}`, "forged"],
      ["another secret", foreign.issueToken(mine.sessionId).token, "forged"],
      ["another session's token", theirs.token, "other_session"],
    ];
    for (const [name, token, error] of cases)
      expect({ name, check: tokens.verifyToken(token, mine.sessionId) }).toEqual({
        name,
        check: { ok: false, error },
      });
  });

  it("knows only session ids it minted", () => {
    const tokens = createSessionTokens({ secret, ttlHours: 1, clock: movableClock() });
    const foreign = createSessionTokens({ secret: "f".repeat(40), ttlHours: 1, clock: movableClock() });
    const known = tokens.newSession().sessionId;
    expect(tokens.isKnownSessionId(known)).toBe(true);
    expect(tokens.isKnownSessionId(foreign.newSession().sessionId)).toBe(false);
    expect(tokens.isKnownSessionId(`${known.slice(0, -1)}${known.endsWith("0") ? "1" : "0"}`)).toBe(false);
    expect(tokens.isKnownSessionId(known.toUpperCase())).toBe(false);
    expect(tokens.isKnownSessionId("")).toBe(false);
  });

  it("without a configured secret, tokens die with the instance", () => {
    const first = createSessionTokens({ ttlHours: 1, clock: movableClock() });
    const second = createSessionTokens({ ttlHours: 1, clock: movableClock() });
    const session = first.newSession();
    expect(first.verifyToken(session.token, session.sessionId).ok).toBe(true);
    expect(second.isKnownSessionId(session.sessionId)).toBe(false);
    expect(second.verifyToken(session.token, session.sessionId)).toEqual({ ok: false, error: "forged" });
  });
});
