import { describe, expect, it } from "vitest";
import { fieldValue, type ReadOptions } from "./read.js";

const names: [text: string, name?: string, options?: ReadOptions][] = [
  ["I'm Dana Lee, VP of Sales at Acme", "Dana Lee"],
  ["this is Raj from Acme", "Raj"],
  ["Hi! Priya Natarajan here, head of growth", "Priya Natarajan"],
  ["my name is jordan smith", "Jordan Smith"],
  ["Hello, my name's Olu and I run a bakery", "Olu"],
  ["hey, it's Sam from Brightwater", "Sam"],
  ["We need help with routing.\nThanks,\nMaria Gonzalez", "Maria Gonzalez"],
  ["I'm Kenji, CTO at Foxglove", "Kenji"],
  ["This is Raj, Founder of Tidepool", "Raj"],
  ["I'm Interested in a demo"],
  ["I'm Looking for pricing"],
  ["I'm VP Eng at Initech"],
  ["this is Acme's chatbot evaluation"],
  ["I'm happy to chat next week"],
  ["I'm from London"],
  ["This is great, thanks"],
];

const emails: [text: string, email?: string][] = [
  ["email me at dana@acme.io", "dana@acme.io"],
  ["Dana.Lee+sales@Acme.co.uk is best", "dana.lee+sales@acme.co.uk"],
  ["you can reach me on jordan.ellis@arrowpeak.example", "jordan.ellis@arrowpeak.example"],
  ["you can cc my boss at boss@acme.io"],
  ["loop in our CFO: cfo@acme.io"],
  ["my email? not telling"],
];

const phones: [text: string, phone?: string][] = [
  ["call me on +1 415 555 0100", "+1 415 555 0100"],
  ["my cell is (415) 555-0100", "(415) 555-0100"],
  ["phone: 020 7946 0958", "020 7946 0958"],
  ["we have 2,000,000 users"],
  ["our revenue is 12 345 678"],
  ["the meeting is on 2026-12-01"],
];

describe("contact", () => {
  it.each(names)("reads the speaker's name in %j", (text, name, options) => {
    expect(fieldValue(text, "contact.name", options)).toBe(name);
  });
  it.each(emails)("reads the speaker's email in %j", (text, email) => {
    expect(fieldValue(text, "contact.email")).toBe(email);
  });
  it.each(phones)("reads the speaker's phone in %j", (text, phone) => {
    expect(fieldValue(text, "contact.phone")).toBe(phone);
  });
});
