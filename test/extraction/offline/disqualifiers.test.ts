import { describe, expect, it } from "vitest";
import type { Disqualifier } from "../../../src/core/qualification.js";
import { read } from "./read.js";

const disqualifiersOf = (text: string) =>
  read(text)
    .signals.filter((signal) => signal.field === "disqualifier")
    .map((signal) => signal.value);

const cases: [text: string, expected: Disqualifier][] = [
  ["I'm a student working on a thesis about chatbots", "student"],
  ["hey im doing a class project on lead scoring", "student"],
  ["I'm a grad student researching conversational AI", "student"],
  ["this is for my dissertation", "student"],
  ["my professor suggested I look at tools like yours", "student"],
  ["are you hiring?", "job_seeker"],
  ["I'd like to apply for a sales role", "job_seeker"],
  ["do you have any open positions for SDRs?", "job_seeker"],
  ["I'm looking for a job in customer success", "job_seeker"],
  ["can I send you my resume?", "job_seeker"],
  ["do you offer internships?", "job_seeker"],
  ["we build a similar bot at Botly", "competitor"],
  ["I work at a competitor, just curious how you do handoffs", "competitor"],
  ["we make chat widgets too, love what you've built", "competitor"],
  ["I'm a PM at a company that builds a pretty similar chatbot", "competitor"],
  ["we're building something similar and wanted to compare notes", "competitor"],
  ["we offer SEO services to businesses like yours", "vendor"],
  ["I'd love to pitch our lead-gen agency", "vendor"],
  ["We help SaaS companies cut cloud bills by 40%. Would your CTO be open to a chat?", "vendor"],
  ["We provide offshore SDR teams. Who handles outsourcing at your company?", "vendor"],
  ["would you be interested in a guest post on our blog?", "vendor"],
  ["we can help you get 10x more traffic", "vendor"],
  ["my login doesn't work", "support_request"],
  ["I can't export my invoices", "support_request"],
  ["I was charged twice this month", "support_request"],
  ["how do I reset my password?", "support_request"],
  ["we're already on your Pro plan and the CSV export keeps failing", "support_request"],
  ["our invoices from you show the wrong VAT number", "support_request"],
  ["I want to cancel my subscription", "support_request"],
  ["we're paying customers and the bot stopped sending leads to Slack", "support_request"],
  ["BUY CHEAP FOLLOWERS NOW!!! click here www.spam.example", "spam"],
  ["Earn $5000 a week from home, click the link", "spam"],
  ["casino bonus free spins for you", "spam"],
  ["asdkjh qwpoeiru zxmcnv", "spam"],
  ["hjkl hjkl asdfasdf", "spam"],
];

const notDisqualified: string[] = [
  "I was a student once, now I run a 40-person agency",
  "we sell software to students and universities",
  "We're a student housing company looking to qualify tenant leads",
  "I'm a student of the game when it comes to sales lol",
  "we're hiring SDRs and need to ramp them faster",
  "Is your team hiring? jk, we need a chatbot for our clinic",
  "we looked at your competitors and they were too expensive",
  "how do you compare to Drift?",
  "we're a marketing agency and need lead routing for our clients",
  "we offer SEO services and our inbound leads are a mess",
  "we don't have a problem with our login flow",
  "our reps can't keep up with inbound leads",
  "Wir haben 60.000 € pro Jahr dafür eingeplant.",
  "Hola, somos una clínica veterinaria en Valencia.",
  "Bonjour, je suis directrice commerciale chez un éditeur de logiciels.",
  "we're a crypto exchange and need to qualify institutional leads",
  "can your bot integrate with HubSpot?",
  "our CSV exports from HubSpot are a nightmare",
];

describe("disqualifiers", () => {
  it.each(cases)("reads %j as %s", (text, expected) => {
    expect(disqualifiersOf(text)).toContain(expected);
  });
  it.each(notDisqualified)("finds no disqualifier in %j", (text) => {
    expect(disqualifiersOf(text)).toEqual([]);
  });

  it("keeps buying facts out of a disqualified message", () => {
    const { signals } = read(
      "hi, do you have internships? I'm graduating in May and looking for my first sales job",
    );
    expect(signals.map((signal) => signal.field)).not.toContain("timeline");
  });
});
