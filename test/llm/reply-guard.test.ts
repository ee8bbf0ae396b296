import { describe, expect, it } from "vitest";
import { checkDraftReply } from "../../src/llm/reply-guard.js";

describe("checkDraftReply", () => {
  it.each([
    "Thanks! When are you hoping to have something in place?",
    "Got it. Who else would be involved in choosing a tool like this?",
    "Pricing depends on your needs, so our sales team will share exact numbers. How big is your team?",
    "Of course, I've asked someone from our team to get back to you soon.",
    "Which month would you like to start?",
    "You may want to loop in your manager. What's your role?",
  ])("lets through %j", (text) => {
    expect(checkDraftReply(text)).toEqual({ ok: true, text });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["x".repeat(701), "too_long"],
    ["Our plans start at $49 per seat.", "price_or_discount"],
    ["It's about 500 USD a month.", "price_or_discount"],
    ["We can do 20% off if you sign today.", "price_or_discount"],
    ["I can offer you a discount.", "price_or_discount"],
    ["Start with a free trial!", "price_or_discount"],
    ["Someone will call you tomorrow.", "date_promise"],
    ["Our team will reach out by Friday.", "date_promise"],
    ["Expect a reply within 24 hours.", "date_promise"],
    ["We can onboard you on March 3rd.", "date_promise"],
    ["A rep will call at 3pm.", "date_promise"],
  ])("rejects %j (%s)", (text, reason) => {
    expect(checkDraftReply(text)).toEqual({ ok: false, reason });
  });
});
