import { describe, expect, it } from "vitest";
import type { Seniority } from "../../../src/core/qualification.js";
import { seniorityOfWords } from "../../../src/extraction/offline/titles.js";
import { fieldValue, type ReadOptions } from "./read.js";

type Row = [text: string, seniority?: Seniority, title?: string, options?: ReadOptions];

const stated: Row[] = [
  ["I'm the Co-Founder & CEO of Lumen", "c_suite", "Co-Founder & CEO"],
  ["I'm the SVP, Global Sales at Orbit", "vp", "SVP, Global Sales"],
  ["I'm Head of RevOps at Globex", "director", "Head of RevOps"],
  ["Sr. Mgr Demand Gen @ Northwind", "manager", "Sr. Mgr Demand Gen"],
  ["I'm a Staff Software Engineer", "individual", "Staff Software Engineer"],
  ["I'm the Owner/Operator of a small bakery", "c_suite", "Owner/Operator"],
  ["I'm the CTO", "c_suite", "CTO"],
  ["I'm the Chief Revenue Officer here", "c_suite", "Chief Revenue Officer"],
  ["I'm VP Eng at Initech", "vp", "VP Eng"],
  ["I'm a team lead on the support side", "manager", "team lead"],
  ["I'm an analyst", "individual", "analyst"],
  ["im the marketing manager at a b2b saas", "manager", "marketing manager"],
  ["I work as a senior account executive", "individual", "senior account executive"],
  ["My title is Director of Partnerships", "director", "Director of Partnerships"],
  ["As the Head of Growth, I own our funnel", "director", "Head of Growth"],
  ["Chief Marketing Officer here. We need help with leads.", "c_suite", "Chief Marketing Officer"],
  ["VP of Customer Success at Halcyon, nice to meet you", "vp", "VP of Customer Success"],
  ["hey! director of operations at a logistics startup", "director", "director of operations"],
  ["Hi, Priya here, Regional Sales Manager at Acme.", "manager", "Regional Sales Manager"],
  ["This is Raj, Founder of Tidepool", "c_suite", "Founder"],
  ["I'm Dana Lee, EVP Operations at Cobalt", "vp", "EVP Operations"],
  ["Thanks!\nDarnell Hughes\nManaging Director, Hughes & Co", "c_suite", "Managing Director"],
  ["Rosa Delgado | Vice President, Marketing | Orchard & Vale", "vp", "Vice President, Marketing"],
  ["I'm one of the co-founders", "c_suite"],
  ["I'm the practice manager at a dental office", "manager", "practice manager"],
  ["I'm an independent consultant", "individual", "independent consultant"],
  ["I'm the IT manager for a credit union", "manager", "IT manager"],
  ["I'm a junior developer", "individual", "junior developer"],
  ["I'm the sales director for EMEA", "director", "sales director for EMEA"],
  ["I'm an SDR at a fintech", "individual", "SDR"],
  ["I'm the general manager of the group", "director", "general manager"],
  ["I'm the president of a small manufacturing company", "c_suite", "president"],
  ["I am the Associate Director of Admissions", "director", "Associate Director of Admissions"],
  ["Assistant to the CEO here", "individual", "Assistant"],
  ["I'm the executive assistant to our CFO", "individual", "executive assistant"],
  ["Head of Sales", "director", "Head of Sales", { asked: "authority" }],
  ["CFO", "c_suite", "CFO", { asked: "authority" }],
  [
    "marketing coordinator, I'd put together options",
    "individual",
    "marketing coordinator",
    { asked: "authority" },
  ],
];

const notTheSpeaker: Row[] = [
  ["our CEO loves dashboards"],
  ["we sell to CFOs and VPs of finance"],
  ["I report to the VP of Sales"],
  ["I'm not the CEO, just helping out"],
  ["I was the CTO at my last company"],
  ["I'm looking for a CTO for my startup"],
  ["I'm the CEO's assistant"],
  ["My boss is the VP of Marketing"],
  ["Can I speak to your head of sales?"],
  ["I'm a big fan of your product"],
  ["I'm interested in a demo"],
  ["I'm the owner of this problem, sadly"],
  ["I'm a lead from your webinar"],
  ["Manager approval takes forever here"],
  ["the director wants a report"],
  ["I'm in charge of nothing lol"],
];

describe("titles and seniority", () => {
  it.each(stated)("reads the speaker's title in %j", (text, seniority, title, options) => {
    expect(fieldValue(text, "seniority", options)).toBe(seniority);
    if (title) expect(fieldValue(text, "contact.title", options)).toBe(title);
  });
  it.each(notTheSpeaker)("reads no title of the speaker in %j", (text) => {
    expect(fieldValue(text, "seniority")).toBeUndefined();
    expect(fieldValue(text, "contact.title")).toBeUndefined();
  });
  it.each([
    [["vice", "president", "of", "sales"], "vp"],
    [["senior", "vice", "president"], "vp"],
    [["chief", "of", "staff"], "director"],
    [["product", "owner"], "individual"],
    [["lead", "engineer"], "individual"],
    [["engineering", "lead"], "manager"],
    [["founding", "engineer"], "individual"],
    [["managing", "partner"], "c_suite"],
    [["vp", "and", "founder"], "c_suite"],
  ] as const)("ranks the title words %j as %s", (words, rank) => {
    expect(seniorityOfWords(words)).toBe(rank);
  });
});
