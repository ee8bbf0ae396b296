import { randomUUID } from "node:crypto";
import pg from "pg";
import type { RelayableFeed } from "../engine/conversation-feed.js";
import type { ConversationFeed, Logger } from "../engine/ports.js";

export interface FeedRelay {
  feed: ConversationFeed;
  stop(): Promise<void>;
}

const CHANNEL = "qualbot_feed";

/**
 * Several instances behind a load balancer: a visitor's event stream is open on one instance,
 * while their messages, and a rep's replies from Slack, may be stored by another. Each stored
 * message is announced with PostgreSQL NOTIFY (conversation id only: listeners read the rest
 * from the database), and every instance wakes its own watchers of that conversation.
 * Notifications are best effort; after a lost LISTEN connection every watcher is woken, and
 * event streams also look again on each heartbeat.
 */
export async function relayFeedThroughPostgres(
  local: RelayableFeed,
  options: { connectionString: string; logger: Logger; reconnectMs?: number },
): Promise<FeedRelay> {
  const instance = randomUUID();
  const reconnectMs = options.reconnectMs ?? 1000;
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  function scheduleReconnect(reason: string) {
    if (stopped || retry) return;
    options.logger.warn({ code: "FEED_RELAY_DISCONNECTED", reason }, "feed relay reconnecting");
    client = null;
    retry = setTimeout(() => {
      retry = undefined;
      void connect().catch((error: Error) => scheduleReconnect(error.message));
    }, reconnectMs);
    retry.unref();
  }

  async function connect() {
    const next = new pg.Client({ connectionString: options.connectionString });
    // A replaced connection's late "end" must not tear down its successor.
    const lost = (reason: string) => (client === null || client === next) && scheduleReconnect(reason);
    next.on("error", (error) => lost(error.message));
    next.on("end", () => lost("connection ended"));
    next.on("notification", (notification) => {
      const announced = parseAnnouncement(notification.payload);
      if (announced && announced.instance !== instance) local.wakeFromElsewhere(announced.conversationId);
    });
    await next.connect();
    await next.query(`LISTEN ${CHANNEL}`);
    if (stopped) return void (await next.end());
    client = next;
    // Whatever was announced while we were not listening: every watcher looks again.
    local.wakeAll();
  }

  await connect();
  return {
    feed: {
      publish(message) {
        local.publish(message);
        const payload = JSON.stringify({ instance, conversationId: message.conversationId });
        client
          ?.query("SELECT pg_notify($1, $2)", [CHANNEL, payload])
          .catch((error: Error) =>
            options.logger.warn({ code: "FEED_RELAY_NOTIFY_FAILED", error: error.message }, "feed relay"),
          );
      },
      subscribe: local.subscribe,
      watch: local.watch,
    },
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}

function parseAnnouncement(payload: string | undefined): { instance: string; conversationId: string } | null {
  try {
    const value = JSON.parse(payload ?? "") as { instance?: unknown; conversationId?: unknown };
    return typeof value.instance === "string" && typeof value.conversationId === "string"
      ? { instance: value.instance, conversationId: value.conversationId }
      : null;
  } catch {
    return null;
  }
}
