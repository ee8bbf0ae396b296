import type { ConversationFeed, LeadStore, Logger } from "../../engine/ports.js";
import { toMessageView } from "./message-view.js";
import type { SessionSignals } from "./session-signals.js";

export interface EventStreamDeps {
  store: LeadStore;
  feed: ConversationFeed;
  signals: SessionSignals;
  logger: Logger;
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatMs: number;
}

export interface EventStreamRequest {
  sessionId: string;
  /** Last message id the client has (Last-Event-ID); everything after it is sent. */
  afterId: number;
  /** The stream ends by itself then (token expiry, periodic rebalancing); the browser reconnects. */
  closeAfterMs: number;
  onClose(): void;
}

const PAGE_SIZE = 200;
/** Chunks queued for a client that does not read: past this it is dropped and catches up on reconnect. */
const MAX_QUEUED_CHUNKS = 512;
const RECONNECT_DELAY_MS = 3000;

/**
 * Server-sent events for one web session. The feed is only a wake-up call: every wake-up reads
 * the store after the last id sent, so ids go out in order, each once, and a missed or
 * out-of-order notification loses nothing.
 */
export function openEventStream(
  deps: EventStreamDeps,
  request: EventStreamRequest,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor = request.afterId;
  let conversationId: string | null = null;
  let closed = false;
  let running = false;
  let again = false;
  let scheduled = false;
  const cleanups: (() => void)[] = [];
  let controller!: ReadableStreamDefaultController<Uint8Array>;

  function close() {
    if (closed) return;
    closed = true;
    for (const cleanup of cleanups.splice(0)) cleanup();
    try {
      controller.close();
    } catch {
      // Already cancelled by the client.
    }
    request.onClose();
  }

  function write(text: string) {
    if (closed) return;
    if ((controller.desiredSize ?? 0) < -MAX_QUEUED_CHUNKS) {
      deps.logger.warn(
        { code: "SSE_SLOW_CLIENT", sessionId: request.sessionId },
        "event stream dropped: client not reading",
      );
      close();
      return;
    }
    controller.enqueue(encoder.encode(text));
  }

  // A turn publishes its message and its reply back to back: one read of the store serves both.
  function wake() {
    if (scheduled || closed) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      void catchUp();
    });
  }

  async function catchUp() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        if (!conversationId) {
          const conversation = await deps.store.findConversation("web", request.sessionId);
          if (!conversation || closed) break;
          conversationId = conversation.id;
          // Subscribed before reading, so a message stored during the read wakes us again.
          cleanups.push(deps.feed.watch(conversationId, wake));
        }
        for (;;) {
          const page = await deps.store.listMessages(conversationId, { afterId: cursor, limit: PAGE_SIZE });
          for (const message of page) {
            if (closed) return;
            write(`id: ${message.messageId}\ndata: ${JSON.stringify(toMessageView(message))}\n\n`);
            cursor = message.messageId;
          }
          if (page.length < PAGE_SIZE) break;
        }
      } while (again && !closed);
    } catch (error) {
      deps.logger.error(
        { code: "SSE_CATCH_UP_FAILED", sessionId: request.sessionId, error: (error as Error).message },
        "event stream failed",
      );
      close();
    } finally {
      running = false;
    }
  }

  return new ReadableStream<Uint8Array>(
    {
      start(streamController) {
        controller = streamController;
        write(`retry: ${RECONNECT_DELAY_MS}\n: connected\n\n`);
        // Only needed until the conversation exists; after that the feed wakes us.
        cleanups.push(
          deps.signals.subscribe(request.sessionId, () => {
            if (!conversationId) wake();
          }),
        );
        const heartbeat = setInterval(() => {
          write(": heartbeat\n\n");
          // Messages stored by another instance arrive through the feed relay; if a
          // notification was lost, this bounds how late they show.
          void catchUp();
        }, deps.heartbeatMs);
        const deadline = setTimeout(close, request.closeAfterMs);
        // Open streams must not keep a shutting-down process alive.
        heartbeat.unref();
        deadline.unref();
        cleanups.push(
          () => clearInterval(heartbeat),
          () => clearTimeout(deadline),
        );
        void catchUp();
      },
      cancel() {
        close();
      },
    },
    { highWaterMark: 16 },
  );
}
