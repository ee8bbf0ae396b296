import { z } from "zod";

export const Stage = z.enum([
  "new",
  "engaged",
  "mql",
  "sql",
  "pending_handoff",
  "handed_off",
  "nurture",
  "disqualified",
]);
export type Stage = z.infer<typeof Stage>;

export interface StageFacts {
  /** The prospect has said anything at all. */
  engaged: boolean;
  /** Score at or above the scorecard's MQL threshold. */
  marketingQualified: boolean;
  /** The scorecard's qualification rule holds. */
  qualified: boolean;
  disqualified: boolean;
  /** A handoff is waiting for a rep's decision. */
  handoffPending: boolean;
  /** A rep approved the handoff. */
  handedOff: boolean;
  /** The conversation ended without qualifying (turn limit, rejected handoff, wrap-up). */
  nurture: boolean;
}

// Ordered: the forward path. Leads move forward only; the side stages are decided by facts.
const forward: Stage[] = ["new", "engaged", "mql", "sql", "pending_handoff", "handed_off"];

/**
 * The stage a lead is in given what is now true. Pure and total: a lead never moves back along
 * the forward path (a later vaguer statement does not demote a handed-off lead), but a
 * disqualifier or nurture decision takes it off the path.
 */
export function nextStage(current: Stage, facts: StageFacts): Stage {
  if (facts.handedOff) return "handed_off";
  if (facts.handoffPending) return "pending_handoff";
  if (facts.disqualified) return "disqualified";
  const reached: Stage = facts.qualified
    ? "sql"
    : facts.marketingQualified
      ? "mql"
      : facts.engaged
        ? "engaged"
        : "new";
  // A rejected handoff or a wrap-up is a decision: the lead is nurtured even if it still qualifies.
  if (facts.nurture) return "nurture";
  const currentIndex = forward.indexOf(current);
  const reachedIndex = forward.indexOf(reached);
  // A nurtured lead that comes back and qualifies (no rejected handoff) is sales-qualified again.
  if (current === "nurture" || current === "disqualified") return facts.qualified ? "sql" : current;
  return currentIndex > reachedIndex && currentIndex <= forward.indexOf("sql") ? current : reached;
}
