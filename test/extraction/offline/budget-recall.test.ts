import { describe, expect, it } from "vitest";
import { type BudgetValue, emptyQualification } from "../../../src/core/qualification.js";
import { readMessage } from "../../../src/extraction/offline/index.js";
import { fieldValue, NOW } from "./read.js";

// Budget status and amount in phrasings written apart from the eval sets: the three statuses in
// many wordings, messy amounts (words, fractions, "mil", CA$, per seat per month, ranges), and
// money that is not a budget (past spend, revenue, deal sizes, signing limits, prices asked about).

const budgetOf = (text: string): BudgetValue | undefined => fieldValue(text, "budget");

const statuses: [BudgetValue["status"], string][] = [
  ["none", "we have no budget for new tools this year"],
  ["none", "money's tight, there's nothing for this right now"],
  ["none", "We can't afford anything like this at the moment"],
  ["none", "there's zero budget, sorry"],
  ["none", "our budget for software has been cut completely"],
  ["none", "no funds available for this"],
  ["none", "we're not in a position to spend anything right now"],
  ["none", "all spending is on hold"],
  ["none", "Budget's already used up for the year"],
  ["none", "we don't have money for this"],
  ["none", "we've got nothing to spend on software"],
  ["exploring", "Not sure about budget yet"],
  ["exploring", "we'd need to see pricing before talking budget"],
  ["exploring", "Budget hasn't been decided, I need to get approval first"],
  ["exploring", "we might be able to find a few thousand for it"],
  ["exploring", "we're trying to figure out what it'd cost us"],
  ["exploring", "I'd have to go to finance for it"],
  ["exploring", "we're open to investing if the numbers make sense"],
  ["exploring", "budget will depend on the quote"],
  ["exploring", "I need to put in a budget request"],
  ["exploring", "nothing is locked in budget-wise"],
  ["exploring", "I'd have to make a business case to get the money"],
  ["exploring", "no budget yet but I could probably get some approved"],
  ["allocated", "finance has already approved the spend"],
  ["allocated", "there's money set aside in the Q1 budget for it"],
  ["allocated", "We have funding from a state grant to cover this"],
  ["allocated", "we already have budget approved for a chat tool"],
  ["allocated", "We have a dedicated budget for sales tools"],
  ["allocated", "money is earmarked in this year's plan"],
  ["allocated", "the grant pays for software like this"],
  ["allocated", "budget's not a problem, it's been signed off"],
];

const amounts: [string, BudgetValue][] = [
  ["We've allocated $8,000 for this project", { status: "allocated", amount: 8000, currency: "USD" }],
  ["our budget is around 1.5 million", { status: "allocated", amount: 1_500_000 }],
  ["we have about half a million set aside", { status: "allocated", amount: 500_000 }],
  ["we have half a million for it", { status: "allocated", amount: 500_000 }],
  ["we're thinking half a mil", { status: "exploring", amount: 500_000 }],
  ["budget: twenty-five thousand dollars", { status: "allocated", amount: 25_000, currency: "USD" }],
  [
    "we've approved CA$ 9,000 per year",
    { status: "allocated", amount: 9000, currency: "CAD", period: "year" },
  ],
  [
    "about 15 euros per seat per month would work",
    { status: "exploring", amount: 15, currency: "EUR", period: "month" },
  ],
  ["we're thinking ~$3,500/mo", { status: "exploring", amount: 3500, currency: "USD", period: "month" }],
  ["budget is 250k-300k", { status: "allocated", amount: 300_000 }],
  ["we have two hundred thousand for the whole rollout", { status: "allocated", amount: 200_000 }],
  [
    "budget is around 4.5k USD a month",
    { status: "allocated", amount: 4500, currency: "USD", period: "month" },
  ],
  [
    "we've got AUD 60,000 for the first year",
    { status: "allocated", amount: 60_000, currency: "AUD", period: "year" },
  ],
  ["probably around twenty thousand, I'd have to ask the CFO", { status: "exploring", amount: 20_000 }],
  [
    "our CFO gave us the go-ahead to spend up to $50k",
    { status: "allocated", amount: 50_000, currency: "USD" },
  ],
  ["the grant covers up to 15k of software", { status: "allocated", amount: 15_000 }],
  [
    "I could probably justify $300/month",
    { status: "exploring", amount: 300, currency: "USD", period: "month" },
  ],
  ["hoping to stay below 20k a year", { status: "exploring", amount: 20_000, period: "year" }],
];

const notBudgets = [
  "our last tool cost us 20k a year",
  "we raised $5M last year",
  "Our average deal size is $40k",
  "we have 12k leads in the CRM",
  "we have 300 employees and 5 offices",
  "is there a discount if we pay annually?",
  "The CFO signs anything over $10k",
  "the competitor quoted us $900/month",
  "we pay our SDRs 60k a year",
  "I can approve up to 5k on my own",
  "I'm allowed to sign off on purchases under $20k",
  "our revenue is around 2 million",
  "what would it cost for 3 locations?",
  "hypothetically, with half a million, what would you build?",
];

describe("budget recall across phrasings", () => {
  it.each(statuses)("reads %s from %j", (status, text) => {
    expect(budgetOf(text)?.status).toBe(status);
  });
  it.each(amounts)("reads the amount of %j", (text, expected) => {
    expect(budgetOf(text)).toEqual(expected);
  });
  it.each(notBudgets)("reads no budget into %j", (text) => {
    expect(budgetOf(text)).toBeUndefined();
  });
  it("keeps a vague quantity without an amount", () => {
    expect(budgetOf("we could spend maybe a couple hundred a month")).toEqual({ status: "exploring" });
  });
});

describe("budget amount corrections", () => {
  const stated = (value: BudgetValue) => ({
    ...emptyQualification(),
    budget: {
      value,
      provenance: {
        messageId: 1,
        extractor: "offline",
        confidence: 0.9,
        evidence: ["25k a year"],
        at: NOW.toISOString(),
      },
    },
  });
  const budgetAfter = (text: string, before: BudgetValue) =>
    readMessage({ text, history: [], now: NOW, state: stated(before) }).signals.find(
      (signal) => signal.field === "budget",
    )?.value;

  it.each([
    ["sorry, 35k, I was looking at last year's number", 35_000],
    ["oops typo, $18k", 18_000],
    ["actually make that 40 grand", 40_000],
  ])("replaces the stated amount with the one in %j", (text, amount) => {
    const value = budgetAfter(text, { status: "allocated", amount: 25_000, period: "year" });
    expect(value).toMatchObject({ status: "allocated", amount });
  });
  it.each(["sorry, 35 people", "sorry, I meant the 2nd", "sorry, 35k leads a month"])(
    "reads no new amount in %j",
    (text) => {
      expect(budgetAfter(text, { status: "allocated", amount: 25_000, period: "year" })).toBeUndefined();
    },
  );
  it("corrects nothing when no amount was stated before", () => {
    const value = readMessage({
      text: "sorry, 35k",
      history: [],
      now: NOW,
      state: emptyQualification(),
    }).signals.find((signal) => signal.field === "budget")?.value;
    expect(value?.amount).not.toBe(35_000);
  });
});
