import type { Move } from "../core/policy.js";
import type { Disqualifier } from "../core/qualification.js";
import type { Slot } from "../core/scorecard.js";

const slotTopics: Record<Slot, string> = {
  need: "the main problem they want to solve or what they want to achieve",
  authority: "their role and who decides on a purchase like this",
  timeline: "when they want a solution in place",
  budget: "whether budget is set aside for this, and a rough range",
  company: "which company they are with and roughly how many people work there",
  email: "the best email address for our team to follow up",
};

const closings: Record<Disqualifier, string> = {
  student:
    "This chat is for companies evaluating the product. Thank them, mention the website has resources for their studies, and close politely.",
  job_seeker:
    "Thank them for their interest in working with us, point them to the careers page, and close politely.",
  competitor: "This chat is for prospective customers. Thank them and close politely.",
  vendor:
    "We do not take vendor pitches in this chat. Thank them, point them to procurement via the website, and close.",
  spam: "This chat is for questions about the product. Close it in one short sentence.",
  support_request:
    "This chat is for new customers. Apologise for the trouble and point them to the help center or support email.",
};

const emailAsk = (askEmail: boolean) => (askEmail ? ` Then ask for ${slotTopics.email}.` : "");

function ask(move: Extract<Move, { kind: "ask" }>): string {
  const parts: string[] = [];
  if (move.greet) parts.push("This is your first reply: greet them briefly.");
  if (move.afterDecline)
    parts.push("They declined to answer your last question: accept that gracefully and do not press.");
  if (move.deferQuestion)
    parts.push(
      "They asked something you cannot answer here: say briefly that the team will cover it with them.",
    );
  parts.push(`Ask one short question about ${slotTopics[move.slot]}.`);
  return parts.join(" ");
}

/**
 * What the reply must achieve, in words the model follows. The dialogue policy decides the move;
 * the model only phrases it, and is never told (or allowed) to quote prices, discounts or dates.
 */
export function describeMoveGoal(move: Move): string {
  switch (move.kind) {
    case "ask":
      return ask(move);
    case "explain_why":
      return `They asked why you want to know ${slotTopics[move.slot]}. Explain in one sentence that it helps us suggest what fits them, then invite them to share, without pressure.`;
    case "answer_price":
      return `They asked about price. Say pricing depends on their needs and the sales team will give them exact numbers; state no price, range, plan or discount.${move.slot ? ` Then ask one short question about ${slotTopics[move.slot]}.` : ""}`;
    case "offer_handoff":
      return `They look like a good fit. Thank them and say a specialist from our sales team will review their details and get in touch.${emailAsk(move.askEmail)}`;
    case "human_requested":
      return `They asked to talk to a person. Confirm you have asked someone from our team to get back to them.${emailAsk(move.askEmail)}`;
    case "awaiting_handoff":
      return `Someone from our team already has their details and will follow up. Acknowledge what they said and say you have passed it along.${emailAsk(move.askEmail)}`;
    case "handed_off":
      return "Their contact on our sales team now owns this conversation. Acknowledge their message and say that person will pick it up with them.";
    case "close_disqualified":
      return closings[move.reason];
    case "wrap_up":
      return "Close the conversation: thank them, say our team will share useful material, and that they can come back any time. Ask nothing.";
    case "goodbye":
      return "Say a short, friendly goodbye. Ask nothing.";
    case "silent":
      return "Do not reply: a person from our team is handling this conversation. Return an empty reply.";
  }
}
