import { describe, expect, it } from "vitest";
import type { AuthorityStatus } from "../../../src/core/qualification.js";
import { fieldValue } from "./read.js";

// The prospect's role in this purchase in phrasings written apart from the eval sets, plus
// decisions, approvals and bosses that say nothing about it.

const authorityOf = (text: string): AuthorityStatus | undefined => fieldValue(text, "authority")?.status;

const cases: [AuthorityStatus, string][] = [
  ["decision_maker", "I have final say on this"],
  ["decision_maker", "I'm the one approving the purchase"],
  ["decision_maker", "I own the sales tooling budget"],
  ["decision_maker", "This decision sits with me"],
  ["decision_maker", "I'm the decision maker here"],
  ["decision_maker", "I make the final call on software for our team"],
  ["decision_maker", "it's my decision ultimately"],
  ["decision_maker", "I approve all marketing tech spend"],
  ["decision_maker", "me and my business partner will decide"],
  ["decision_maker", "my co-founder and I will make the call together"],
  ["decision_maker", "I'll decide after the demo"],
  ["decision_maker", "the buck stops with me"],
  ["decision_maker", "it would come out of my budget"],
  ["decision_maker", "I'm the final approver for tools like this"],
  ["influencer", "I'll need to get my manager's approval"],
  ["influencer", "my director has the final say, I'm doing the research"],
  ["influencer", "I'm collecting quotes for our purchasing team"],
  ["influencer", "I'll present the options to leadership next week"],
  ["influencer", "The decision will be made by our CTO, I just evaluate"],
  ["influencer", "I'm helping our CEO pick a tool"],
  ["influencer", "I'm on the committee that's choosing a vendor"],
  ["influencer", "I have to convince our finance director"],
  ["influencer", "I'll be making a recommendation to the partners"],
  ["influencer", "Our owner will make the decision, I'm just shortlisting"],
  ["influencer", "Any purchase needs approval from head office"],
  ["influencer", "I can't sign off myself, it has to go to the board"],
  ["influencer", "my role is to research options and recommend one"],
  ["influencer", "I'd have to pitch it to my boss"],
  ["influencer", "it's the CFO's call in the end"],
  ["influencer", "our head of ops asked me to look into this"],
  ["influencer", "I'm part of the selection committee"],
  ["user", "I'd just be using it, someone else buys the software"],
  ["user", "I don't get a say in what we buy"],
  ["user", "I have nothing to do with purchasing"],
  ["user", "management chooses the software, I just use it"],
  ["user", "I'm not involved in buying decisions at all"],
  ["user", "purchasing decisions are way above my head"],
  ["user", "tools get chosen for us by IT"],
  ["user", "we just get told what to use"],
];

const unknown = [
  "our CEO decided to expand to Europe",
  "who approves discounts on your side?",
  "I decided to reach out after reading your blog",
  "My manager is on vacation this week",
  "the board meets next Tuesday",
  "Can I speak to the person who makes decisions at your company?",
  "I approve of the friendly tone",
  "we decided to grow the sales team",
];

describe("authority recall across phrasings", () => {
  it.each(cases)("reads %s from %j", (status, text) => {
    expect(authorityOf(text)).toBe(status);
  });
  it.each(unknown)("reads no authority into %j", (text) => {
    expect(authorityOf(text)).toBeUndefined();
  });
});
