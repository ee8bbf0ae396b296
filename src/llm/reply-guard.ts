export type ReplyVerdict =
  | { ok: true; text: string }
  | { ok: false; reason: "empty" | "too_long" | "price_or_discount" | "date_promise" };

const pricePatterns = [
  /[$€£¥]\s?\d/,
  /\d[\d,.]*\s?(k|m)?\s?(usd|eur|gbp|dollars?|euros?|pounds?|bucks)\b/i,
  /\d\s?%/,
  /\b(discounts?|discounted|coupons?|promo(tion)?s?|rebates?|free (trial|month|plan)|price match|cheaper)\b/i,
  /\bper (seat|user|month|year)\b.*\d|\d.*\bper (seat|user|month|year)\b/i,
];

// We never commit to a date or turnaround on the sales team's behalf; a restated deadline from the
// prospect is rare when this draft is used (the message added nothing), so false alarms are cheap.
const datePatterns = [
  /\b(today|tonight|tomorrow|this (afternoon|evening|week)|next (week|month))\b/i,
  /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i,
  /\b(within|in) (\d+|a|an|one|two|three|24|48) (minutes?|hours?|days?|business days?|weeks?)\b/i,
  /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\.? \d{1,2}(st|nd|rd|th)?\b/i,
  /\b\d{1,2}(:\d{2})?\s?(am|pm)\b/i,
  /\b\d{4}-\d{2}-\d{2}\b/,
];

export const maxReplyCharacters = 700;

/**
 * Last check on a drafted reply before the engine may send it: the model was told not to quote
 * prices, discounts or dates, and this makes sure. A rejected draft falls back to the templates.
 */
export function checkDraftReply(text: string): ReplyVerdict {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, reason: "empty" };
  if (trimmed.length > maxReplyCharacters) return { ok: false, reason: "too_long" };
  if (pricePatterns.some((pattern) => pattern.test(trimmed)))
    return { ok: false, reason: "price_or_discount" };
  if (datePatterns.some((pattern) => pattern.test(trimmed))) return { ok: false, reason: "date_promise" };
  return { ok: true, text: trimmed };
}
