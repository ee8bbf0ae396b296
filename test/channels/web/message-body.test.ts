import { describe, expect, it } from "vitest";
import {
  parseIdempotencyKey,
  parseMessageBody,
  readBodyText,
} from "../../../src/channels/web/message-body.js";

function chunkedRequest(chunks: string[], onPull?: () => void): Request {
  const encoder = new TextEncoder();
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull?.();
      if (index < chunks.length) controller.enqueue(encoder.encode(chunks[index++]));
      else controller.close();
    },
  });
  return new Request("http://chat.test/", { method: "POST", body, duplex: "half" } as RequestInit);
}

describe("readBodyText", () => {
  it("reads a body under the cap", async () => {
    expect(await readBodyText(chunkedRequest(['{"text":', '"hé"}']), 100)).toEqual({
      ok: true,
      value: '{"text":"hé"}',
    });
  });

  it("stops reading as soon as a chunked body passes the cap", async () => {
    let pulls = 0;
    const result = await readBodyText(
      chunkedRequest(
        Array.from({ length: 100 }, () => "x".repeat(1000)),
        () => pulls++,
      ),
      5000,
    );
    expect(result).toEqual({ ok: false, error: { status: 413, error: "request body over 5000 bytes" } });
    expect(pulls).toBeLessThan(10);
  });

  it("refuses a declared Content-Length over the cap without reading", async () => {
    const request = new Request("http://chat.test/", {
      method: "POST",
      body: "x".repeat(50),
      headers: { "content-length": "50" },
    });
    expect(await readBodyText(request, 10)).toMatchObject({ ok: false, error: { status: 413 } });
    expect(request.bodyUsed).toBe(false);
  });
});

describe("parseMessageBody", () => {
  it.each([
    ['{"text":"hello"}', { ok: true, value: { text: "hello" } }],
    ['{"text":"hello","extra":1}', { ok: true, value: { text: "hello" } }],
    ['{"text":" pad "}', { ok: true, value: { text: " pad " } }],
    ["{", { ok: false, error: { status: 400 } }],
    ["null", { ok: false, error: { status: 400 } }],
    ["[]", { ok: false, error: { status: 400 } }],
    ['{"text":null}', { ok: false, error: { status: 400 } }],
    ['{"text":""}', { ok: false, error: { status: 400 } }],
    ['{"text":"abcdef"}', { ok: false, error: { status: 413 } }],
    ['{"text":"🚀🚀🚀🚀🚀"}', { ok: true, value: { text: "🚀🚀🚀🚀🚀" } }],
  ])("%s", (raw, expected) => {
    expect(parseMessageBody(raw, 5)).toMatchObject(expected);
  });
});

describe("parseIdempotencyKey", () => {
  it.each([
    [undefined, { ok: true, value: undefined }],
    ["", { ok: true, value: undefined }],
    ["3f2b7c1e-1b2c-4d5e-8f90-1234567890ab", { ok: true, value: "3f2b7c1e-1b2c-4d5e-8f90-1234567890ab" }],
    ["a b", { ok: false }],
    ["k".repeat(129), { ok: false }],
    ["ключ", { ok: false }],
  ])("%s", (value, expected) => {
    expect(parseIdempotencyKey(value)).toMatchObject(expected);
  });
});
