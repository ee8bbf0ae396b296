import { existsSync, mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebApp } from "../../src/channels/web/index.js";
import { sendToProspect } from "../../src/engine/send-to-prospect.js";
import { createHttpApp, type RunningServer, startHttpServer } from "../../src/http/server.js";
import { createTestQualbot, type TestQualbot } from "../helpers/database.js";

const CHROMIUM = "/usr/bin/chromium";
const RESULTS = path.resolve("test-results");

let qualbot: TestQualbot;
let server: RunningServer;
let browser: Browser;
/** Customer sites on other origins that embed the widget: one allowed by WEB_ALLOWED_ORIGINS, one not. */
let allowedSite: { server: Server; url: string };
let otherSite: { server: Server; url: string };

async function customerSite(): Promise<{ server: Server; url: string }> {
  const site = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(`<!doctype html><html><head><title>Acme shop</title><link rel="icon" href="data:,"></head>
      <body><h1>Acme shop</h1>
      <script src="${server.url}/widget.js" data-title="Acme help" data-color="#f59e0b" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  return { server: site, url: `http://127.0.0.1:${(site.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  // A missing browser is a broken test environment, not a reason to skip.
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium" (scripts/ensure-test-tools.sh).`,
    );
  mkdirSync(RESULTS, { recursive: true });
  allowedSite = await customerSite();
  otherSite = await customerSite();
  // The real default brain (offline extractor), as `qualbot serve` runs without an API key.
  qualbot = await createTestQualbot({ env: { WEB_ALLOWED_ORIGINS: allowedSite.url } });
  const web = createWebApp(qualbot);
  server = await startHttpServer(createHttpApp(qualbot, { web }), { web }, { port: 0, host: "127.0.0.1" });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  for (const site of [allowedSite, otherSite]) site?.server.close();
  await qualbot?.cleanup();
});

/** Everything the page reports that a visitor would not want: script errors, failed requests. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
      problems.push(`console: ${message.text()}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  return problems;
}

const widget = (page: Page) => ({
  launcher: page.locator("qualbot-chat .launcher"),
  panel: page.locator("qualbot-chat .panel"),
  input: page.locator("qualbot-chat textarea"),
  messages: page.locator("qualbot-chat .log .message"),
  botMessages: page.locator("qualbot-chat .log .message.bot"),
  typing: page.locator("qualbot-chat .typing-row"),
  notice: page.locator("qualbot-chat .notice"),
});

async function sendAndWaitForReply(page: Page, text: string) {
  const chat = widget(page);
  const before = await chat.botMessages.count();
  await chat.input.fill(text);
  await chat.input.press("Enter");
  await page.waitForFunction(
    (count) =>
      document.querySelector("qualbot-chat")!.shadowRoot!.querySelectorAll(".log .message.bot").length >
      count,
    before,
    { timeout: 10_000 },
  );
}

const texts = (page: Page) =>
  page.evaluate(() =>
    Array.from(
      document.querySelector("qualbot-chat")!.shadowRoot!.querySelectorAll<HTMLElement>(".log .message"),
      (node) => ({
        role: node.dataset.role,
        id: node.dataset.id ?? null,
        text: node.lastChild?.textContent ?? "",
      }),
    ),
  );

describe("the chat widget in a real browser", () => {
  it("chats on the demo page, qualifies the visitor, pushes a rep message, and keeps the history across a reload", {
    timeout: 120_000,
  }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(server.url);
    const chat = widget(page);

    await expect.poll(() => chat.launcher.isVisible()).toBe(true);
    expect(await chat.launcher.getAttribute("aria-expanded")).toBe("false");
    // The host page styles every button uppercase with a dashed pink border; the widget is untouched.
    expect(await chat.launcher.evaluate((node) => getComputedStyle(node).borderStyle)).not.toBe("dashed");
    expect(await chat.input.evaluate((node) => getComputedStyle(node).textTransform)).toBe("none");

    // Keyboard: focus the launcher, open with Enter; focus moves to the message box.
    await chat.launcher.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => chat.panel.isVisible()).toBe(true);
    expect(await chat.launcher.getAttribute("aria-expanded")).toBe("true");
    expect(
      await page.evaluate(() => document.querySelector("qualbot-chat")?.shadowRoot?.activeElement?.tagName),
    ).toBe("TEXTAREA");
    expect(await chat.botMessages.first().textContent()).toContain("Northwind assistant");
    expect(await page.locator("qualbot-chat [role=log]").getAttribute("aria-live")).toBe("polite");

    // The typing indicator shows while a reply is on its way (the reply is held back to see it).
    await page.route("**/api/sessions/*/messages", async (route) => {
      if (route.request().method() === "POST") await new Promise((resolve) => setTimeout(resolve, 700));
      await route.continue();
    });
    await chat.input.fill("Hi, I'm Dana Kim, VP of Sales at Acme Corp.");
    await chat.input.press("Enter");
    await expect.poll(() => chat.typing.isVisible(), { timeout: 2000 }).toBe(true);
    await expect.poll(() => chat.botMessages.count(), { timeout: 10_000 }).toBe(2);
    expect(await chat.typing.isVisible()).toBe(false);
    await page.unroute("**/api/sessions/*/messages");

    for (const text of [
      "Our pipeline forecasts are always wrong and we need a tool to fix that.",
      "We have a budget of $60,000 a year for this.",
      "I'm the decision maker and we want it live within 2 months.",
    ])
      await sendAndWaitForReply(page, text);

    // Same engine as every channel: the visitor is a qualified lead waiting for a rep.
    const sessionId = await page.evaluate(() => {
      const key = Object.keys(localStorage).find((name) => name.startsWith("qualbot.chat:"))!;
      return JSON.parse(localStorage.getItem(key)!).sessionId as string;
    });
    const conversation = (await qualbot.store.findConversation("web", sessionId))!;
    const lead = (await qualbot.store.getLeadRecord(conversation.leadId))!;
    expect(lead.stage).toBe("pending_handoff");
    expect(lead.handoff?.status).toBe("pending");

    // A rep's message arrives by push, without a reload.
    await sendToProspect(qualbot.outbound, {
      conversationId: conversation.id,
      role: "rep",
      author: "U_SAM",
      text: "Hi Dana, Sam from sales here.",
    });
    await expect.poll(() => page.locator("qualbot-chat .message.rep").count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator("qualbot-chat .message.rep").textContent()).toContain("Sam from sales");

    expect((await texts(page)).filter((message) => message.role === "prospect")).toHaveLength(4);
    await page.screenshot({ path: path.join(RESULTS, "widget.png") });

    // Escape closes and gives focus back to the launcher.
    await chat.input.focus();
    await page.keyboard.press("Escape");
    await expect.poll(() => chat.panel.isVisible()).toBe(false);
    expect(
      await page.evaluate(() => document.querySelector("qualbot-chat")?.shadowRoot?.activeElement?.className),
    ).toBe("launcher");

    // Closed: a pushed rep message marks the launcher as unread; opening clears it.
    const badge = page.locator("qualbot-chat .badge");
    expect(await badge.isVisible()).toBe(false);
    await sendToProspect(qualbot.outbound, {
      conversationId: conversation.id,
      role: "rep",
      text: "Are you free Thursday?",
    });
    await expect.poll(() => badge.isVisible(), { timeout: 10_000 }).toBe(true);
    const beforeReload = await texts(page);
    expect(beforeReload.filter((message) => message.role === "rep")).toHaveLength(2);

    // After a reload the same conversation is there, once, in order.
    await page.reload();
    await chat.launcher.click();
    expect(await badge.isVisible()).toBe(false);
    await expect.poll(async () => (await texts(page)).length, { timeout: 10_000 }).toBe(beforeReload.length);
    const afterReload = await texts(page);
    expect(afterReload.map(({ role, text }) => ({ role, text }))).toEqual(
      beforeReload.map(({ role, text }) => ({ role, text })),
    );
    const ids = afterReload.flatMap((message) => (message.id ? [Number(message.id)] : []));
    expect(ids).toEqual([...ids].sort((left, right) => left - right));
    expect(new Set(ids).size).toBe(ids.length);

    expect(problems).toEqual([]);
    await context.close();
  });

  it("is a full-screen panel on a phone and shows a short notice when rate limited", {
    timeout: 60_000,
  }, async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const sessionsCreated: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().endsWith("/api/sessions"))
        sessionsCreated.push(request.url());
    });
    await page.goto(server.url);
    const chat = widget(page);
    await chat.launcher.tap();
    await expect.poll(() => chat.panel.isVisible()).toBe(true);
    const box = (await chat.panel.boundingBox())!;
    expect(box).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    expect(await chat.launcher.isVisible()).toBe(false);
    // Two messages sent in the same instant, before any session exists, still make one conversation.
    await page.evaluate(() => {
      const root = document.querySelector("qualbot-chat")!.shadowRoot!;
      const input = root.querySelector("textarea")!;
      const form = root.querySelector("form")!;
      input.value = "Hello!";
      form.requestSubmit();
      input.value = "Do you integrate with HubSpot?";
      form.requestSubmit();
    });
    await expect.poll(() => chat.botMessages.count(), { timeout: 10_000 }).toBe(3);
    const stored = await page.evaluate(() =>
      Object.keys(localStorage).filter((name) => name.startsWith("qualbot.chat:")),
    );
    expect(stored).toHaveLength(1);
    expect(sessionsCreated).toHaveLength(1);
    const sessionId = await page.evaluate(
      (key) => JSON.parse(localStorage.getItem(key)!).sessionId as string,
      stored[0]!,
    );
    const conversation = (await qualbot.store.findConversation("web", sessionId))!;
    const prospect = (await qualbot.store.listMessages(conversation.id)).filter(
      (message) => message.role === "prospect",
    );
    expect(prospect.map((message) => message.text).sort()).toEqual([
      "Do you integrate with HubSpot?",
      "Hello!",
    ]);
    await page.screenshot({ path: path.join(RESULTS, "widget-phone.png") });

    await page.route("**/api/sessions/*/messages", (route) =>
      route.request().method() === "POST"
        ? route.fulfill({
            status: 429,
            headers: { "retry-after": "12", "content-type": "application/json" },
            body: '{"error":"too many messages"}',
          })
        : route.continue(),
    );
    await chat.input.fill("one more question");
    await chat.input.press("Enter");
    await expect.poll(() => chat.notice.isVisible()).toBe(true);
    expect(await chat.notice.textContent()).toMatch(/wait 12 s/);
    // Nothing typed is lost: the text is back in the box to send again.
    expect(await chat.input.inputValue()).toBe("one more question");
    expect(await page.locator("qualbot-chat .message.pending").count()).toBe(0);
    await page.unroute("**/api/sessions/*/messages");

    // A token the server refuses (expired, secret rotated): the widget starts a new chat by itself.
    await page.evaluate((key) => {
      const saved = JSON.parse(localStorage.getItem(key)!);
      localStorage.setItem(
        key,
        JSON.stringify({ ...saved, token: `${saved.sessionId}.1.${"A".repeat(43)}` }),
      );
    }, stored[0]!);
    await page.reload();
    await expect.poll(() => chat.panel.isVisible()).toBe(true);
    await sendAndWaitForReply(page, "Hi again, it's been a while.");
    const renewed = await page.evaluate(
      (key) => JSON.parse(localStorage.getItem(key)!).sessionId as string,
      stored[0]!,
    );
    expect(renewed).not.toBe(sessionId);
    expect(
      (await texts(page)).filter((message) => message.role === "prospect").map((message) => message.text),
    ).toEqual(["Hi again, it's been a while."]);
    await context.close();
  });

  it("works embedded on a customer's site of another origin, and is refused on a site not allowed", {
    timeout: 60_000,
  }, async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(allowedSite.url);
    const chat = widget(page);
    await chat.launcher.click();
    // Cross-origin: preflighted POST with Authorization and Idempotency-Key, then a cross-origin event stream.
    await sendAndWaitForReply(page, "Hi, we run 40 stores and need better demand forecasts.");
    const sessionId = await page.evaluate(() => {
      const key = Object.keys(localStorage).find((name) => name.startsWith("qualbot.chat:"))!;
      return JSON.parse(localStorage.getItem(key)!).sessionId as string;
    });
    const conversation = (await qualbot.store.findConversation("web", sessionId))!;
    await sendToProspect(qualbot.outbound, {
      conversationId: conversation.id,
      role: "rep",
      text: "Hello from Acme sales",
    });
    await expect.poll(() => page.locator("qualbot-chat .message.rep").count(), { timeout: 10_000 }).toBe(1);
    expect(problems).toEqual([]);

    const blocked = await context.newPage();
    await blocked.goto(otherSite.url);
    const refused = widget(blocked);
    await refused.launcher.click();
    await refused.input.fill("hello from a site that is not allowed");
    await refused.input.press("Enter");
    await expect.poll(() => refused.notice.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await refused.input.inputValue()).toBe("hello from a site that is not allowed");
    await context.close();
  });
});
