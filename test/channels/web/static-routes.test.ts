import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebKit, type WebKit } from "./web-test-kit.js";

let kit: WebKit;
beforeAll(async () => {
  kit = await createWebKit();
});
afterAll(async () => {
  await kit.qualbot.cleanup();
});

describe("GET /widget.js", () => {
  it("serves the script with a JavaScript content type, caching headers and an ETag", async () => {
    const response = await kit.request("/widget.js");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("cache-control")).toMatch(/max-age=\d+/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    const etag = response.headers.get("etag");
    expect(etag).toMatch(/^".+"$/);
    const script = await response.text();
    expect(script).toContain("attachShadow");
    expect(script).toContain("/api/sessions");
    // The script parses as JavaScript.
    expect(() => new Function(script)).not.toThrow();

    const revalidated = await kit.request("/widget.js", { headers: { "if-none-match": etag! } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
    const changed = await kit.request("/widget.js", { headers: { "if-none-match": '"something-else"' } });
    expect(changed.status).toBe(200);
  });
});

describe("GET /", () => {
  it("serves the demo page embedding the widget with one script tag", async () => {
    const response = await kit.request("/");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(response.headers.get("content-security-policy")).toMatch(/script-src 'self'/);
    const html = await response.text();
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html).toMatch(/<script src="\/widget\.js" data-title="[^"]+" data-color="#[0-9a-f]{6}"/);
    // The embed snippet shows this server's own address.
    expect(html).toContain("http://chat.test/widget.js");
    expect(html).not.toContain("{{ORIGIN}}");
  });
});
