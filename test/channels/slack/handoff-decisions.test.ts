import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaHandoffStore } from "../../../src/channels/slack/prisma-handoff-store.js";
import { handleProspectMessage } from "../../../src/engine/handle-prospect-message.js";
import {
  type Actor,
  correctQualification,
  decideHandoff,
  type HandoffDecisionDeps,
  type HandoffStore,
} from "../../../src/engine/handoff-decisions.js";
import type { LeadEventType, NewLeadEvent } from "../../../src/engine/ports.js";
import { createTestQualbot, describeEachDatabase, type TestQualbot } from "../../helpers/database.js";
import { bantRules, fakeClock, keywordExtractor, qualifyingMessages } from "./harness.js";

// The decision use case on a real database (SQLite and PostgreSQL), with no Slack at all.

let qualbot: TestQualbot;
let published: (NewLeadEvent & { leadId: string })[];
const allowed = new Set(["U_REP1", "U_REP2"]);
const clock = fakeClock();

function depsWith(handoffs: HandoffStore = createPrismaHandoffStore(qualbot.db)): HandoffDecisionDeps {
  return {
    handoffs,
    leads: qualbot.store,
    reps: {
      canDecide: async (actor: Actor) => allowed.has(actor.id) && (actor.teamId ?? "T_HOME") === "T_HOME",
    },
    events: {
      async publish(event) {
        published.push({
          type: event.type,
          handoffId: event.handoffId,
          reason: event.reason,
          leadId: event.lead.id,
        });
      },
    },
    outbound: qualbot.outbound,
    clock,
    logger: qualbot.logger,
  };
}

let conversationCount = 0;
async function qualifiedHandoff(): Promise<{ handoffId: string; leadId: string; conversationId: string }> {
  const conversationKey = `web-${++conversationCount}`;
  for (const text of qualifyingMessages)
    await handleProspectMessage(qualbot.engine, { channel: "web", conversationKey, text });
  const conversation = await qualbot.store.findConversation("web", conversationKey);
  const handoff = await qualbot.db.handoff.findFirstOrThrow({ where: { leadId: conversation!.leadId } });
  return { handoffId: handoff.id, leadId: handoff.leadId, conversationId: conversation!.id };
}

const rep1 = { id: "U_REP1", name: "Riley Rep" };
const rep2 = { id: "U_REP2", name: "Sam Second" };

describeEachDatabase("handoff decisions", (kind) => {
  beforeAll(async () => {
    qualbot = await createTestQualbot({ extractor: keywordExtractor(bantRules), clock, database: kind });
    published = [];
  });

  afterAll(async () => {
    await qualbot?.cleanup();
  });

  describe("decideHandoff", () => {
    it("approves: handoff, stage, audit, owner, lead event and a notice in the prospect's conversation", async () => {
      const { handoffId, leadId, conversationId } = await qualifiedHandoff();
      const result = await decideHandoff(depsWith(), {
        kind: "approve",
        handoffId,
        expectedVersion: 0,
        actor: rep1,
      });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value.handoff).toMatchObject({
        status: "approved",
        version: 1,
        decidedBy: "U_REP1",
        assignee: "U_REP1",
      });
      expect(result.value.owner).toBe("U_REP1");
      expect(result.value.lead.stage).toBe("handed_off");
      expect(result.value.prospectNotified).toBe(true);
      expect((await qualbot.store.getConversation(conversationId))?.humanOwner).toBe("U_REP1");
      const audit = await qualbot.db.auditEvent.findMany({
        where: { leadId, type: { in: ["handoff.approved", "stage.changed"] }, actor: "U_REP1" },
      });
      expect(audit.map((entry) => entry.type).sort()).toEqual(["handoff.approved", "stage.changed"]);
      expect(published.filter((event) => event.handoffId === handoffId).map((event) => event.type)).toEqual([
        "handoff.approved",
      ]);
      const messages = await qualbot.store.listMessages(conversationId);
      expect(messages.at(-1)).toMatchObject({
        role: "system",
        text: expect.stringContaining("Riley Rep is taking over"),
      });
    });

    it("refuses reps who may not decide and users of another team", async () => {
      const { handoffId } = await qualifiedHandoff();
      for (const actor of [{ id: "U_OUTSIDER" }, { id: "U_REP1", teamId: "T_ACME" }]) {
        const result = await decideHandoff(depsWith(), { kind: "approve", handoffId, actor });
        expect(result).toEqual({ ok: false, error: { code: "not_allowed" } });
      }
      expect((await qualbot.db.handoff.findUniqueOrThrow({ where: { id: handoffId } })).status).toBe(
        "pending",
      );
    });

    it("two decisions racing on the same version: exactly one wins, the other learns who decided", async () => {
      const { handoffId, leadId } = await qualifiedHandoff();
      const store = createPrismaHandoffStore(qualbot.db);
      // Both reads happen before either write: the compare-and-set alone must decide.
      let reads = 0;
      let release!: () => void;
      const bothRead = new Promise<void>((resolve) => {
        release = resolve;
      });
      const racing: HandoffStore = {
        ...store,
        async getHandoff(id) {
          const handoff = await store.getHandoff(id);
          if (++reads === 2) release();
          if (reads <= 2) await bothRead;
          return handoff;
        },
      };
      const [first, second] = await Promise.all([
        decideHandoff(depsWith(racing), { kind: "approve", handoffId, expectedVersion: 0, actor: rep1 }),
        decideHandoff(depsWith(racing), {
          kind: "reject",
          handoffId,
          expectedVersion: 0,
          actor: rep2,
          reason: "not a fit",
        }),
      ]);
      const outcomes = [first, second];
      expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
      const loser = outcomes.find((outcome) => !outcome.ok)!;
      const stored = await qualbot.db.handoff.findUniqueOrThrow({ where: { id: handoffId } });
      expect(stored.version).toBe(1);
      expect(loser).toEqual({
        ok: false,
        error: {
          code: "already_decided",
          status: stored.status,
          decidedBy: stored.decidedBy,
          decidedAt: stored.decidedAt!.toISOString(),
          assignee: stored.assignee,
        },
      });
      const decisions = await qualbot.db.auditEvent.count({
        where: { leadId, type: { in: ["handoff.approved", "handoff.rejected"] } },
      });
      expect(decisions).toBe(1);
      expect(published.filter((event) => event.handoffId === handoffId)).toHaveLength(1);
    });

    it("a click on a stale card (older version) changes nothing", async () => {
      const { handoffId } = await qualifiedHandoff();
      const reassigned = await decideHandoff(depsWith(), {
        kind: "reassign",
        handoffId,
        expectedVersion: 0,
        actor: rep1,
        to: rep2,
      });
      expect(reassigned.ok).toBe(true);
      const stale = await decideHandoff(depsWith(), {
        kind: "approve",
        handoffId,
        expectedVersion: 0,
        actor: rep1,
      });
      expect(stale).toMatchObject({
        ok: false,
        error: { code: "already_decided", status: "reassigned", assignee: "U_REP2" },
      });
      const current = await decideHandoff(depsWith(), {
        kind: "approve",
        handoffId,
        expectedVersion: 1,
        actor: rep2,
      });
      expect(current).toMatchObject({
        ok: true,
        value: { owner: "U_REP2", handoff: { status: "approved", version: 2 } },
      });
    });

    it("rejects only with a reason, moves the lead to nurture, and keeps the reason from the prospect", async () => {
      const { handoffId, conversationId } = await qualifiedHandoff();
      expect(
        await decideHandoff(depsWith(), { kind: "reject", handoffId, actor: rep1, reason: "  " }),
      ).toEqual({
        ok: false,
        error: { code: "reason_required" },
      });
      const result = await decideHandoff(depsWith(), {
        kind: "reject",
        handoffId,
        actor: rep1,
        reason: "competitor's customer",
      });
      expect(result).toMatchObject({
        ok: true,
        value: { lead: { stage: "nurture" }, owner: null, handoff: { reason: "competitor's customer" } },
      });
      expect(published.find((event) => event.handoffId === handoffId)).toMatchObject({
        type: "handoff.rejected" satisfies LeadEventType,
        reason: "competitor's customer",
      });
      const last = (await qualbot.store.listMessages(conversationId)).at(-1)!;
      expect(last.role).toBe("system");
      expect(last.text).not.toContain("competitor");
      expect((await qualbot.store.getConversation(conversationId))?.humanOwner).toBeNull();
    });

    it("reassigns only to someone who may decide, and restarts the approval SLA", async () => {
      const { handoffId } = await qualifiedHandoff();
      await qualbot.db.handoff.update({
        where: { id: handoffId },
        data: { remindedAt: new Date(), escalatedAt: new Date() },
      });
      expect(
        await decideHandoff(depsWith(), {
          kind: "reassign",
          handoffId,
          actor: rep1,
          to: { id: "U_OUTSIDER" },
        }),
      ).toEqual({
        ok: false,
        error: { code: "invalid_assignee" },
      });
      await decideHandoff(depsWith(), { kind: "reassign", handoffId, actor: rep1, to: rep2 });
      const stored = await qualbot.db.handoff.findUniqueOrThrow({ where: { id: handoffId } });
      expect(stored).toMatchObject({
        status: "reassigned",
        assignee: "U_REP2",
        remindedAt: null,
        escalatedAt: null,
      });
      expect((await qualbot.store.getLeadRecord(stored.leadId))?.stage).toBe("pending_handoff");
    });

    it("answers not_found for an unknown handoff", async () => {
      expect(await decideHandoff(depsWith(), { kind: "approve", handoffId: "nope", actor: rep1 })).toEqual({
        ok: false,
        error: { code: "not_found" },
      });
    });
  });

  describe("correctQualification", () => {
    it("records the corrected values with what changed and whether they qualify by the default rule", async () => {
      const { handoffId, leadId } = await qualifiedHandoff();
      const result = await correctQualification(depsWith(), {
        handoffId,
        actor: rep1,
        values: {
          budget: { status: "none" },
          authority: { status: "user" },
          seniority: "individual",
          need: { status: "explicit" },
          timeline: { status: "over_12_months" },
          disqualifiers: ["student"],
        },
      });
      expect(result).toMatchObject({
        ok: true,
        value: {
          changed: ["budget", "authority", "seniority", "timeline", "disqualifiers", "qualified"],
          after: { qualified: false },
        },
      });
      const stored = await createPrismaHandoffStore(qualbot.db).latestCorrection(leadId);
      expect(stored).toMatchObject({
        by: "U_REP1",
        handoffId,
        after: { budget: { status: "none" }, disqualifiers: ["student"] },
      });
      // The evidence-backed state is not overwritten by a correction.
      expect((await qualbot.store.getLeadRecord(leadId))?.qualification.budget.status).toBe("allocated");
    });

    it("refuses outsiders", async () => {
      const { handoffId } = await qualifiedHandoff();
      const result = await correctQualification(depsWith(), {
        handoffId,
        actor: { id: "U_OUTSIDER" },
        values: {
          budget: { status: "unknown" },
          authority: { status: "unknown" },
          seniority: "unknown",
          need: { status: "unknown" },
          timeline: { status: "unknown" },
          disqualifiers: [],
        },
      });
      expect(result).toEqual({ ok: false, error: { code: "not_allowed" } });
    });
  });
});
