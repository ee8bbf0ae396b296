import { describe, expect, it } from "vitest";
import { checkEvidence } from "../../../src/core/evidence.js";
import { mergeSignals } from "../../../src/core/merge.js";
import { emptyQualification, Signal } from "../../../src/core/qualification.js";
import { createOfflineExtractor } from "../../../src/extraction/offline/index.js";
import { NOW, QUESTIONS } from "./read.js";

const extractor = createOfflineExtractor();

describe("offline extractor", () => {
  it("is named offline and reports itself as the extractor", async () => {
    const result = await extractor.extract({
      text: "hi",
      history: [],
      now: NOW,
      state: emptyQualification(),
    });
    expect(extractor.name).toBe("offline");
    expect(result.extractor).toBe("offline");
  });

  it("reads every field of a rich first message, with verbatim evidence", async () => {
    const text =
      "Hi, I'm Dana Lee, VP of Sales at Acme. We're about 250 people based in Austin. Our reps waste hours " +
      "qualifying leads, so we need to automate routing. We have $45k a year set aside, I sign off on tools " +
      "like this, and we need it live by the end of Q1. Reach me at dana@acme.io";
    const { signals, intents } = await extractor.extract({
      text,
      history: [],
      now: NOW,
      state: emptyQualification(),
    });
    const byField = Object.fromEntries(signals.map((signal) => [signal.field, signal.value]));
    expect(byField).toMatchObject({
      "contact.name": "Dana Lee",
      "contact.title": "VP of Sales",
      "contact.email": "dana@acme.io",
      seniority: "vp",
      "company.name": "Acme",
      "company.size": 250,
      "company.region": "Austin",
      budget: { status: "allocated", amount: 45000, currency: "USD", period: "year" },
      authority: { status: "decision_maker" },
      need: { status: "explicit" },
      timeline: { status: "within_6_months", targetDate: "2027-03-31" },
    });
    expect(intents).toEqual(["greeting"]);
    expect(checkEvidence(signals, [text]).dropped).toEqual([]);
    for (const signal of signals) expect(Signal.safeParse(signal).success).toBe(true);
  });

  it("reads a short reply through the question the bot just asked", async () => {
    const answer = (text: string, question: string) =>
      extractor.extract({
        text,
        history: [{ role: "bot", text: question }],
        now: NOW,
        state: emptyQualification(),
      });
    expect((await answer("about 20k", QUESTIONS.budget)).signals[0]).toMatchObject({
      field: "budget",
      value: { amount: 20000 },
    });
    expect((await answer("next month", QUESTIONS.timeline)).signals[0]).toMatchObject({ field: "timeline" });
    expect((await answer("me", QUESTIONS.authority)).signals[0]).toMatchObject({
      value: { status: "decision_maker" },
    });
    expect((await answer("about 20k", QUESTIONS.timeline)).signals).toEqual([]);
  });

  it("falls back to the planned move's slot when the bot's wording is unknown", async () => {
    const result = await extractor.extract({
      text: "roughly 30k",
      history: [{ role: "bot", text: "Would you mind sharing?" }],
      now: NOW,
      state: emptyQualification(),
      plannedMove: { kind: "ask", slot: "budget", greet: false, deferQuestion: false, afterDecline: false },
    });
    expect(result.signals[0]).toMatchObject({ field: "budget", value: { amount: 30000 } });
  });

  it("is deterministic", async () => {
    const input = {
      text: "we need this by March, budget ~$40k",
      history: [],
      now: NOW,
      state: emptyQualification(),
    };
    expect(await extractor.extract(input)).toEqual(await extractor.extract(input));
  });

  it("lets an explicit authority statement override one inferred from the title when merged", async () => {
    const source = { messageId: 1, extractor: "offline", at: NOW.toISOString() };
    let state = emptyQualification();
    for (const text of ["I'm the CTO at Ridgeway", "I don't own the purchase, our CFO signs off"]) {
      const { signals } = await extractor.extract({ text, history: [], now: NOW, state });
      state = mergeSignals(state, signals, source).state;
    }
    expect(state.authority?.value.status).toBe("influencer");
  });

  it("never takes evidence from the bot's lines", async () => {
    const result = await extractor.extract({
      text: "yes",
      history: [{ role: "bot", text: "So you have $50k approved for this, by March?" }],
      now: NOW,
      state: emptyQualification(),
    });
    for (const signal of result.signals) for (const quote of signal.evidence) expect("yes").toContain(quote);
  });
});
