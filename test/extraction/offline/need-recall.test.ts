import { describe, expect, it } from "vitest";
import type { NeedStatus } from "../../../src/core/qualification.js";
import { read } from "./read.js";

// Needs as inbound prospects word them, written apart from the eval sets: the pain or the wish in
// many grammatical shapes (subject-less, modal, after a comma or dash, foreign), plus look-alikes
// that must stay unknown (requests to us, errands, other people's problems, the past, small talk).

const needOf = (text: string): NeedStatus | "unknown" => {
  const signal = read(text).signals.find((candidate) => candidate.field === "need");
  return signal?.field === "need" ? signal.value.status : "unknown";
};

const explicit = [
  "we're losing deals because nobody answers the website chat after 5pm",
  "we need a better way to sort inbound leads by company size",
  "I want to stop my team from wasting time on tire kickers",
  "our booking process is a total mess and customers give up halfway",
  "Looking for a chatbot that can handle quote requests for our landscaping business",
  "we're after something that qualifies leads on our site 24/7",
  "need something to triage support vs sales questions in our chat",
  "our receptionist can't keep up with the online enquiries",
  "we'd like to automate lead intake for our three clinics",
  "we are searching for a tool to route leads by territory",
  "Our sales reps are spending way too long on discovery calls that go nowhere",
  "half the leads we get are students and job hunters, we need to filter them out",
  "we're trying to cut down the time it takes to respond to inbound requests",
  "We require a solution that integrates with Salesforce and scores every lead",
  "We'd really like a way to book appointments without the phone tag",
  "so many leads fall through the cracks between marketing and sales",
  "the form on our site collects junk, we need proper qualification",
  "currently evaluating conversational tools for our inbound funnel",
  "we need to scale inbound without hiring more SDRs",
  "what we need is a bot that asks qualifying questions and hands hot leads to a rep",
  "it takes us 2 days on average to get back to a new lead",
  "we're getting crushed by inbound volume since the product launch",
  "Hoping to find a tool that screens leads before they book a demo",
  "our chat widget just collects emails and nobody follows up",
  "I'm looking into tools to qualify leads for our team",
  "we want to replace our web form with a conversational one",
  "we keep missing calls from potential customers while we're out on jobs",
  "Need a chatbot for our car dealership to book test drives",
  "We have to get faster at answering leads, our competitors reply within minutes",
  "we're hunting for a qualification bot that speaks German",
  "Our SDR team is stretched thin and can't qualify everything that comes in",
  "Lead routing is broken at the moment, enterprise leads end up with junior reps",
  "We're interested in using a bot to qualify our trade show leads",
  "leads are slipping away because we reply too late",
  "we'll need a bot that can pre-qualify buyers before the showing",
  "must have: calendar booking and CRM sync",
  "we're in need of a better intake process for new clients",
  "the goal is fewer junk demos on our AEs' calendars",
  "Buscamos un chatbot para responder las consultas de clientes en nuestra web",
  "Wir brauchen einen Chatbot, der Leads auf unserer Website qualifiziert",
  "Nous cherchons un outil pour qualifier les leads de notre site",
];
const latent = [
  "it might be worth looking at once our traffic picks up",
  "we manage ok with a shared calendar for now, though it gets messy at times",
  "at some point we'll probably need something like this",
  "could be useful next year when we expand",
  "we might need it later when the team grows",
  "the spreadsheet works for now but it's starting to creak",
  "a bot could maybe help with weekend enquiries down the road",
];
const none = [
  "we're all set with our current tool",
  "we don't need lead qualification, our volume is tiny",
  "honestly we have no need for a chatbot",
  "our team handles this perfectly well already",
  "not something we need at the moment",
  "we already have a solution for this that works well",
  "no thanks, we're not looking for anything",
  "I don't think we need this",
  "our current setup does everything we need",
];
const unknown = [
  "need to grab lunch, brb",
  "what problems do your customers usually solve with this?",
  "how do other companies use this?",
  "My sister's bakery is drowning in orders",
  "We used to have trouble with lead routing but fixed it two years ago",
  "If we ever needed a chatbot, would you support Dutch?",
  "no problem, talk soon",
  "no worries, I'll wait",
  "we need to reschedule the demo",
  "What's the difference between your plans?",
  "I'm losing my mind with this weather lol",
  "Our team won an award last month",
  "ok, need a sec to read this",
  "Can you send me a case study?",
  "we need to talk internally first",
  "thanks, we need to think about it",
  "just having a look around",
  "I need the invoice address for our accounts team",
  "we need a new office chair",
];

describe("need recall across phrasings", () => {
  it.each(explicit)("reads %j as an explicit need", (text) => {
    expect(needOf(text)).toBe("explicit");
  });
  it.each(latent)("reads %j as latent", (text) => {
    expect(needOf(text)).toBe("latent");
  });
  it.each(none)("reads %j as no need", (text) => {
    expect(needOf(text)).toBe("none");
  });
  it.each(unknown)("reads no need into %j", (text) => {
    expect(needOf(text)).toBe("unknown");
  });
});
