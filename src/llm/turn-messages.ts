import type { QualificationState } from "../core/qualification.js";
import type { ExtractionInput } from "../extraction/extractor.js";
import type { ChatMessage } from "./llm-client.js";
import { describeMoveGoal } from "./move-goal.js";
import type { TurnPrompts } from "./prompts.js";

export interface ContextLimits {
  /** Earlier messages shown to the model (the most recent ones). */
  historyMessages: number;
  /** Characters kept of each earlier message. */
  historyCharacters: number;
  /** Characters kept of the new prospect message. */
  messageCharacters: number;
  /** Characters kept of each known value (names, pains…). */
  valueCharacters: number;
}

// Bounded so the prompt stays flat however long the conversation gets: the state carries what
// was learned, the window only what the reply needs to sound natural.
export const defaultContextLimits: ContextLimits = {
  historyMessages: 6,
  historyCharacters: 300,
  messageCharacters: 4_000,
  valueCharacters: 80,
};

const weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function clip(text: string, limit: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= limit ? flat : `${flat.slice(0, limit - 1)}…`;
}

/** What is already known, in as few tokens as possible; unknown fields are listed by name only. */
export function compactState(
  state: QualificationState,
  valueCharacters: number,
): { known: Record<string, string>; unknown: string[] } {
  const known: Record<string, string> = {};
  const unknown: string[] = [];
  const put = (name: string, value: string | undefined) => {
    if (value === undefined) unknown.push(name);
    else known[name] = clip(value, valueCharacters);
  };
  const budget = state.budget?.value;
  put(
    "budget",
    budget &&
      [budget.status, budget.amount, budget.currency, budget.period && `per ${budget.period}`]
        .filter((part) => part !== undefined)
        .join(" "),
  );
  put("authority", state.authority?.value.status);
  put("seniority", state.seniority?.value);
  const need = state.need?.value;
  put("need", need && [need.status, ...(need.pains ?? []).slice(0, 3)].join("; "));
  const timeline = state.timeline?.value;
  put("timeline", timeline && [timeline.status, timeline.targetDate].filter(Boolean).join(" "));
  if (state.disqualifiers.length)
    known.disqualifiers = state.disqualifiers.map((entry) => entry.value).join(", ");
  put("contact.name", state.contact.name?.value);
  put("contact.title", state.contact.title?.value);
  // The address itself is not needed to converse; whether we have it is.
  put("contact.email", state.contact.email ? "known" : undefined);
  put("company.name", state.company.name?.value);
  put("company.size", state.company.size?.value?.toString());
  put("company.industry", state.company.industry?.value);
  put("company.region", state.company.region?.value);
  return { known, unknown };
}

/**
 * System message: the three prompt files (static, so providers can cache the prefix).
 * User message: one JSON document of data. JSON keeps the prospect's words inside a string, so
 * no text they write can close a delimiter and pose as an instruction.
 */
export function buildTurnMessages(
  prompts: TurnPrompts,
  input: ExtractionInput,
  limits: ContextLimits = defaultContextLimits,
): ChatMessage[] {
  const system = [prompts.system.text, prompts.extraction.text, prompts.reply.text].join("\n\n");
  const { known, unknown } = compactState(input.state, limits.valueCharacters);
  const recent = input.history.slice(-limits.historyMessages).map((line) => ({
    from: line.role,
    text: clip(line.text, limits.historyCharacters),
  }));
  const data = {
    today: `${input.now.toISOString().slice(0, 10)} (${weekdays[input.now.getUTCDay()]})`,
    known,
    unknown,
    recent_messages: recent,
    reply_goal: input.plannedMove
      ? describeMoveGoal(input.plannedMove)
      : "Do not reply. Return an empty reply.",
    ...(input.plannedMove && input.ifAnsweredMove
      ? { reply_goal_if_answered: describeMoveGoal(input.ifAnsweredMove) }
      : {}),
    prospect_message: clip(input.text, limits.messageCharacters),
  };
  return [
    { role: "system", content: system },
    { role: "user", content: JSON.stringify(data) },
  ];
}
