import { describe, expect, it } from "vitest";
import type { Disqualifier } from "../../../src/core/qualification.js";
import { read } from "./read.js";

// Each of the six disqualifiers in phrasings written apart from the eval sets, and buyers whose
// words look like one (schools buying, hiring companies, talk about spam or competitors) that
// must produce none.

const disqualifiersOf = (text: string): Disqualifier[] =>
  read(text)
    .signals.flatMap((signal) => (signal.field === "disqualifier" ? [signal.value] : []))
    .sort();

const cases: [Disqualifier, string][] = [
  ["student", "I'm a PhD candidate researching chatbot adoption in SMEs"],
  ["student", "student at King's College, our module project is about sales automation"],
  ["student", "hey im doing a school project on AI chatbots can u help"],
  ["student", "As part of my coursework I have to interview a software company"],
  ["student", "I'm a high school senior writing a report on startups"],
  ["student", "we're a group of students from TU Delft analysing lead gen tools"],
  ["student", "currently finishing my bachelor's in marketing and writing my thesis on chatbots"],
  ["student", "My teacher asked us to pick a SaaS company and analyse its pricing"],
  ["student", "hi im in year 11 and need info for my business studies coursework"],
  ["job_seeker", "Do you have any openings for account executives?"],
  ["job_seeker", "I'd like to join your team as a developer, how do I apply?"],
  ["job_seeker", "I'm looking for work in customer success, are you recruiting?"],
  ["job_seeker", "Is the marketing internship still available?"],
  ["job_seeker", "I applied for the SDR job last week, any update?"],
  ["job_seeker", "Could you forward my application to the hiring manager?"],
  ["job_seeker", "who do I contact about open sales roles?"],
  ["job_seeker", "Interested in any remote engineering positions you might have"],
  ["competitor", "I'm a product manager at Intercom, just checking out your flow"],
  ["competitor", "We're building a similar AI SDR product and wanted to compare notes"],
  ["competitor", "I run a startup in the same space as you, lead qualification chatbots"],
  ["competitor", "I work on the growth team at a competing chat platform"],
  ["competitor", "Our company makes a live chat widget, curious how your pricing compares"],
  ["competitor", "I'm at a company that builds conversational AI for sales teams"],
  ["competitor", "we make a chatbot builder too, love what you've done with the onboarding"],
  ["vendor", "We're a B2B data provider, could we show you how to enrich your leads?"],
  ["vendor", "I can get your website to rank on page one within 90 days"],
  ["vendor", "Do you need help with your Facebook ads? Our agency specializes in SaaS"],
  ["vendor", "We're a staffing agency offering pre-vetted SDRs to companies like yours"],
  ["vendor", "Hi! I'd love to write a guest post for your blog"],
  ["vendor", "Our company provides video testimonials for SaaS brands like yours"],
  ["vendor", "I'm reaching out because we help companies like yours cut their cloud bill by 30%"],
  ["vendor", "Can I send you a proposal for redesigning your website?"],
  ["vendor", "we run a podcast for sales leaders, would you like to sponsor an episode?"],
  ["vendor", "I help B2B founders book more meetings with cold email - open to a quick call?"],
  ["spam", "FREE BITCOIN!!! claim your reward now at http://x.example"],
  ["spam", "Lose 20 pounds in 2 weeks with this one weird trick http://slim.example"],
  ["spam", "Cheap Rolex replicas, best price, order now http://watch.example"],
  ["spam", "BUY INSTAGRAM FOLLOWERS NOW 10k for $9.99 http://x.example"],
  ["spam", "Dear friend, I am a banker and need your help to transfer $10M, you get 30%"],
  ["support_request", "Our bot stopped answering questions this morning, is there an outage?"],
  ["support_request", "I can't find my invoices in the dashboard"],
  ["support_request", "We were billed for 15 seats but only have 10"],
  ["support_request", "The widget is showing in the wrong language on our site since the update"],
  ["support_request", "my subscription renewal failed, card declined, help"],
  ["support_request", "hi, our account got locked after too many login attempts"],
  ["support_request", "The calendar sync with Outlook isn't working for two of our reps"],
  ["support_request", "cant sign into the dashboard, says invalid password"],
];

const buyers = [
  "We're a school and want to qualify parent enquiries",
  "I studied marketing at uni and now run a bakery, we need online orders handled",
  "we sell to students and need to qualify bulk orders from universities",
  "our student housing company needs a booking bot",
  "I graduated last year, now I'm the ops manager at a dental clinic",
  "we're recruiting 10 SDRs and need a bot to qualify inbound while they ramp",
  "we hire a lot of seasonal staff and need to qualify applicants",
  "we compete on price in our industry, so we need to respond fast",
  "Our competitors are all using chatbots and we're falling behind",
  "I used to work at Intercom, now I run sales ops at a logistics company",
  "we're an agency and want to use your bot for our clients",
  "we help dentists grow their practices and need a bot on our own site",
  "we get tons of spam through our contact form, need a filter",
  "congratulations on the funding round! we're looking for a chatbot for our store",
  "our current vendor's bot keeps crashing, that's why we want to switch",
  "does your support team work weekends?",
  "we need better customer support tooling",
  "we switched from Drift because their bot kept breaking",
];

describe("disqualifier recall across phrasings", () => {
  it.each(cases)("reads %s in %j", (label, text) => {
    expect(disqualifiersOf(text)).toEqual([label]);
  });
  it.each(buyers)("reads no disqualifier into %j", (text) => {
    expect(disqualifiersOf(text)).toEqual([]);
  });
});
