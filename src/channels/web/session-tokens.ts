import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Clock } from "../../engine/ports.js";

/**
 * Visitor sessions without server-side session rows: the session id carries a MAC (so an id we
 * never issued is "unknown" without a lookup) and the bearer token is an HMAC over
 * (session id, expiry). Several processes sharing WEB_SESSION_SECRET accept each other's sessions.
 */
export interface SessionTokens {
  newSession(): IssuedSession;
  /** True when this id was minted with our secret (not guessed, not from another deployment). */
  isKnownSessionId(value: string): boolean;
  issueToken(sessionId: string): { token: string; expiresAt: Date };
  verifyToken(token: string, sessionId: string): TokenCheck;
}

export interface IssuedSession {
  sessionId: string;
  token: string;
  expiresAt: Date;
}

export type TokenProblem = "malformed" | "forged" | "expired" | "other_session";

export type TokenCheck =
  | { ok: true; value: { sessionId: string; expiresAt: Date } }
  | { ok: false; error: TokenProblem };

const SESSION_PREFIX = "ws_";
const RANDOM_HEX = 32;
const SESSION_MAC_HEX = 24;
const SESSION_ID_PATTERN = new RegExp(
  `^${SESSION_PREFIX}([0-9a-f]{${RANDOM_HEX}})([0-9a-f]{${SESSION_MAC_HEX}})$`,
);
const TOKEN_PATTERN = /^(ws_[0-9a-f]{56})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

export function createSessionTokens(options: {
  secret?: string;
  ttlHours: number;
  clock: Clock;
}): SessionTokens {
  // Without a configured secret, tokens are valid only for this process's lifetime (documented in config).
  const secret = options.secret ?? randomBytes(32).toString("hex");
  const ttlSeconds = Math.max(1, Math.round(options.ttlHours * 3600));
  // Domain separation: a session-id MAC can never be replayed as a token MAC or the reverse.
  const mac = (purpose: "session" | "token", payload: string) =>
    createHmac("sha256", secret).update(`qualbot-web:${purpose}:${payload}`).digest();

  const sessionMac = (random: string) => mac("session", random).toString("hex").slice(0, SESSION_MAC_HEX);
  const tokenMac = (sessionId: string, expires: number) =>
    mac("token", `${sessionId}.${expires}`).toString("base64url");

  function isKnownSessionId(value: string): boolean {
    const match = SESSION_ID_PATTERN.exec(value);
    if (!match) return false;
    return sameText(sessionMac(match[1]!), match[2]!);
  }

  function issueToken(sessionId: string) {
    const expires = Math.floor(options.clock.now().getTime() / 1000) + ttlSeconds;
    return {
      token: `${sessionId}.${expires}.${tokenMac(sessionId, expires)}`,
      expiresAt: new Date(expires * 1000),
    };
  }

  return {
    newSession() {
      const random = randomBytes(RANDOM_HEX / 2).toString("hex");
      const sessionId = `${SESSION_PREFIX}${random}${sessionMac(random)}`;
      return { sessionId, ...issueToken(sessionId) };
    },
    isKnownSessionId,
    issueToken,
    verifyToken(token, sessionId) {
      const match = TOKEN_PATTERN.exec(token);
      if (!match) return { ok: false, error: "malformed" };
      const [, tokenSession, expiresText, signature] = match as unknown as [string, string, string, string];
      const expires = Number(expiresText);
      if (!sameText(tokenMac(tokenSession, expires), signature)) return { ok: false, error: "forged" };
      if (tokenSession !== sessionId) return { ok: false, error: "other_session" };
      if (options.clock.now().getTime() >= expires * 1000) return { ok: false, error: "expired" };
      return { ok: true, value: { sessionId: tokenSession, expiresAt: new Date(expires * 1000) } };
    },
  };
}

function sameText(expected: string, actual: string): boolean {
  const left = Buffer.from(expected);
  const right = Buffer.from(actual);
  return left.length === right.length && timingSafeEqual(left, right);
}
