import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createConversationFeed } from "../../src/engine/conversation-feed.js";
import type { FeedMessage } from "../../src/engine/ports.js";
import { silentLogger } from "../../src/logging/logger.js";
import { type FeedRelay, relayFeedThroughPostgres } from "../../src/store/postgres-feed-relay.js";
import { postgresSkipReason, testPostgresUrl } from "../helpers/temp-database.js";

const message = (conversationId: string, messageId: number): FeedMessage => ({
  conversationId,
  messageId,
  role: "prospect",
  text: "hello",
  createdAt: new Date(),
});

async function until(probe: () => boolean, what: string) {
  const deadline = Date.now() + 5000;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.skipIf(!testPostgresUrl)(
  `conversation feed relayed through PostgreSQL${testPostgresUrl ? "" : ` — ${postgresSkipReason}`}`,
  () => {
    const relays: FeedRelay[] = [];
    afterEach(async () => {
      for (const relay of relays.splice(0)) await relay.stop();
    });
    const instance = async () => {
      const relay = await relayFeedThroughPostgres(createConversationFeed(), {
        connectionString: testPostgresUrl!,
        logger: silentLogger,
        reconnectMs: 50,
      });
      relays.push(relay);
      return relay.feed;
    };

    it("wakes watchers on the other instance, and its own watchers once", async () => {
      const [one, two] = [await instance(), await instance()];
      const conversation = `conversation-${Date.now()}`;
      const wokenOne: number[] = [];
      const wokenTwo: number[] = [];
      const contentOnTwo: FeedMessage[] = [];
      one.watch(conversation, () => wokenOne.push(Date.now()));
      two.watch(conversation, () => wokenTwo.push(Date.now()));
      two.subscribe(conversation, (stored) => contentOnTwo.push(stored));
      two.watch("another-conversation", () => wokenTwo.push(-1));

      one.publish(message(conversation, 1));
      await until(() => wokenTwo.length === 1, "the other instance's watcher");
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(wokenOne).toHaveLength(1);
      expect(wokenTwo).toHaveLength(1);
      // Only the instance that stored a message hands out its content (the rep mirror's feed).
      expect(contentOnTwo).toEqual([]);
    });

    it("wakes every watcher after its LISTEN connection was lost, and keeps relaying", async () => {
      const [one, two] = [await instance(), await instance()];
      const conversation = `conversation-${Date.now()}`;
      let woken = 0;
      two.watch(conversation, () => woken++);
      const admin = new pg.Client({ connectionString: testPostgresUrl });
      await admin.connect();
      try {
        await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
           WHERE pid <> pg_backend_pid() AND query LIKE 'LISTEN qualbot_feed%'`,
        );
      } finally {
        await admin.end();
      }
      // Reconnected (both instances): anything announced meanwhile may be missed, so look again.
      await until(() => woken >= 1, "the wake-up after reconnecting");
      const before = woken;
      await until(() => {
        one.publish(message(conversation, 2));
        return woken > before;
      }, "relaying after reconnecting");
    });
  },
);
