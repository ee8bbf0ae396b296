// Micro-benchmark of the offline extractor: p50/p99 per message after warm-up.
// Run with `npx tsx bench/offline-extractor.ts [iterations]`.
import { emptyQualification } from "../src/core/qualification.js";
import type { TranscriptLine } from "../src/extraction/extractor.js";
import { readMessage, warmUpLanguageModels } from "../src/extraction/offline/index.js";

const messages: { text: string; history: TranscriptLine[] }[] = [
  {
    text: "Hi, I'm Dana Lee, VP of Sales at Acme. We have about $45k a year set aside and need this by end of Q2.",
    history: [],
  },
  {
    text: "our reps waste hours qualifying leads and half of them go cold before anyone calls back",
    history: [],
  },
  { text: "I'd need sign-off from our CFO, but I run the evaluation.", history: [] },
  { text: "about 20k", history: [{ role: "bot", text: "Roughly what budget are you working with?" }] },
  { text: "next month", history: [{ role: "bot", text: "When are you hoping to have something in place?" }] },
  { text: "what's the exchange rate of the yen today?", history: [] },
  {
    text: "We're a 40-person B2B SaaS company based in Berlin, no rush on this, just exploring.",
    history: [],
  },
  { text: "can I talk to a human please", history: [] },
  { text: "I'm a student working on my thesis about chatbots", history: [] },
  { text: "ok thanks, bye!", history: [] },
];

const iterations = Number(process.argv[2] ?? 2000);
const now = new Date("2026-11-23T10:00:00Z");
const state = emptyQualification();

const loadStart = performance.now();
warmUpLanguageModels();
const loadMs = performance.now() - loadStart;
for (let round = 0; round < 200; round++)
  for (const message of messages) readMessage({ ...message, now, state });

const timings: number[] = [];
for (let round = 0; round < iterations; round++) {
  for (const message of messages) {
    const start = performance.now();
    readMessage({ ...message, now, state });
    timings.push(performance.now() - start);
  }
}
timings.sort((a, b) => a - b);
const at = (quantile: number) =>
  timings[Math.min(timings.length - 1, Math.floor(quantile * timings.length))]!;
const mean = timings.reduce((sum, value) => sum + value, 0) / timings.length;
process.stdout.write(
  `offline extractor: models loaded in ${loadMs.toFixed(0)} ms; ${timings.length} extractions\n` +
    `  p50 ${(at(0.5) * 1000).toFixed(0)} µs   p90 ${(at(0.9) * 1000).toFixed(0)} µs   p99 ${(at(0.99) * 1000).toFixed(0)} µs   mean ${(mean * 1000).toFixed(0)} µs\n`,
);
