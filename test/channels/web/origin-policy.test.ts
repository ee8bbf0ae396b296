import { describe, expect, it } from "vitest";
import { createOriginPolicy } from "../../../src/channels/web/origin-policy.js";

describe("origin policy", () => {
  it.each([
    [["https://shop.example.com"], "https://shop.example.com", "qualbot.example.com", true],
    [["https://shop.example.com/"], "https://SHOP.example.com", "qualbot.example.com", true],
    [["https://shop.example.com"], "https://shop.example.com:8443", "qualbot.example.com", false],
    [["https://shop.example.com"], "http://shop.example.com", "qualbot.example.com", false],
    [["https://shop.example.com"], "https://evil.example.com", "qualbot.example.com", false],
    [[], "https://qualbot.example.com", "qualbot.example.com", true],
    [[], "http://127.0.0.1:3000", "127.0.0.1:3000", true],
    [[], "http://127.0.0.1:4000", "127.0.0.1:3000", false],
    [[], "https://shop.example.com", "qualbot.example.com", false],
    [[], "https://shop.example.com", undefined, false],
    [["*"], "https://anyone.example", "qualbot.example.com", true],
    [["*"], "null", "qualbot.example.com", false],
    [["https://shop.example.com"], "file://", "qualbot.example.com", false],
  ] as const)("%j allows %s (host %s): %s", (allowed, origin, host, expected) => {
    expect(createOriginPolicy(allowed).allows(origin, host)).toBe(expected);
  });
});
