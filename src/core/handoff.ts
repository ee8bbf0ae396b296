import { z } from "zod";

export const HandoffStatus = z.enum(["pending", "reassigned", "approved", "rejected"]);
export type HandoffStatus = z.infer<typeof HandoffStatus>;

export interface HandoffState {
  status: HandoffStatus;
  /** Incremented on every decision: a decision applies only to the version it was made on. */
  version: number;
  assignee?: string | null;
  decidedBy?: string | null;
  decidedAt?: string | null;
  reason?: string | null;
}

export type HandoffDecision =
  | { kind: "approve"; by: string; at: string }
  | { kind: "reject"; by: string; at: string; reason: string }
  | { kind: "reassign"; by: string; at: string; to: string };

export type HandoffDecisionError =
  | { code: "already_decided"; status: HandoffStatus; decidedBy?: string | null; decidedAt?: string | null }
  | { code: "reason_required" }
  | { code: "invalid_assignee" };

/** Still waiting for a rep: a reassigned handoff is decided by its new assignee. */
export function isOpen(status: HandoffStatus): boolean {
  return status === "pending" || status === "reassigned";
}

/**
 * The handoff state machine: pending/reassigned → approved | rejected | reassigned. Approved and
 * rejected are final, so a second click on a decided card gets `already_decided` with who decided.
 */
export function applyHandoffDecision(
  current: HandoffState,
  decision: HandoffDecision,
): { ok: true; value: HandoffState } | { ok: false; error: HandoffDecisionError } {
  if (!isOpen(current.status))
    return {
      ok: false,
      error: {
        code: "already_decided",
        status: current.status,
        decidedBy: current.decidedBy,
        decidedAt: current.decidedAt,
      },
    };
  const base = { version: current.version + 1, decidedBy: decision.by, decidedAt: decision.at };
  switch (decision.kind) {
    case "approve":
      return {
        ok: true,
        value: { ...current, ...base, status: "approved", assignee: current.assignee ?? decision.by },
      };
    case "reject": {
      const reason = decision.reason.trim();
      if (!reason) return { ok: false, error: { code: "reason_required" } };
      return { ok: true, value: { ...current, ...base, status: "rejected", reason } };
    }
    case "reassign":
      if (!decision.to.trim()) return { ok: false, error: { code: "invalid_assignee" } };
      return { ok: true, value: { ...current, ...base, status: "reassigned", assignee: decision.to } };
  }
}
