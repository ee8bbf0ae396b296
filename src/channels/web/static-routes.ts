import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The assets are plain files that tsc does not copy: run from source they sit next to this module;
 * run from dist/channels/web they are found in the package's src/ folder (shipped in "files").
 */
export function defaultAssetsDirectory(): string {
  const candidates = [path.join(here, "assets"), path.resolve(here, "../../../src/channels/web/assets")];
  const found = candidates.find((candidate) => existsSync(path.join(candidate, "widget.js")));
  if (!found) throw new Error(`web chat assets not found (looked in ${candidates.join(", ")})`);
  return found;
}

interface Asset {
  body: string;
  etag: string;
}

function loadAsset(directory: string, name: string): Asset {
  const body = readFileSync(path.join(directory, name), "utf8");
  return { body, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"` };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  return header?.split(",").some((entry) => entry.trim().replace(/^W\//, "") === etag) ?? false;
}

const DEMO_PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** `GET /widget.js` (embeddable from any site) and `GET /` (a sample company site showing it). */
export function createStaticRoutes(assetsDirectory: string): Hono {
  const widget = loadAsset(assetsDirectory, "widget.js");
  const demo = loadAsset(assetsDirectory, "demo.html");
  const app = new Hono();

  app.get("/widget.js", (context) => {
    context.header("ETag", widget.etag);
    // Unversioned URL embedded on customers' sites: short freshness, cheap revalidation by ETag.
    context.header("Cache-Control", "public, max-age=300, stale-while-revalidate=86400");
    context.header("X-Content-Type-Options", "nosniff");
    context.header("Cross-Origin-Resource-Policy", "cross-origin");
    context.header("Access-Control-Allow-Origin", "*");
    if (matchesEtag(context.req.header("if-none-match"), widget.etag)) return context.body(null, 304);
    context.header("Content-Type", "text/javascript; charset=utf-8");
    return context.body(widget.body);
  });

  app.get("/", (context) => {
    const origin = new URL(context.req.url).origin;
    context.header("Cache-Control", "no-cache");
    context.header("Content-Security-Policy", DEMO_PAGE_POLICY);
    context.header("X-Content-Type-Options", "nosniff");
    context.header("Referrer-Policy", "no-referrer");
    return context.html(demo.body.replaceAll("{{ORIGIN}}", escapeHtml(origin)));
  });

  return app;
}
