import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "../../src/llm/retry-after.js";

const now = Date.parse("2026-11-23T10:00:00Z");

describe("parseRetryAfter", () => {
  it.each([
    [{ "retry-after": "2" }, 2000],
    [{ "retry-after": "0.5" }, 500],
    [{ "retry-after": " 10 " }, 10_000],
    [{ "retry-after-ms": "1234" }, 1234],
    [{ "retry-after-ms": "250", "retry-after": "9" }, 250],
    [{ "retry-after": "Mon, 23 Nov 2026 10:00:30 GMT" }, 30_000],
    [{ "retry-after": "Mon, 23 Nov 2026 09:59:00 GMT" }, 0],
    [{ "retry-after": "soon" }, undefined],
    [{ "retry-after": "-3" }, undefined],
    [{}, undefined],
  ])("%j → %s ms", (headers, expected) => {
    expect(parseRetryAfter(new Headers(headers), now)).toBe(expected);
  });

  it("is undefined without headers", () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
