// The floor for the web benchmark: the same routes and wire format as qualbot's web API on bare
// node:http, with nothing stored, extracted or checked (messages live in a Map). Whatever the load
// generator measures against this is the cost of HTTP, JSON and event-stream writes on this machine,
// so qualbot's number can be read as a ratio of it.
import { randomUUID } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

interface Chat {
  messages: { id: number; text: string }[];
  keys: Map<string, number>;
  streams: Set<ServerResponse>;
}

const MESSAGE_ROUTE = /^\/api\/sessions\/([^/]+)\/(messages|events)$/;

export async function startReferenceServer(): Promise<{ url: string; close(): Promise<void> }> {
  const chats = new Map<string, Chat>();
  let nextId = 1;
  const push = (chat: Chat, id: number, role: string, text: string) => {
    for (const stream of chat.streams)
      stream.write(`id: ${id}\nevent: message\ndata: ${JSON.stringify({ id, role, text })}\n\n`);
  };
  const server = createServer((request, response) => {
    const json = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      response.writeHead(status, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(text),
      });
      response.end(text);
    };
    if (request.method === "POST" && request.url === "/api/sessions") {
      const sessionId = randomUUID();
      chats.set(sessionId, { messages: [], keys: new Map(), streams: new Set() });
      return json(201, { sessionId, token: sessionId });
    }
    const route = MESSAGE_ROUTE.exec(request.url ?? "");
    const chat = route ? chats.get(route[1]!) : undefined;
    if (!route || !chat) return json(404, { error: "not found" });
    if (route[2] === "events") {
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store" });
      response.flushHeaders();
      chat.streams.add(response);
      response.on("close", () => chat.streams.delete(response));
      return;
    }
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      const { text } = JSON.parse(body) as { text: string };
      const key = String(request.headers["idempotency-key"]);
      const known = chat.keys.get(key);
      if (known !== undefined) return json(200, { messages: [], messageId: known, duplicate: true });
      const messageId = nextId++;
      const replyId = nextId++;
      chat.keys.set(key, messageId);
      chat.messages.push({ id: messageId, text }, { id: replyId, text: "Thanks! When do you need it?" });
      push(chat, messageId, "prospect", text);
      push(chat, replyId, "bot", "Thanks! When do you need it?");
      json(200, {
        messages: [{ id: replyId, text: "Thanks! When do you need it?" }],
        messageId,
        duplicate: false,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
