import { describe, expect, it } from "vitest";
import type { Intent } from "../../../src/core/intent.js";
import { type ReadOptions, read } from "./read.js";

type Row = [text: string, expected: Intent[], options?: ReadOptions];

const cases: Row[] = [
  ["Hi there!", ["greeting"]],
  ["hello, we need help with lead routing", ["greeting"]],
  ["Good morning", ["greeting"]],
  ["why do you ask?", ["asks_why"]],
  ["why do you need that?", ["asks_why"]],
  ["what do you need that for?", ["asks_why"]],
  ["why?", ["asks_why"], { asked: "budget" }],
  ["can I talk to a person?", ["wants_human"]],
  ["I'd like to speak with a sales rep", ["wants_human"]],
  ["just get me a human please", ["wants_human"]],
  ["can someone call me back tomorrow?", ["wants_human"]],
  ["how much is it?", ["asks_price"]],
  ["what does it cost?", ["asks_price"]],
  ["pricing?", ["asks_price"]],
  ["what are your plans and prices?", ["asks_price"]],
  ["can you send me a quote", ["asks_price"]],
  ["does it integrate with Salesforce?", ["asks_question"]],
  ["is this a bot?", ["asks_question"]],
  ["how long does setup take", ["asks_question"]],
  ["I'd rather not say", ["declines"]],
  ["prefer not to share that", ["declines"]],
  ["none of your business", ["declines"]],
  ["pass", ["declines"], { asked: "budget" }],
  ["thanks, bye!", ["goodbye"]],
  ["ok that's all for now, have a great day", ["goodbye"]],
  ["gotta go, talk soon", ["goodbye"]],
  ["Hi! How much does it cost and can I talk to sales?", ["greeting", "asks_price", "wants_human"]],
  ["We need lead routing. Does it work with HubSpot?", ["asks_question"]],
];

const none: string[] = [
  "we need to automate lead routing",
  "our reps waste hours qualifying leads",
  "I'd love to see you demo it sometime",
  "we can't share data between our teams easily",
  "we handle confidential patient data",
  "how much time we waste on this is crazy",
  "I don't want to talk to sales yet",
  "we book a call with every inbound lead",
];

describe("intents", () => {
  it.each(cases)("reads %j as %j", (text, expected, options) => {
    expect(read(text, options).intents.sort()).toEqual([...expected].sort());
  });
  it.each(none)("reads no intent in the statement %j", (text) => {
    expect(read(text).intents).toEqual([]);
  });
});
