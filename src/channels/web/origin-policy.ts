/**
 * Which sites may call the chat API from a browser (CORS). The server's own origin always may
 * (the demo page, a widget served next to the API); an empty allowlist means only that; `*`
 * allows any site. Requests without an Origin header (curl, server-to-server) are not browser
 * cross-origin calls and are not restricted here — the bearer token protects the data.
 */
export interface OriginPolicy {
  allows(origin: string, requestHost: string | undefined): boolean;
}

export function createOriginPolicy(allowedOrigins: readonly string[]): OriginPolicy {
  const anyOrigin = allowedOrigins.includes("*");
  const allowed = new Set(
    allowedOrigins.filter((entry) => entry !== "*").flatMap((entry) => normalise(entry) ?? []),
  );
  return {
    allows(origin, requestHost) {
      const normalised = normalise(origin);
      if (!normalised) return false;
      if (anyOrigin || allowed.has(normalised)) return true;
      // Same host as the request: a page served by this server (scheme may differ behind a TLS proxy).
      return requestHost !== undefined && new URL(normalised).host === requestHost.toLowerCase();
    },
  };
}

/** `https://Shop.example.com:443/` → `https://shop.example.com`; "null" and non-http origins → null. */
function normalise(origin: string): string | null {
  if (!URL.canParse(origin)) return null;
  const url = new URL(origin);
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  return url.origin;
}
