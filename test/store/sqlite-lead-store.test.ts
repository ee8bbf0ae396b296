import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { Signal } from "../../src/core/qualification.js";
import { handleProspectMessage } from "../../src/engine/handle-prospect-message.js";
import { ConcurrentUpdateError, type LeadStore } from "../../src/engine/ports.js";
import { sqliteFilePath } from "../../src/store/database-url.js";
import { createPrismaLeadStore } from "../../src/store/prisma-lead-store.js";
import { createTestQualbot, type TestQualbot } from "../helpers/database.js";
import { openDoomedTransaction } from "../helpers/doomed-transaction.js";
import { evidenceOf, type ScriptedTurn, scriptedExtractor } from "../helpers/scripted-extractor.js";

// On SQLite the turn runs through hand-written SQL (sqlite-lead-store.ts) while everything else
// reads and writes the same tables through Prisma. These tests hold the two to one format.

const open: TestQualbot[] = [];
afterEach(async () => {
  for (const qualbot of open.splice(0)) await qualbot.cleanup();
});

const budget: Signal = {
  field: "budget",
  value: { status: "allocated", amount: 50000, currency: "USD", period: "year" },
  ...evidenceOf("$50k a year"),
};
const need: Signal = {
  field: "need",
  value: { status: "explicit", pains: ["slow lead routing"] },
  ...evidenceOf("lead routing is slow"),
};
const authority: Signal = {
  field: "authority",
  value: { status: "decision_maker" },
  ...evidenceOf("I sign off"),
};
const email: Signal = { field: "contact.email", value: "dana@acme.test", ...evidenceOf("dana@acme.test") };

const script = (): ScriptedTurn[] => [
  { signals: [need] },
  { signals: [budget, email] },
  { signals: [authority] },
];
const conversation = [
  "Our lead routing is slow",
  "We have $50k a year, I'm dana@acme.test",
  "I sign off on tools like this",
];

async function qualbotWith(store: "hand-written" | "prisma") {
  const qualbot = await createTestQualbot({
    extractor: scriptedExtractor(script()),
    clock: { now: () => new Date("2026-11-23T10:00:00Z") },
  });
  open.push(qualbot);
  qualbot.addEventSink("test", { publish: async () => {} });
  const engine =
    store === "prisma"
      ? {
          ...qualbot.engine,
          store: createPrismaLeadStore(qualbot.db, { eventTargets: () => ["test"] }),
        }
      : qualbot.engine;
  for (const [index, text] of conversation.entries())
    await handleProspectMessage(engine, {
      channel: "web",
      conversationKey: "session-1",
      channelMessageId: `m-${index}`,
      text,
    });
  return qualbot;
}

const generated = new Set(["id", "createdAt", "updatedAt", "processedAt", "nextAttemptAt", "latencyMs"]);
const references = new Set(["leadId", "conversationId", "eventId", "handoffId"]);
const timestamp = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/;

/** Every row of every table, with generated ids and times replaced by what they look like. */
function snapshot(databaseUrl: string) {
  const connection = new Database(sqliteFilePath(databaseUrl), { readonly: true });
  try {
    const tables = ["Lead", "Conversation", "Message", "Signal", "ScoreSnapshot", "Handoff", "AuditEvent"]
      .concat(["ExtractionRun", "LeadEventLog", "EventDelivery"])
      .map((table) => {
        const rows = connection.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all() as Record<
          string,
          unknown
        >[];
        const normalised = rows.map((row) =>
          Object.fromEntries(
            Object.entries(row).map(([column, value]) => {
              if (typeof value === "string" && timestamp.test(value)) return [column, "<timestamp>"];
              // Template choice is seeded by the conversation id, which differs between databases.
              if (column === "text" && row.role === "bot") return [column, "<reply>"];
              if (generated.has(column) || references.has(column))
                return [column, value === null ? null : `<${typeof value}>`];
              if (column === "lead" && typeof value === "string") {
                const record = JSON.parse(value);
                return [
                  column,
                  { ...record, id: "<id>", createdAt: "<t>", updatedAt: "<t>", handoff: "<h>" },
                ];
              }
              return [column, value];
            }),
          ),
        );
        return [table, normalised];
      });
    return Object.fromEntries(tables);
  } finally {
    connection.close();
  }
}

describe("hand-written SQLite lead store", () => {
  it("leaves exactly the rows the Prisma store leaves, in Prisma's encodings", async () => {
    const handWritten = await qualbotWith("hand-written");
    const prisma = await qualbotWith("prisma");
    const ours = snapshot(handWritten.config.databaseUrl);
    expect(ours.Lead[0].qualified).toBe(1);
    expect(ours.Handoff).toHaveLength(1);
    expect(ours.LeadEventLog.map((row: { type: string }) => row.type)).toEqual([
      "lead.qualified",
      "handoff.requested",
    ]);
    expect(ours).toEqual(snapshot(prisma.config.databaseUrl));
  });

  it("writes what Prisma reads back as the same lead record", async () => {
    const qualbot = await qualbotWith("hand-written");
    const conversationRef = await qualbot.store.findConversation("web", "session-1");
    const prismaStore = createPrismaLeadStore(qualbot.db);
    const ours = await qualbot.store.getLeadRecord(conversationRef!.leadId);
    expect(ours?.qualification.budget).toMatchObject({ amount: 50000, currency: "USD" });
    expect(await prismaStore.getLeadRecord(conversationRef!.leadId)).toEqual(ours);
    expect(await prismaStore.listMessages(conversationRef!.id)).toEqual(
      await qualbot.store.listMessages(conversationRef!.id),
    );
  });

  it("waits for an open Prisma transaction instead of writing into it or failing busy", async () => {
    const qualbot = await createTestQualbot({ extractor: scriptedExtractor([]) });
    open.push(qualbot);
    const { outcome: rolledBack } = await openDoomedTransaction(qualbot.db, "rolled-back");
    const receipt = await qualbot.store.receive({ channel: "web", conversationKey: "s", text: "hello" });
    expect(await rolledBack).toBe("abort");
    expect(await qualbot.db.inboundEvent.count()).toBe(0);
    expect(await qualbot.db.message.findUnique({ where: { id: receipt.messageId } })).toMatchObject({
      text: "hello",
    });
  });

  it("refuses a commit on a stale version and keeps none of its rows", async () => {
    const qualbot = await createTestQualbot({ extractor: scriptedExtractor([]) });
    open.push(qualbot);
    const store: LeadStore = qualbot.store;
    const receipt = await store.receive({ channel: "web", conversationKey: "s", text: "we need routing" });
    const context = await store.loadTurn(receipt.messageId, 10);
    const commit = {
      leadId: context.lead.id,
      expectedVersion: context.lead.version + 1,
      conversationId: context.conversation.id,
      messageId: receipt.messageId,
      channel: "web",
      state: context.lead.state,
      stage: "engaged" as const,
      score: {
        total: 0,
        grade: "D",
        reasons: [],
        qualified: false,
        marketingQualified: false,
        missingForHandoff: [],
        scorecardId: "x",
      },
      decisions: [{ signal: need, accepted: true, note: "" }],
      dropped: [],
      extraction: {
        extractor: "offline",
        promptTokens: 0,
        completionTokens: 0,
        costUsd: 0,
        latencyMs: 0,
        outcome: "ok" as const,
        droppedValues: 0,
      },
      dialogue: context.conversation.dialogue,
      move: { kind: "silent" as const },
      reply: "a reply",
      openHandoff: { reason: "qualified" },
      events: [{ type: "lead.qualified" as const }],
      audit: [],
      contact: {},
    };
    await expect(store.commitTurn(commit)).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect(await qualbot.db.signal.count()).toBe(0);
    expect(await qualbot.db.handoff.count()).toBe(0);
    expect(await qualbot.db.message.count()).toBe(1);
    expect((await store.loadTurn(receipt.messageId, 10)).message.processedAt).toBeNull();
    const committed = await store.commitTurn({ ...commit, expectedVersion: context.lead.version });
    expect(committed.replyMessageId).not.toBeNull();
    expect(committed.handoff).toMatchObject({ status: "pending", reason: "qualified" });
  });

  it("recognises a redelivered channel message and returns the stored one", async () => {
    const qualbot = await createTestQualbot({ extractor: scriptedExtractor([]) });
    open.push(qualbot);
    const first = await qualbot.store.receive({
      channel: "slack",
      conversationKey: "C1:1",
      channelMessageId: "ev-1",
      text: "hi",
    });
    const again = await qualbot.store.receive({
      channel: "slack",
      conversationKey: "C1:1",
      channelMessageId: "ev-1",
      text: "hi",
    });
    expect(again).toEqual({ ...first, duplicate: true });
    expect(await qualbot.db.message.count()).toBe(1);
  });
});
