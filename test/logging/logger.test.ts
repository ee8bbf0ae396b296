import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging/logger.js";
import { redactPiiText } from "../../src/logging/redact.js";

function capture() {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on("data", (chunk) => lines.push(...String(chunk).trim().split("\n")));
  return {
    logger: createLogger("debug", stream),
    lines,
    flush: () => new Promise((resolve) => setImmediate(resolve)),
  };
}

describe("structured logs", () => {
  it("are JSON with PII and secrets redacted wherever they appear", async () => {
    const { logger, lines, flush } = capture();
    logger.warn(
      {
        leadId: "lead-1",
        error: "receiver rejected dana@acme.test",
        detail: { note: "call +1 (415) 555-0142" },
        apiKey: "sk-live-123",
        text: "hi",
      },
      "delivery failed for raj@example.org",
    );
    await flush();
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({
      level: 40,
      service: "qualbot",
      leadId: "lead-1",
      apiKey: "[redacted]",
      text: "[redacted]",
    });
    expect(entry.error).toBe("receiver rejected [email]");
    expect(entry.detail.note).toBe("call [phone]");
    expect(entry.msg).toBe("delivery failed for [email]");
    expect(lines.join("\n")).not.toMatch(/dana@|raj@|555-0142|sk-live/);
  });
});

describe("redactPiiText", () => {
  it.each([
    ["mail dana.lee+crm@acme-logistics.co.uk now", "mail [email] now"],
    ["+44 20 7946 0958", "[phone]"],
    ["415-555-0142", "[phone]"],
    ["message 12345 of lead 42", "message 12345 of lead 42"],
    ["budget 50,000 USD in 2026-11-23", "budget 50,000 USD in 2026-11-23"],
  ])("%s → %s", (input, expected) => {
    expect(redactPiiText(input)).toBe(expected);
  });
});
