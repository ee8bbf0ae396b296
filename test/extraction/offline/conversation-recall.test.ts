import { describe, expect, it } from "vitest";
import { fieldValue, read } from "./read.js";

// Answers inside a conversation (bot question → prospect reply) that the extractor used to miss,
// each class with look-alikes that must stay silent. Phrasings are written apart from dev-7.

describe("authority in replies to 'who decides?'", () => {
  const whoDecides = "Who makes the final call on a purchase like this?";
  it.each([
    ["decision_maker", "I'm the owner, so yeah, that's me"],
    ["decision_maker", "I'm the president so I do"],
    ["decision_maker", "I do, together with our COO"],
    ["decision_maker", "my co-owner and I"],
    ["decision_maker", "the final decision is mine, though I loop in finance on big ones"],
    ["influencer", "my manager, I just pull the options together"],
  ] as const)("reads %s from %j", (status, text) => {
    expect(fieldValue(text, "authority", { botSaid: whoDecides })?.status).toBe(status);
  });

  it("reads 'I'm the owner' given as a role as the owner, not someone else", () => {
    expect(fieldValue("I'm the owner", "authority", { botSaid: "What's your role there?" })?.status).not.toBe(
      "influencer",
    );
  });

  it("counts the vendor choice after approved spend as the decision", () => {
    const text = "the money is approved, I only need to choose the vendor";
    expect(fieldValue(text, "authority")?.status).toBe("decision_maker");
  });

  it("reads research for the decider as influencing", () => {
    expect(fieldValue("I'm putting together options for our COO", "authority")?.status).toBe("influencer");
  });

  it.each([
    "my former manager used to sign off on everything himself",
    "I used to approve all the software at my last place",
    "the office manager, I'm not sure who else",
  ])("reads no authority of the speaker from %j", (text) => {
    expect(fieldValue(text, "authority", { botSaid: whoDecides })).toBeUndefined();
  });
});

describe("budget said in passing", () => {
  it.each([
    ["allocated", "purchasing has already signed off on the spend"],
    ["allocated", "the investment has been approved"],
    ["allocated", "we've got the money, no worries there"],
    ["exploring", "no budget set yet, but we're comparing quotes"],
  ] as const)("reads %s from %j", (status, text) => {
    expect(fieldValue(text, "budget")?.status).toBe(status);
  });

  it("reads 'practically nothing' to the budget question as none", () => {
    const value = fieldValue("honestly practically nothing at the moment", "budget", { asked: "budget" });
    expect(value?.status).toBe("none");
  });

  it.each([
    "we have the money to hire two more reps next year",
    "we signed off on the budget for the team offsite, fun times",
    "we're a DTC brand doing about $6M a year",
  ])("reads no budget from %j", (text) => {
    expect(fieldValue(text, "budget")).toBeUndefined();
  });
});

describe("needs said by pointing back or saying yes", () => {
  it("reads a wish about the pain just named", () => {
    const text = "our demo no-show rate is around 40%. we need to fix that";
    expect(fieldValue(text, "need")?.status).toBe("explicit");
  });

  it("reads a yes to the bot offering lead work", () => {
    const value = fieldValue("yes please, that's the big one", "need", {
      botSaid: "Would you like the bot to screen out leads outside your service area?",
    });
    expect(value?.status).toBe("explicit");
  });

  it.each([
    ["Do you want me to book a call with sales?", "yes"],
    ["Would a bot that books meetings help?", "yeah maybe"],
    ["Would you like to see a demo?", "sure"],
  ])("reads no need from a yes to %j", (botSaid, text) => {
    expect(fieldValue(text, "need", { botSaid })).toBeUndefined();
  });

  it("reads no need from 'fix that' after a private complaint", () => {
    expect(fieldValue("my kid's school run is chaos. we want to fix that", "need")).toBeUndefined();
  });
});

describe("timeline restated more precisely", () => {
  it("takes the restated date over the event date", () => {
    const text = "the conference is in April but we want it live well before, say early February";
    expect(fieldValue(text, "timeline")?.status).toBe("within_3_months");
  });

  it("takes the restated window over the season", () => {
    const text = "before the holidays really kick in, so in the next two weeks";
    expect(fieldValue(text, "timeline")?.status).toBe("within_1_month");
  });
});

describe("disqualifiers in fresh phrasings", () => {
  const disqualifiersOf = (text: string) =>
    read(text)
      .signals.filter((signal) => signal.field === "disqualifier")
      .map((signal) => signal.value);

  it.each([
    ["vendor", "we're a nearshore dev studio and can build your integrations for a fraction of the cost"],
    ["vendor", "we run a contact-data API, would your team be interested in onboarding us as a supplier?"],
    ["support_request", "we're already clients and the webhook to our CRM stopped firing this morning"],
    ["competitor", "I lead growth at a startup building a similar AI SDR product, how do you price?"],
  ])("reads %s from %j", (value, text) => {
    expect(disqualifiersOf(text)).toContain(value);
  });

  it.each([
    "can you build your bot into our wordpress site?",
    "we want something at half the cost of our current chat tool",
    "we're a vendor management company looking for a lead qualification bot",
  ])("reads no disqualifier from %j", (text) => {
    expect(disqualifiersOf(text)).toEqual([]);
  });
});
