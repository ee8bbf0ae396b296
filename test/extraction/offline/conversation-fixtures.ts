import type { Slot } from "../../../src/core/scorecard.js";

// Shared by the vitest tables (through read.ts) and the plain measurement script, which cannot import vitest.

/** The conversation's "now" for every table: Monday 23 November 2026, 10:00 UTC. */
export const NOW = new Date("2026-11-23T10:00:00Z");

/** A bot question per slot, worded like the reply templates, for short-answer cases. */
export const QUESTIONS: Record<Slot, string> = {
  need: "What's the main challenge you're hoping to solve?",
  authority: "Who would sign off on a purchase like this on your side?",
  timeline: "When are you hoping to have something in place?",
  budget: "Do you have a budget in mind for this, even a rough range?",
  company: "Which company are you with, and roughly how many people work there?",
  email: "What's the best email for our team to reach you?",
};
