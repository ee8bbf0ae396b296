import { describe, expect, it } from "vitest";
import { fieldValue, type ReadOptions } from "./read.js";

type Row = [text: string, expected?: string | number, options?: ReadOptions];

const names: Row[] = [
  ["this is Raj from Acme", "Acme"],
  ["I'm Head of RevOps at Globex Corp", "Globex Corp"],
  ["I work for Initech", "Initech"],
  ["Priya here, head of growth at Lumen Labs", "Lumen Labs"],
  ["our company is called Brightwater Pools", "Brightwater Pools"],
  ["I'm with Johnson & Johnson", "Johnson & Johnson"],
  ["Acme Logistics, about 50 people", "Acme Logistics", { asked: "company" }],
  ["I used to work at Google"],
  ["we switched from HubSpot last year"],
  ["I'm from London"],
  ["I'm at home today"],
];

const sizes: Row[] = [
  ["we're about 250 people", 250],
  ["a 40-person team", 40],
  ["10k employees worldwide", 10000],
  ["we have 80 staff across 3 offices", 80],
  ["company of roughly 1,200 employees", 1200],
  ["our headcount is 35", 35],
  ["We're a 120-person B2B SaaS company", 120],
  ["two hundred people", 200, { asked: "company" }],
  ["Acme, 60", 60, { asked: "company" }],
  ["we have 50k leads in the CRM"],
  ["we have 200 customers"],
  ["our sales team of 12 is swamped"],
  ["we're hiring 10 people this quarter"],
  ["we get 400 demo requests a month"],
];

const industries: Row[] = [
  ["We're a B2B SaaS company", "SaaS"],
  ["we're a fintech startup in Berlin", "Fintech"],
  ["We're an e-commerce brand selling candles", "E-commerce"],
  ["we're a small accounting practice", "Accounting"],
  ["I work at a logistics company", "Logistics"],
  ["we sell to healthcare companies"],
  ["we're looking for marketing automation"],
];

const regions: Row[] = [
  ["we're based in Berlin", "Berlin"],
  ["Our HQ is in Toronto", "Toronto"],
  ["we're a US-based team", "US"],
  ["we operate across EMEA", "EMEA"],
  ["headquartered in the United Kingdom", "United Kingdom"],
  ["I'm on vacation in Spain"],
  ["our customers are in Japan"],
];

describe("company", () => {
  it.each(names)("reads the company name in %j", (text, expected, options) => {
    expect(fieldValue(text, "company.name", options)).toBe(expected);
  });
  it.each(sizes)("reads the company size in %j", (text, expected, options) => {
    expect(fieldValue(text, "company.size", options)).toBe(expected);
  });
  it.each(industries)("reads the industry in %j", (text, expected, options) => {
    expect(fieldValue(text, "company.industry", options)).toBe(expected);
  });
  it.each(regions)("reads the region in %j", (text, expected, options) => {
    expect(fieldValue(text, "company.region", options)).toBe(expected);
  });
});
