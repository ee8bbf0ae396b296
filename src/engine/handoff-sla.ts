import type { HandoffStatus } from "../core/handoff.js";
import type { Clock, Logger } from "./ports.js";

/** An undecided handoff as the SLA sees it. */
export interface SlaHandoff {
  id: string;
  leadId: string;
  status: HandoffStatus;
  assignee: string | null;
  createdAt: Date;
  /** When it was last reassigned: the SLA restarts for the new assignee. */
  decidedAt: Date | null;
  remindedAt: Date | null;
  escalatedAt: Date | null;
  /** Where the card is (null: no card was posted, so there is no thread to remind in). */
  cardRef: unknown;
}

export interface HandoffSlaStore {
  /** Handoffs still waiting for a rep (pending or reassigned). */
  listUndecided(): Promise<SlaHandoff[]>;
  /** Sets remindedAt only if it is still null: one instance, one reminder. */
  claimReminder(handoffId: string, at: Date): Promise<boolean>;
  releaseReminder(handoffId: string): Promise<void>;
  claimEscalation(handoffId: string, at: Date): Promise<boolean>;
  releaseEscalation(handoffId: string): Promise<void>;
}

export interface SlaNotifier {
  remind(handoff: SlaHandoff, waitedMinutes: number): Promise<void>;
  escalate(handoff: SlaHandoff, to: string, waitedMinutes: number): Promise<void>;
}

export interface HandoffSlaDeps {
  store: HandoffSlaStore;
  notifier: SlaNotifier;
  clock: Clock;
  logger: Logger;
  slaMinutes: number;
  /** Who hears about a handoff nobody decided after a reminder (user, channel or group id). */
  escalateTo?: string;
}

export interface SlaReport {
  reminded: string[];
  escalated: string[];
}

function waitingSince(handoff: SlaHandoff): Date {
  return handoff.status === "reassigned" && handoff.decidedAt ? handoff.decidedAt : handoff.createdAt;
}

const minutesBetween = (from: Date, to: Date) => Math.floor((to.getTime() - from.getTime()) / 60_000);

async function notifyOnce(
  deps: HandoffSlaDeps,
  claim: () => Promise<boolean>,
  release: () => Promise<void>,
  notify: () => Promise<void>,
  context: { handoffId: string; step: "reminder" | "escalation" },
): Promise<boolean> {
  if (!(await claim())) return false;
  try {
    await notify();
    return true;
  } catch (error) {
    // Released so that the next check tries again rather than the step being silently lost.
    await release();
    deps.logger.warn(
      { code: "SLA_NOTIFY_FAILED", ...context, error: (error as Error).message },
      "handoff SLA notification failed; will retry",
    );
    return false;
  }
}

/**
 * Approval SLA: a handoff without a decision after `slaMinutes` gets a reminder in its card's
 * thread; still undecided one more SLA period after the reminder, it is escalated. Each step
 * happens once (claimed through remindedAt / escalatedAt), whatever the number of instances.
 */
export async function checkHandoffSla(deps: HandoffSlaDeps): Promise<SlaReport> {
  const now = deps.clock.now();
  const slaMs = deps.slaMinutes * 60_000;
  const report: SlaReport = { reminded: [], escalated: [] };
  for (const handoff of await deps.store.listUndecided()) {
    if (!handoff.cardRef) continue;
    if (!handoff.remindedAt) {
      const since = waitingSince(handoff);
      if (now.getTime() - since.getTime() < slaMs) continue;
      const done = await notifyOnce(
        deps,
        () => deps.store.claimReminder(handoff.id, now),
        () => deps.store.releaseReminder(handoff.id),
        () => deps.notifier.remind(handoff, minutesBetween(since, now)),
        { handoffId: handoff.id, step: "reminder" },
      );
      if (done) report.reminded.push(handoff.id);
      continue;
    }
    if (handoff.escalatedAt || !deps.escalateTo) continue;
    if (now.getTime() - handoff.remindedAt.getTime() < slaMs) continue;
    const to = deps.escalateTo;
    const done = await notifyOnce(
      deps,
      () => deps.store.claimEscalation(handoff.id, now),
      () => deps.store.releaseEscalation(handoff.id),
      () => deps.notifier.escalate(handoff, to, minutesBetween(waitingSince(handoff), now)),
      { handoffId: handoff.id, step: "escalation" },
    );
    if (done) report.escalated.push(handoff.id);
  }
  return report;
}

export interface SlaTimer {
  /** One check now (also what the timer runs); overlapping calls share one run. */
  tick(): Promise<SlaReport>;
  stop(): Promise<void>;
}

/** Runs the SLA check every `intervalMs`; time itself comes from `deps.clock`, so tests drive it. */
export function startHandoffSlaTimer(deps: HandoffSlaDeps, options: { intervalMs: number }): SlaTimer {
  let running: Promise<SlaReport> | undefined;
  const tick = () => {
    running ??= checkHandoffSla(deps)
      .catch((error) => {
        deps.logger.error(
          { code: "SLA_CHECK_FAILED", error: (error as Error).message },
          "handoff SLA check failed",
        );
        return { reminded: [], escalated: [] };
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void tick(), options.intervalMs);
  timer.unref();
  return {
    tick,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
