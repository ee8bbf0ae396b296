/**
 * PostgreSQL text and jsonb cannot hold U+0000, which SQLite stores as is. Both stores keep it
 * as U+FFFD instead, so a message behaves the same on either database (and its evidence quotes,
 * cut from the stored text, stay valid JSON on PostgreSQL).
 */
export function storableText(text: string): string {
  return text.includes("\u0000") ? text.replaceAll("\u0000", "\uFFFD") : text;
}
