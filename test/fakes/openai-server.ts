import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Tiktoken } from "js-tiktoken/lite";
import o200kBase from "js-tiktoken/ranks/o200k_base";

/**
 * An OpenAI-compatible `/v1/chat/completions` on 127.0.0.1 for tests, evals and benches.
 * Every request takes the next scripted reply; a request with nothing scripted is answered with
 * HTTP 400 and recorded, and `close()` then rejects, so an extra model call cannot go unnoticed.
 *
 *   const server = await startFakeOpenAiServer();
 *   server.enqueue(fakeReply.object({ signals: [], intents: [], reply: "Hi!" }), fakeReply.rateLimited({ retryAfter: 2 }));
 *   const client = new OpenAI({ apiKey: "test", baseURL: server.baseURL });
 */

export type ScriptedReply =
  /** A completion whose content is `JSON.stringify(value)` (a structured-output answer). */
  | { kind: "object"; value: unknown; model?: string; delayMs?: number }
  /** A completion with this exact content (e.g. malformed JSON, or an empty string). */
  | {
      kind: "content";
      content: string;
      model?: string;
      delayMs?: number;
      finishReason?: "stop" | "length" | "content_filter";
    }
  /** A structured-output refusal: `content: null`, `refusal: text`. */
  | { kind: "refusal"; refusal: string; model?: string; delayMs?: number }
  /** An HTTP error with an OpenAI-style error body. */
  | { kind: "error"; status: number; message: string; headers?: Record<string, string> }
  /** Never answers: the client must time out (the connection is dropped on `close()`). */
  | { kind: "hang" }
  /** Decides the reply from the request (e.g. echo a quote from the prompt). */
  | { kind: "compute"; respond: (request: RecordedRequest) => ScriptedReply };

export const fakeReply = {
  object: (value: unknown, options: { model?: string; delayMs?: number } = {}): ScriptedReply => ({
    kind: "object",
    value,
    ...options,
  }),
  content: (
    content: string,
    options: { finishReason?: "stop" | "length" | "content_filter" } = {},
  ): ScriptedReply => ({
    kind: "content",
    content,
    ...options,
  }),
  malformed: (content = '{"signals": [{"field": "budget", "value": '): ScriptedReply => ({
    kind: "content",
    content,
  }),
  refusal: (refusal = "I'm sorry, I can't help with that."): ScriptedReply => ({ kind: "refusal", refusal }),
  /** 429; `retryAfter` in seconds (number) or as a raw header value (e.g. an HTTP date). */
  rateLimited: (options: { retryAfter?: number | string } = {}): ScriptedReply => ({
    kind: "error",
    status: 429,
    message: "Rate limit reached for requests",
    headers: options.retryAfter === undefined ? {} : { "retry-after": String(options.retryAfter) },
  }),
  serverError: (status = 500): ScriptedReply => ({
    kind: "error",
    status,
    message: "The server had an error while processing your request.",
  }),
  error: (status: number, message: string, headers: Record<string, string> = {}): ScriptedReply => ({
    kind: "error",
    status,
    message,
    headers,
  }),
  hang: (): ScriptedReply => ({ kind: "hang" }),
  compute: (respond: (request: RecordedRequest) => ScriptedReply): ScriptedReply => ({
    kind: "compute",
    respond,
  }),
};

export interface ChatCompletionBody {
  model?: string;
  messages?: { role: string; content: string | null }[];
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: unknown } };
  [key: string]: unknown;
}

export interface RecordedRequest {
  /** 0-based, in arrival order. */
  index: number;
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: ChatCompletionBody;
  /** What the fake reports as `usage.prompt_tokens`: `messageTokens + schemaTokens`. */
  promptTokens: number;
  /** Tokens of the chat messages (o200k_base, OpenAI's per-message overhead of 3 included). */
  messageTokens: number;
  /** Tokens of the serialised `response_format` (OpenAI bills the schema as prompt too). */
  schemaTokens: number;
  /** False when the request arrived with nothing scripted. */
  scripted: boolean;
}

export interface FakeOpenAiServer {
  /** `http://127.0.0.1:<port>/v1`: pass as `baseURL` to the openai SDK or ChatOpenAI's `configuration`. */
  readonly baseURL: string;
  readonly requests: readonly RecordedRequest[];
  /** Scripted replies not used yet. */
  readonly remaining: number;
  enqueue(...replies: ScriptedReply[]): FakeOpenAiServer;
  /** Throws when a request was not scripted or a scripted reply was not used. */
  verify(): void;
  /** Stops the server and drops hanging connections; rejects if any request was not scripted. */
  close(): Promise<void>;
}

let encoder: Tiktoken | undefined;

/** Tokens as OpenAI's gpt-4o family counts them (o200k_base). */
export function countTokens(text: string): number {
  encoder ??= new Tiktoken(o200kBase);
  return encoder.encode(text).length;
}

/** OpenAI's chat accounting: 3 tokens per message + role + content, and 3 to prime the reply. */
function countMessageTokens(messages: ChatCompletionBody["messages"] = []): number {
  return messages.reduce(
    (sum, message) => sum + 3 + countTokens(message.role) + countTokens(message.content ?? ""),
    3,
  );
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

export async function startFakeOpenAiServer(
  options: { replies?: ScriptedReply[]; model?: string } = {},
): Promise<FakeOpenAiServer> {
  // Loading the encoder takes ~0.5 s: done now, so it never eats into a client's timeout.
  countTokens("");
  const queue: ScriptedReply[] = [...(options.replies ?? [])];
  const requests: RecordedRequest[] = [];
  const unscripted: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let completionCount = 0;

  function complete(response: ServerResponse, recorded: RecordedRequest, reply: ScriptedReply) {
    if (reply.kind === "compute") return complete(response, recorded, reply.respond(recorded));
    if (reply.kind === "hang") return; // the client's timeout (or close()) ends it
    if (reply.kind === "error") {
      const type =
        reply.status === 429
          ? "rate_limit_exceeded"
          : reply.status >= 500
            ? "server_error"
            : "invalid_request_error";
      return sendJson(
        response,
        reply.status,
        { error: { message: reply.message, type, param: null, code: null } },
        reply.headers,
      );
    }
    const content =
      reply.kind === "object" ? JSON.stringify(reply.value) : reply.kind === "content" ? reply.content : null;
    const finishReason = reply.kind === "content" ? (reply.finishReason ?? "stop") : "stop";
    const completionTokens = countTokens(content ?? (reply.kind === "refusal" ? reply.refusal : ""));
    completionCount++;
    const body = {
      id: `chatcmpl-fake-${completionCount}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: reply.model ?? recorded.body.model ?? options.model ?? "fake-model",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content, refusal: reply.kind === "refusal" ? reply.refusal : null },
          finish_reason: finishReason,
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: recorded.promptTokens,
        completion_tokens: completionTokens,
        total_tokens: recorded.promptTokens + completionTokens,
      },
    };
    const send = () => sendJson(response, 200, body);
    if (!reply.delayMs) return send();
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, reply.delayMs);
    timers.add(timer);
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const text = await readBody(request);
    let body: ChatCompletionBody = {};
    try {
      body = text ? (JSON.parse(text) as ChatCompletionBody) : {};
    } catch {
      // Recorded as-is below; the client sent something no OpenAI server would accept.
    }
    const path = (request.url ?? "").split("?")[0]!;
    const messageTokens = countMessageTokens(body.messages);
    const schemaTokens = body.response_format ? countTokens(JSON.stringify(body.response_format)) : 0;
    const reply =
      path === "/v1/chat/completions" && request.method === "POST" && !body.stream
        ? queue.shift()
        : undefined;
    const recorded: RecordedRequest = {
      index: requests.length,
      method: request.method ?? "",
      path,
      headers: request.headers,
      body,
      messageTokens,
      schemaTokens,
      promptTokens: messageTokens + schemaTokens,
      scripted: reply !== undefined,
    };
    requests.push(recorded);
    if (!reply) {
      unscripted.push(`#${recorded.index} ${recorded.method} ${path}`);
      // 400 is not retried by clients, so one extra call is reported once, not amplified.
      return sendJson(response, 400, {
        error: {
          message: `fake-openai: unscripted request #${recorded.index} (${recorded.method} ${path})`,
          type: "invalid_request_error",
        },
      });
    }
    complete(response, recorded, reply);
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) =>
      sendJson(response, 500, { error: { message: String(error) } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeOpenAiServer = {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    get remaining() {
      return queue.length;
    },
    enqueue(...replies) {
      queue.push(...replies);
      return fake;
    },
    verify() {
      const problems: string[] = [];
      if (unscripted.length) problems.push(`unscripted requests: ${unscripted.join(", ")}`);
      if (queue.length) problems.push(`${queue.length} scripted replies not used`);
      if (problems.length) throw new Error(`fake OpenAI server: ${problems.join("; ")}`);
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      if (unscripted.length)
        throw new Error(`fake OpenAI server: unscripted requests: ${unscripted.join(", ")}`);
    },
  };
  return fake;
}
