import * as chrono from "chrono-node";
const now = new Date("2026-11-23T10:00:00Z");
const phrases = ["by the end of Q2", "within the next few weeks", "March 3rd", "sometime in 2028", "next quarter", "in 18 months", "next month", "by June", "in 2 weeks", "end of year", "by the end of the year", "early next year", "next year", "within 6 months", "in three months", "this week", "tomorrow", "by end of month", "before Christmas", "in the spring", "Jan", "by 3/15", "in a couple of months", "end of next month", "by mid-2027", "Q1 2027", "go live in January", "we started last year", "I joined in March", "I have 3 kids", "we are 250 people", "at 5pm", "in 2027", "by the first week of February", "over the next 90 days", "within a year", "end of Feb", "the week after next", "I'm on vacation next week", "back in 2019", "on the 15th"];
for (const p of phrases) {
  const r = chrono.parse(p, { instant: now, timezone: "UTC" }, { forwardDate: true });
  console.log(p.padEnd(35), JSON.stringify(r.map(x => ({t: x.text, i: x.index, s: x.start.date().toISOString().slice(0,10), known: Object.keys(x.start.knownValues ?? {}), e: x.end?.date().toISOString().slice(0,10)}))));
}
