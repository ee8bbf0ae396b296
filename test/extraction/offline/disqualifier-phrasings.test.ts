import { describe, expect, it } from "vitest";
import type { Disqualifier } from "../../../src/core/qualification.js";
import { read } from "./read.js";

// Real-world phrasings per class, written apart from the eval sets, so a rule that only fits the
// dev sentences fails here. Each class also has look-alikes from buyers that must not fire.

const disqualifiersOf = (text: string) =>
  read(text)
    .signals.filter((signal) => signal.field === "disqualifier")
    .map((signal) => signal.value);

const positives: Record<Disqualifier, string[]> = {
  student: [
    "I'm an undergrad studying marketing and need info on chatbots for a paper",
    "working on my capstone about lead scoring, could you answer a few questions?",
    "our professor told us to pick a SaaS tool and analyse its onboarding",
    "hey! freshman here, doing research on AI chat for a class",
    "This is for a group assignment in my business course",
    "I'm writing a term paper on conversational marketing",
    "phd student at TU Delft looking at dialogue systems",
    "I'm majoring in economics and our seminar is about sales automation",
    "doing a case study for my MBA class on B2B lead routing",
    "my lecturer asked us to interview a startup founder",
    "I'm writing a report for school on sales bots",
  ],
  job_seeker: [
    "I noticed the customer success opening on your careers page, is it remote?",
    "I applied to the solutions engineer position last week, any update?",
    "Is the marketing coordinator role still open?",
    "are you guys taking interns for the spring?",
    "Would love to join your sales team, I have 3 years as an SDR",
    "I'm attaching my resume for the AE position",
    "Hi, looking for junior developer positions, do you have anything?",
    "any openings for a data analyst?",
    "Who can I speak with about open roles?",
    "I haven't heard back about my application for the BDR job",
  ],
  competitor: [
    "We sell a competing lead-qualification tool, just poking around",
    "I'm a founder at a rival chatbot startup, how do you handle GDPR?",
    "we build chatbots too, nice UI!",
    "We're in the same space as you, would love to swap notes",
    "engineer at Botwise here, we also offer live chat, wanted to compare notes on latency",
    "We offer a similar product for e-commerce stores",
    "We also develop an AI SDR, how do you do lead scoring?",
    "I work at a competing vendor and wanted to share learnings",
  ],
  vendor: [
    "We can double your demo bookings in 30 days with our outbound service",
    "Hi! Would you be open to a demo of our sales enablement platform?",
    "I'd love to introduce you to our white-label SEO packages",
    "We provide vetted remote developers. Let me know if you ever need help scaling.",
    "Our agency can redesign your landing page and boost conversions by 30%",
    "who handles recruiting at your company? we place senior engineers",
    "We're a staffing firm that supplies bilingual SDRs, worth a quick chat?",
    "We get B2B sites to page one of Google, can I send a proposal?",
    "Are you open to guest authors on your blog? I have three topics ready",
    "I'm reaching out from Leadflux, we offer verified contact data for your outbound",
  ],
  support_request: [
    "the webhook stopped sending leads to our CRM this morning",
    "I'm locked out of my account",
    "our Qualbot dashboard is showing no conversations at all today",
    "the Salesforce integration keeps failing with a 401",
    "need to download the invoice for October",
    "since your latest release the widget doesn't load on mobile",
    "please cancel our subscription, we're closing the business",
    "how do I add a user to our workspace?",
    "my dashboard says zero leads but we had 40 chats",
    "I was charged twice for November",
  ],
  spam: [
    "BUY CHEAP FOLLOWERS NOW!!! http://x.example",
    "Bitcoin giveaway, send 0.05 BTC and get 0.5 BTC back http://btc.example",
    "Guaranteed 20% weekly profits, message me on WhatsApp",
    "You have been selected for a free vacation! claim here http://trip.example",
    "Cheap backlinks http://a.example http://b.example http://c.example",
    "Designer handbags 80% off today only http://bags.example",
    "dear friend, I have an investment opportunity, contact me on telegram",
  ],
};

const mustNotFire: string[] = [
  "we're hiring SDRs and need to qualify leads faster",
  "We're hiring 4 AEs next quarter and our routing is a mess",
  "our recruiting team wants a bot to screen job applicants on our careers page",
  "I used to be a student of marketing, now I lead demand gen",
  "I studied economics years ago, now I run a clinic",
  "we're a university and want to answer prospective students 24/7",
  "we sell online courses and need to qualify course inquiries",
  "our support team is drowning in tickets, that's why we want this",
  "our current chatbot keeps breaking, we need a replacement",
  "the integration with Salesforce is a must for us",
  "Does the HubSpot integration sync both ways?",
  "we are an agency and want this for our clients",
  "We're a marketing agency looking for a white-label chatbot for 20 clients",
  "we compared you with Drift and Qualified",
  "our competitors respond to leads in minutes and we take days",
  "We lose deals to competitors because of slow follow-up",
  "We sell HVAC services and need to book more estimates",
  "We help families find senior living, and leads come in at night",
  "We offer free consultations and need a bot to book them",
  "We provide IT services to 200 clients and need to qualify support vs sales inquiries",
  "Would love a demo of your bot next week",
  "can you send me an invoice so we can pay annually?",
  "what happens if we cancel after the trial?",
  "how do I book a demo?",
  "I need a quote for 5 seats",
  "our SEO agency brings traffic but nobody converts",
  "we run a crypto exchange and want a bot for new signups",
  "we sell sunglasses online and our chat is unmanned at night",
  "Is there a discount for nonprofits?",
  "my daughter is a student but I'm asking for my law firm",
  "we want the bot to filter out students and job seekers from our demo requests",
  "Congratulations on the launch! We need something like this for our sales team",
  "We build furniture and our quote requests pile up",
  "I'm a PM at Acme and we need better lead routing",
  "we're a school and need a bot for school admissions",
  "We sell software too and our trial signups go unqualified",
  "we make furniture too, and need a bot for quote requests",
  "I'm a PM at Acme and our reps share notes in Slack",
  "Would you like to see a demo of our current flow before scoping?",
  "we're hiring interns to triage leads, which is a waste",
  "Our sales team takes interns every summer and they qualify leads",
  "we do lead qualification manually too",
  "we also offer live chat on our site and need it to qualify leads",
  "We help dentists get more patients and want a bot on our own site",
  "we're a marketing agency, can you help our clients' leads get routed?",
  "our CRM sync keeps failing so we want a tool with native HubSpot sync",
  "I'm a student of the game, we need lead routing",
];

describe("disqualifiers in real-world phrasing", () => {
  for (const [expected, phrasings] of Object.entries(positives)) {
    it.each(phrasings)(`reads %j as ${expected}`, (text) => {
      expect(disqualifiersOf(text)).toContain(expected);
    });
  }
  it.each(mustNotFire)("sets no disqualifier on the buyer's %j", (text) => {
    expect(disqualifiersOf(text)).toEqual([]);
  });
});
