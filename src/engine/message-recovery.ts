import { type EngineDeps, processStoredMessage } from "./handle-prospect-message.js";
import type { JobQueue, Logger, ProspectDelivery } from "./ports.js";

/** Job: answer one stored prospect message whose turn never finished. */
export const recoverMessageJob = "message.recover";

export interface MessageRecoveryDeps {
  engine: EngineDeps;
  jobs: JobQueue;
  /** Channels that push replies themselves (Slack); web clients read stored replies. */
  deliveries: ReadonlyMap<string, ProspectDelivery>;
  logger: Logger;
  /** A message unanswered for this long is presumed abandoned by a dead instance. */
  staleAfterMs: number;
  batchSize?: number;
}

/**
 * Finds prospect messages stored but unanswered for longer than `staleAfterMs` and enqueues one
 * recovery job per message. Every instance may scan: the job's singleton key (the message id)
 * makes it one job per message, and the engine's processedAt check and lead version
 * compare-and-set make it one answer even if the original turn finishes after all.
 */
export async function enqueueStaleMessages(deps: MessageRecoveryDeps): Promise<number> {
  const before = new Date(deps.engine.clock.now().getTime() - deps.staleAfterMs);
  const stale = await deps.engine.store.listUnprocessed(before, deps.batchSize ?? 100);
  let enqueued = 0;
  for (const message of stale)
    if (
      await deps.jobs.enqueue(recoverMessageJob, message, {
        singletonKey: `message:${message.messageId}`,
        // A conversation's abandoned messages are answered in order, one at a time.
        groupKey: `conversation:${message.conversationId}`,
      })
    )
      enqueued++;
  if (enqueued > 0) {
    deps.logger.warn({ code: "TURNS_RECOVERED", count: enqueued }, "answering messages left unanswered");
    deps.jobs.nudge();
  }
  return enqueued;
}

/** Registers the recovery job's handler on this instance's queue. */
export function workOnMessageRecovery(deps: MessageRecoveryDeps): void {
  deps.jobs.work(recoverMessageJob, async (payload) => {
    const messageId = Number(payload.messageId);
    const conversationId = String(payload.conversationId);
    const outcome = await processStoredMessage(deps.engine, { messageId, conversationId });
    if (outcome.duplicate || outcome.replies.length === 0) return;
    const conversation = await deps.engine.store.getConversation(conversationId);
    const delivery = conversation ? deps.deliveries.get(conversation.channel) : undefined;
    if (!conversation || !delivery) return;
    for (const reply of outcome.replies)
      await delivery.deliver({
        conversationId,
        channel: conversation.channel,
        conversationKey: conversation.conversationKey,
        role: "bot",
        author: "qualbot",
        text: reply.text,
        messageId,
      });
  });
}

export interface RecoveryScanner {
  /** One scan now (also what the timer runs); overlapping calls share one run. */
  scan(): Promise<number>;
  stop(): Promise<void>;
}

/** Scans for abandoned messages every `intervalMs`. */
export function startRecoveryScanner(
  deps: MessageRecoveryDeps,
  options: { intervalMs: number },
): RecoveryScanner {
  let running: Promise<number> | undefined;
  const scan = () => {
    running ??= enqueueStaleMessages(deps)
      .catch((error) => {
        deps.logger.error(
          { code: "RECOVERY_SCAN_FAILED", error: (error as Error).message },
          "recovery scan failed",
        );
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void scan(), options.intervalMs);
  timer.unref();
  return {
    scan,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
