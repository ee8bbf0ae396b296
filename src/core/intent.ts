import { z } from "zod";

/** What the prospect is doing in a message beyond stating facts; drives the dialogue policy. */
export const Intent = z.enum([
  "greeting",
  /** "why do you ask?", "why do you need that?" */
  "asks_why",
  /** "can I talk to a human / a real person / sales?" */
  "wants_human",
  /** "how much is it?", "what does it cost?" */
  "asks_price",
  /** any other question to the bot */
  "asks_question",
  /** "I'd rather not say", "none of your business" */
  "declines",
  "goodbye",
]);
export type Intent = z.infer<typeof Intent>;
