import { afterEach, describe, expect, it } from "vitest";
import { type EngineDeps, handleProspectMessage } from "../../src/engine/handle-prospect-message.js";
import type { FeedMessage, JobHandler, JobQueue, Logger, StoredHandoff } from "../../src/engine/ports.js";
import {
  mirrorProspectMessage,
  type ProspectMirrorDeps,
  prospectMirrorJob,
  type Takeover,
  workOnProspectMirror,
} from "../../src/engine/rep-takeover.js";
import { silentLogger } from "../../src/logging/logger.js";
import { createTestQualbot, type TestQualbot } from "../helpers/database.js";
import { scriptedExtractor } from "../helpers/scripted-extractor.js";

type Told = { conversationId: string; messageId: number };

describe("the engine tells the rep's channel about a prospect message during a takeover", () => {
  let qualbot: TestQualbot;
  afterEach(async () => {
    await qualbot?.cleanup();
  });

  async function start(hook: (message: Told) => Promise<void>, logger: Logger = silentLogger) {
    qualbot = await createTestQualbot({ extractor: scriptedExtractor([{}, {}, {}, {}]) });
    const engine: EngineDeps = { ...qualbot.engine, logger, onRepOwnedMessage: hook };
    const send = (text: string, channelMessageId?: string) =>
      handleProspectMessage(engine, { channel: "web", conversationKey: "session-1", channelMessageId, text });
    return { send };
  }

  it("once per message, and only while a rep owns the conversation", async () => {
    const told: Told[] = [];
    const { send } = await start(async (message) => void told.push(message));
    const first = await send("Hello, who are you?");
    expect(told).toEqual([]);

    await qualbot.store.setHumanOwner(first.conversationId, "U_REP");
    const owned = await send("Are you still there?", "m-2");
    const redelivered = await send("Are you still there?", "m-2");
    expect(owned.replies).toEqual([]);
    expect(redelivered.duplicate).toBe(true);
    expect(told).toEqual([{ conversationId: first.conversationId, messageId: owned.messageId }]);
    const [stored] = await qualbot.store.listMessages(first.conversationId, {
      afterId: owned.messageId - 1,
      limit: 1,
    });
    expect(stored).toMatchObject({ role: "prospect", text: "Are you still there?" });

    await qualbot.store.setHumanOwner(first.conversationId, null);
    await send("Back to the bot");
    expect(told).toHaveLength(1);
  });

  it("before the turn commits: a turn that fails to commit still reaches the rep", async () => {
    const told: Told[] = [];
    const { send } = await start(async (message) => void told.push(message));
    const first = await send("Hello");
    await qualbot.store.setHumanOwner(first.conversationId, "U_REP");
    const store = qualbot.engine.store;
    const failing: EngineDeps = {
      ...qualbot.engine,
      onRepOwnedMessage: async (message) => void told.push(message),
      store: {
        ...store,
        commitTurn: async () => {
          throw new Error("database went away");
        },
      },
    };
    await expect(
      handleProspectMessage(failing, { channel: "web", conversationKey: "session-1", text: "Anyone?" }),
    ).rejects.toThrow(/failed/);
    const [stored] = (await store.listMessages(first.conversationId)).slice(-1);
    expect(told).toEqual([{ conversationId: first.conversationId, messageId: stored!.messageId }]);
  });

  it("keeps the prospect's turn when the hook fails, and logs why", async () => {
    const errors: object[] = [];
    const logger: Logger = { ...silentLogger, error: (data) => void errors.push(data) };
    const { send } = await start(async () => {
      throw new Error("queue unreachable");
    }, logger);
    const first = await send("Hello");
    await qualbot.store.setHumanOwner(first.conversationId, "U_REP");
    const owned = await send("Anyone?");
    expect(owned.duplicate).toBe(false);
    const messages = await qualbot.store.listMessages(first.conversationId);
    expect(messages.at(-1)).toMatchObject({ messageId: owned.messageId, role: "prospect" });
    expect(errors).toEqual([
      expect.objectContaining({
        code: "REP_NOT_TOLD",
        messageId: owned.messageId,
        error: "queue unreachable",
      }),
    ]);
  });
});

describe("the prospect mirror job", () => {
  const handoff = { id: "handoff-1", cardRef: { channel: "C", ts: "1.0" } } as StoredHandoff;
  const at = new Date("2025-01-01T00:00:00Z");
  const messages: FeedMessage[] = [
    { conversationId: "c1", messageId: 10, role: "prospect", text: "first", createdAt: at },
    { conversationId: "c1", messageId: 11, role: "rep", text: "a rep's answer", createdAt: at },
    { conversationId: "c1", messageId: 12, role: "prospect", text: "second", createdAt: at },
  ];

  function fakes(
    options: {
      owned?: boolean;
      slowFirst?: boolean;
      /** The next `n` marks fail (the database went away, or the process died, after the post). */
      failingMarks?: number;
      /** The next `n` posts fail before they reach the thread. */
      failingPosts?: number;
      failingLookup?: boolean;
    } = {},
  ) {
    const posted: string[] = [];
    const thread: number[] = [];
    const lookups: number[] = [];
    const marks = new Set<number>();
    let failingMarks = options.failingMarks ?? 0;
    let failingPosts = options.failingPosts ?? 0;
    const deps: ProspectMirrorDeps = {
      takeovers: {
        findTakeoverByConversation: async (conversationId): Promise<Takeover | null> =>
          options.owned === false ? null : { handoff, conversationId, owner: "U_REP" },
      },
      leads: {
        listMessages: async (conversationId, { afterId = 0, limit = 500 } = {}) =>
          messages
            .filter((message) => message.conversationId === conversationId && message.messageId > afterId)
            .slice(0, limit),
      },
      poster: {
        async postProspectMessage(_handoff, message) {
          if (options.slowFirst && message.messageId === 10)
            await new Promise((resolve) => setTimeout(resolve, 30));
          if (failingPosts-- > 0) throw new Error("Slack unreachable");
          posted.push(message.text);
          thread.push(message.messageId);
        },
        async findProspectMessage(_handoff, message) {
          lookups.push(message.messageId);
          if (options.failingLookup) throw new Error("missing_scope");
          return thread.includes(message.messageId);
        },
      },
      mirrored: {
        has: async (id) => marks.has(id),
        async add(id) {
          if (failingMarks-- > 0) throw new Error("database went away");
          marks.add(id);
        },
      },
      logger: silentLogger,
    };
    return { deps, posted, lookups, marks };
  }

  /** The job handler as the queue runs it: `attempt` 2 and up are retries. */
  function mirrorJob(deps: ProspectMirrorDeps) {
    const handlers = new Map<string, JobHandler>();
    workOnProspectMirror({ work: (name, handler) => void handlers.set(name, handler) } as JobQueue, deps);
    const run = handlers.get(prospectMirrorJob)!;
    return (messageId: number, attempt: number) =>
      run({ conversationId: "c1", messageId }, { id: messageId, name: prospectMirrorJob, attempt });
  }

  it("does not post again on a retry when the post landed and its mark failed", async () => {
    const { deps, posted, marks } = fakes({ failingMarks: 1 });
    const run = mirrorJob(deps);
    await expect(run(12, 1)).rejects.toThrow("database went away");
    expect(posted).toEqual(["second"]);
    await run(12, 2);
    expect(posted).toEqual(["second"]);
    // Marked now: later runs do not even look.
    expect(marks.has(12)).toBe(true);
  });

  it("posts on a retry when the earlier run's post never reached the thread", async () => {
    const { deps, posted, lookups } = fakes({ failingPosts: 1 });
    const run = mirrorJob(deps);
    await expect(run(12, 1)).rejects.toThrow("Slack unreachable");
    expect(posted).toEqual([]);
    await run(12, 2);
    expect(posted).toEqual(["second"]);
    expect(lookups).toEqual([12]);
  });

  it("looks in the thread only on a retry; a lookup that fails posts anyway, and says so", async () => {
    const first = fakes();
    await mirrorJob(first.deps)(10, 1);
    expect(first.lookups).toEqual([]);

    const warnings: object[] = [];
    const failing = fakes({ failingLookup: true });
    failing.deps.logger = { ...silentLogger, warn: (data) => void warnings.push(data) };
    await mirrorJob(failing.deps)(10, 2);
    expect(failing.posted).toEqual(["first"]);
    expect(warnings).toEqual([expect.objectContaining({ code: "MIRROR_LOOKUP_FAILED", messageId: 10 })]);
  });

  it("posts a prospect message once, however often it runs", async () => {
    const { deps, posted } = fakes();
    const input = { conversationId: "c1", messageId: 12 };
    expect(await mirrorProspectMessage(deps, input)).toBe("posted");
    expect(await mirrorProspectMessage(deps, input)).toBe("already_posted");
    expect(posted).toEqual(["second"]);
  });

  it("posts nothing for a message that is not the prospect's, or once the rep handed back", async () => {
    const { deps, posted } = fakes();
    expect(await mirrorProspectMessage(deps, { conversationId: "c1", messageId: 11 })).toBe(
      "not_a_prospect_message",
    );
    expect(await mirrorProspectMessage(deps, { conversationId: "c1", messageId: 99 })).toBe(
      "not_a_prospect_message",
    );
    const handedBack = fakes({ owned: false });
    expect(await mirrorProspectMessage(handedBack.deps, { conversationId: "c1", messageId: 10 })).toBe(
      "not_taken_over",
    );
    expect([...posted, ...handedBack.posted]).toEqual([]);
  });

  it("keeps one conversation's messages in order when this instance runs their jobs side by side", async () => {
    const { deps, posted } = fakes({ slowFirst: true });
    const handlers = new Map<string, JobHandler>();
    workOnProspectMirror({ work: (name, handler) => void handlers.set(name, handler) } as JobQueue, deps);
    const run = handlers.get(prospectMirrorJob)!;
    await Promise.all([
      run({ conversationId: "c1", messageId: 10 }, { id: 1, name: prospectMirrorJob, attempt: 1 }),
      run({ conversationId: "c1", messageId: 12 }, { id: 2, name: prospectMirrorJob, attempt: 1 }),
    ]);
    expect(posted).toEqual(["first", "second"]);
  });
});
