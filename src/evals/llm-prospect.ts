import { createHash } from "node:crypto";
import { z } from "zod";
import type { Slot } from "../core/scorecard.js";
import type { ChatMessage, LlmClient } from "../llm/llm-client.js";
import { costOf, defaultPricing, type PricingTable } from "../llm/pricing.js";
import type { Persona } from "./persona.js";
import { cacheKey, type ResponseCache } from "./response-cache.js";
import type { ProspectUsage } from "./simulate.js";
import {
  createSimulatedProspect,
  type Prospect,
  type ProspectFactory,
  type TranscriptEntry,
} from "./simulated-prospect.js";

/** What the model returns for one prospect turn. */
export const ProspectReply = z.object({
  reply: z.string().describe("Your next chat message to the bot, as the prospect"),
});
export const prospectSchemaName = "prospect_reply";
export const PROSPECT_PROMPT_ID = "prospect.v1";

const slotTopics: Record<Slot, string> = {
  need: "what problem you want solved",
  authority: "your role / who decides on the purchase",
  timeline: "when you want to start or buy",
  budget: "your budget",
  company: "your company",
  email: "your email address",
};

/**
 * Plays the persona the way a busy real prospect would. The facts are the only truth it has;
 * the rest (when to leave, what was asked) stays with the rule-based script so the scoring is
 * the same as with the rule-based prospect.
 */
export function prospectSystemPrompt(persona: Persona): string {
  const facts = Object.entries(persona.facts).map(
    ([slot, fact]) => `- ${slotTopics[slot as Slot]} (${slot}): ${fact}`,
  );
  return [
    "You are role-playing a prospective customer chatting with a company's sales assistant (a bot) on its website.",
    "You are the customer, not the assistant. Stay in character for the whole conversation.",
    "",
    "Your hidden facts:",
    ...(facts.length > 0 ? facts : ["- (none: you do not want to share anything about yourself)"]),
    "",
    "How you answer:",
    "- Reveal a fact only when the bot's latest message asks about it. Answer that question and nothing else.",
    "- Never volunteer other facts, and never list several facts at once.",
    "- Keep every number, currency, date, role and name exactly as in your facts, but say it in your own words.",
    "- If the bot asks about something you have no fact for, decline politely or say you don't know; do not invent one.",
    "- If the bot asks again about something you already answered, repeat it briefly.",
    "- Be natural and brief: one or two short sentences, plain text, no lists, no sign-off.",
    '- Put your message in "reply".',
  ].join("\n");
}

const conversationStart = "(The chat window opens. You write first.)";

/** The model plays the prospect, so the bot's lines are the "user" turns and the prospect's its own. */
export function prospectMessages(persona: Persona, transcript: readonly TranscriptEntry[]): ChatMessage[] {
  return [
    { role: "system", content: prospectSystemPrompt(persona) },
    { role: "user", content: conversationStart },
    ...transcript.map(
      (line): ChatMessage => ({
        role: line.role === "prospect" ? "assistant" : "user",
        content: line.text === "" ? "(no text)" : line.text,
      }),
    ),
  ];
}

/** Changes whenever the prompt's wording does, so a reworded prompt never reuses old replies. */
export const prospectPromptHash = createHash("sha256")
  .update(prospectSystemPrompt({ id: "", opening: "", facts: {}, expected: {} } as Persona))
  .update(conversationStart)
  .digest("hex");

interface CachedReply {
  reply: string;
  usage: { model: string; promptTokens: number; completionTokens: number };
}

const CachedReply = z.object({
  reply: z.string().min(1),
  usage: z.object({ model: z.string(), promptTokens: z.number(), completionTokens: z.number() }),
});

export interface LlmProspectOptions {
  client: LlmClient;
  /** Replies already generated for the same persona and conversation so far. */
  cache?: ResponseCache<unknown>;
  /** What besides the conversation decides the replies (model, base URL): part of the cache key. */
  identity?: Record<string, unknown>;
  pricing?: PricingTable;
}

export class ProspectReplyError extends Error {
  readonly code = "PROSPECT_EMPTY_REPLY";
  constructor() {
    super("the prospect model returned an empty reply");
    this.name = "ProspectReplyError";
  }
}

/**
 * LLM-played prospects (`--prospect llm`). The rule-based script still decides whether the
 * prospect answers at all and which slot was asked (so scoring is unchanged); the model only
 * words the answer, from the persona's facts and the conversation so far. Model failures throw
 * the adapter's `LlmError`: the simulation records the conversation as failed.
 */
export function createLlmProspects(options: LlmProspectOptions): {
  createProspect: ProspectFactory;
  usage(): ProspectUsage;
} {
  const pricing = options.pricing ?? defaultPricing;
  const totals: ProspectUsage = {
    kind: "llm",
    model: options.client.model,
    calls: 0,
    cacheHits: 0,
    promptTokens: 0,
    completionTokens: 0,
    costUsd: 0,
  };
  const count = (usage: CachedReply["usage"]) => {
    totals.promptTokens += usage.promptTokens;
    totals.completionTokens += usage.completionTokens;
    totals.costUsd = Math.round((totals.costUsd + costOf(pricing, usage)) * 1e9) / 1e9;
  };

  async function reply(persona: Persona, transcript: readonly TranscriptEntry[]): Promise<string> {
    const messages = prospectMessages(persona, transcript);
    const key = cacheKey({
      kind: "prospect",
      identity: options.identity ?? { model: options.client.model },
      promptHash: prospectPromptHash,
      messages,
    });
    const cached = CachedReply.safeParse(options.cache?.get(key));
    if (cached.success) {
      totals.cacheHits++;
      count(cached.data.usage);
      return cached.data.reply;
    }
    totals.calls++;
    const result = await options.client.generateObject({
      schema: ProspectReply,
      schemaName: prospectSchemaName,
      messages,
      promptId: PROSPECT_PROMPT_ID,
    });
    if (!result.ok) throw result.error;
    count(result.usage);
    const text = result.value.reply.trim();
    if (text === "") throw new ProspectReplyError();
    await options.cache?.set(key, { reply: text, usage: result.usage } satisfies CachedReply);
    return text;
  }

  return {
    createProspect(persona: Persona): Prospect {
      const script = createSimulatedProspect(persona);
      return {
        told: script.told,
        async answer(move, { transcript }) {
          const planned = script.answer(move);
          if (planned.text === null) return planned;
          return { ...planned, text: await reply(persona, transcript) };
        },
      };
    },
    usage: () => ({ ...totals }),
  };
}
