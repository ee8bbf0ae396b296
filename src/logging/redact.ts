// Prospect contact details must not reach log storage, whatever field they end up in
// (an error message that quotes the prospect, a payload logged for debugging).
const emailPattern = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;
// Seven or more digits with the usual separators: phone numbers, not ids like "message 123".
const phonePattern = /(?<![\w.])\+?\d[\d\s().-]{6,}\d(?![\w.])/g;

export function redactPiiText(text: string): string {
  return text.replace(emailPattern, "[email]").replace(phonePattern, (match) => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(match.trim())) return match; // an ISO date, not a number to call
    const digits = match.replace(/\D/g, "");
    return digits.length >= 7 && digits.length <= 15 ? "[phone]" : match;
  });
}

/** Deep copy with every string scrubbed of emails and phone numbers. */
export function redactPii<T>(value: T, depth = 0): T {
  if (typeof value === "string") return redactPiiText(value) as T;
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) return { type: value.name, message: redactPiiText(value.message) } as T;
  if (Array.isArray(value)) return value.map((entry) => redactPii(entry, depth + 1)) as T;
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [key, redactPii(entry, depth + 1)]),
  ) as T;
}
