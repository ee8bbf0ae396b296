import type { IncomingMessage } from "node:http";
import { z } from "zod";

export type BodyProblem = { status: 400; error: string } | { status: 413; error: string };

export type BodyResult<T> = { ok: true; value: T } | { ok: false; error: BodyProblem };

/**
 * Reads at most `maxBytes` of the request body: a declared Content-Length over the cap is refused
 * unread, and a chunked body is cut off as soon as it passes the cap, so a huge upload never
 * sits in memory.
 */
export function readBodyText(request: Request, maxBytes: number): Promise<BodyResult<string>> {
  // Node's web streams are async iterable; the DOM typings this project compiles with do not say so.
  const body = request.body as AsyncIterable<Uint8Array> | null;
  return readCappedText(request.headers.get("content-length"), body, maxBytes);
}

/**
 * The same, straight from Node's request stream: on a node:http server this skips building a
 * web Request and its stream adapter only to read a few hundred bytes.
 */
export function readIncomingBodyText(
  incoming: IncomingMessage,
  maxBytes: number,
): Promise<BodyResult<string>> {
  return readCappedText(incoming.headers["content-length"] ?? null, incoming, maxBytes);
}

async function readCappedText(
  contentLength: string | null,
  body: AsyncIterable<Uint8Array> | null,
  maxBytes: number,
): Promise<BodyResult<string>> {
  const tooLarge: BodyResult<string> = {
    ok: false,
    error: { status: 413, error: `request body over ${maxBytes} bytes` },
  };
  const declared = Number(contentLength ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge;
  if (!body) return { ok: true, value: "" };
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    // Leaving the loop early cancels the stream: the rest of an oversized body is never pulled.
    for await (const chunk of body) {
      size += chunk.byteLength;
      if (size > maxBytes) return tooLarge;
      chunks.push(chunk);
    }
  } catch {
    return { ok: false, error: { status: 400, error: "request body could not be read" } };
  }
  return { ok: true, value: Buffer.concat(chunks).toString("utf8") };
}

const MessageRequest = z.object({ text: z.string({ error: "text must be a string" }) });

/** `{"text": "..."}`: present, not blank, at most `maxChars` characters (code points, so emoji count once). */
export function parseMessageBody(raw: string, maxChars: number): BodyResult<{ text: string }> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: { status: 400, error: 'body must be JSON: {"text": "..."}' } };
  }
  const parsed = MessageRequest.safeParse(json);
  if (!parsed.success)
    return { ok: false, error: { status: 400, error: 'body must be {"text": "..."} with text a string' } };
  const { text } = parsed.data;
  if (text.trim() === "") return { ok: false, error: { status: 400, error: "text must not be empty" } };
  // The body is already capped in bytes, so spreading into code points stays cheap.
  if ([...text].length > maxChars)
    return { ok: false, error: { status: 413, error: `message too long (at most ${maxChars} characters)` } };
  return { ok: true, value: { text } };
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,128}$/;

/** The client's id for a message (retries reuse it); absent is fine, malformed is a 400. */
export function parseIdempotencyKey(value: string | undefined): BodyResult<string | undefined> {
  if (value === undefined || value === "") return { ok: true, value: undefined };
  if (!IDEMPOTENCY_KEY.test(value))
    return {
      ok: false,
      error: { status: 400, error: "Idempotency-Key must be 1-128 characters of A-Z a-z 0-9 _ . : -" },
    };
  return { ok: true, value };
}
