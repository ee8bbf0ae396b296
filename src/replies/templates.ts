import { z } from "zod";
import type { Move } from "../core/policy.js";
import { Disqualifier } from "../core/qualification.js";
import { Slot } from "../core/scorecard.js";

const Variants = z.array(z.string().min(1)).min(1);
const PerSlot = z.record(Slot, Variants);

/** prompts/templates.json, validated: every move the policy can make has at least one variant. */
export const ReplyTemplates = z.object({
  greet: Variants,
  greetNamed: Variants,
  ack: Variants,
  afterDecline: Variants,
  deferQuestion: Variants,
  ask: PerSlot,
  why: PerSlot,
  whyReask: Variants,
  price: Variants,
  offerHandoff: Variants,
  humanRequested: Variants,
  awaitingHandoff: Variants,
  handedOff: Variants,
  askEmailSuffix: Variants,
  closeDisqualified: z.record(Disqualifier, Variants),
  wrapUp: Variants,
  goodbye: Variants,
});
export type ReplyTemplates = z.infer<typeof ReplyTemplates>;

export interface ReplyContext {
  /** Varies the wording between conversations and turns. */
  seed: number;
  firstName?: string;
  /** The prospect told us something new this turn. */
  learnedSomething: boolean;
  /** Recent bot replies: a variant used there is avoided. */
  recentReplies: string[];
}

function fill(template: string, context: ReplyContext): string | null {
  if (template.includes("{firstName}") && !context.firstName) return null;
  return template.replaceAll("{firstName}", context.firstName ?? "");
}

function pick(variants: string[], context: ReplyContext, salt: number): string {
  const usable = variants
    .map((variant) => fill(variant, context))
    .filter((text): text is string => text !== null);
  const pool = usable.length > 0 ? usable : variants;
  // How long ago each variant was last said (never = infinitely long): prefer the stalest.
  const lastUse = (text: string) => {
    for (let index = context.recentReplies.length - 1; index >= 0; index--)
      if (context.recentReplies[index]!.includes(text)) return context.recentReplies.length - index;
    return Number.POSITIVE_INFINITY;
  };
  const stalest = Math.max(...pool.map(lastUse));
  const choices = pool.filter((text) => lastUse(text) === stalest);
  return choices[(context.seed + salt) % choices.length]!;
}

/** Renders a policy move as a short, friendly reply; deterministic for a given seed. */
export function renderReply(templates: ReplyTemplates, move: Move, context: ReplyContext): string | null {
  const parts: string[] = [];
  const ack = () => context.learnedSomething && parts.push(pick(templates.ack, context, 1));
  const emailSuffix = (askEmail: boolean) =>
    askEmail && parts.push(pick(templates.askEmailSuffix, context, 7));
  switch (move.kind) {
    case "silent":
      return null;
    case "ask":
      if (move.greet)
        parts.push(pick(context.firstName ? templates.greetNamed : templates.greet, context, 0));
      else ack();
      if (move.afterDecline) parts.push(pick(templates.afterDecline, context, 2));
      if (move.deferQuestion) parts.push(pick(templates.deferQuestion, context, 3));
      parts.push(pick(templates.ask[move.slot], context, 4));
      break;
    case "explain_why":
      parts.push(pick(templates.why[move.slot], context, 5), pick(templates.whyReask, context, 6));
      break;
    case "answer_price":
      parts.push(pick(templates.price, context, 8));
      if (move.slot) parts.push(pick(templates.ask[move.slot], context, 4));
      break;
    case "offer_handoff":
      parts.push(pick(templates.offerHandoff, context, 9));
      emailSuffix(move.askEmail);
      break;
    case "human_requested":
      parts.push(pick(templates.humanRequested, context, 10));
      emailSuffix(move.askEmail);
      break;
    case "awaiting_handoff":
      parts.push(pick(templates.awaitingHandoff, context, 11));
      emailSuffix(move.askEmail);
      break;
    case "handed_off":
      parts.push(pick(templates.handedOff, context, 12));
      break;
    case "close_disqualified":
      parts.push(pick(templates.closeDisqualified[move.reason], context, 13));
      break;
    case "wrap_up":
      ack();
      parts.push(pick(templates.wrapUp, context, 14));
      break;
    case "goodbye":
      parts.push(pick(templates.goodbye, context, 15));
      break;
  }
  return parts.join(" ");
}
